/**
 * The dialer window: isolated, sandboxed, no Node, strict CSP, and no way to navigate away
 * or open other windows. Links a rep might click (a prospect's website) go to the browser.
 */
import path from 'node:path';
import { BrowserWindow, session, shell, type WebFrameMain } from 'electron';
import { log } from '../logging/log';

const logger = log.scope('window');

const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface DialerWindow {
  window: BrowserWindow;
  isTrustedSender(frame: WebFrameMain | null): boolean;
}

export function createDialerWindow(options: {
  preload: string;
  rendererFile: string;
  devServerUrl?: string;
}): DialerWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 820,
    minHeight: 560,
    title: 'McLeod Dialer',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      devTools: Boolean(options.devServerUrl),
    },
  });
  const pageUrl = options.devServerUrl ?? pathToFileUrl(options.rendererFile);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('permission refused', { permission });
    callback(false);
  });

  window.webContents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) {
      event.preventDefault();
      logger.warn('navigation refused', { url });
    }
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) void shell.openExternal(url);
    else logger.warn('new window refused', { url });

    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());

  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(options.rendererFile);

  return {
    window,
    isTrustedSender(frame) {
      if (!frame || window.isDestroyed()) return false;

      return frame === window.webContents.mainFrame && samePage(frame.url, pageUrl);
    },
  };
}

function pathToFileUrl(file: string): string {
  const absolute = path.resolve(file).replace(/\\/g, '/');

  return encodeURI(`file://${absolute.startsWith('/') ? '' : '/'}${absolute}`);
}

function samePage(frameUrl: string, pageUrl: string): boolean {
  const strip = (url: string) => url.split('#')[0]?.split('?')[0];

  return strip(frameUrl) === strip(pageUrl);
}
