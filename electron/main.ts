/**
 * Composition root of the desktop app: builds the Electron adapters, hands them to the core,
 * opens the window and wires IPC. Everything with rules in it lives in the core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, globalShortcut, powerMonitor } from 'electron';
import { createCore, type Core } from './app/core';
import { log, logToFile } from './logging/log';
import { createKeytarVault, loadKeytar } from './secrets/keytar-vault';
import { electronAdapters } from './shell/adapters';
import { eventSender, registerIpcHandlers } from './shell/ipc';
import { createDialerWindow, type DialerWindow } from './shell/window';

const logger = log.scope('main');
let dialerWindow: DialerWindow | undefined;
let core: Core | undefined;

/**
 * Native modules built for Electron's ABI by `npm run demo` live in .native/electron so the
 * copies in node_modules stay built for Node and the tests keep working. A packaged app has
 * them rebuilt in place by electron-builder, so nothing is looked up there.
 */
function electronNative(file: string): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = path.join(app.getAppPath(), '.native', 'electron', file);

  return fs.existsSync(candidate) ? candidate : undefined;
}

async function start(): Promise<void> {
  logToFile(path.join(app.getPath('logs'), 'dialer.log'));
  logger.info('starting', { version: app.getVersion(), platform: process.platform });

  const keytar = await loadKeytar(electronNative('keytar.node'));
  const vault = createKeytarVault(keytar);
  const adapters = electronAdapters(vault, () => dialerWindow?.window);

  core = await createCore(adapters, { nativeBinding: electronNative('better_sqlite3.node') });

  dialerWindow = createDialerWindow({
    preload: path.join(import.meta.dirname, '../preload/preload.cjs'),
    rendererFile: path.join(import.meta.dirname, '../renderer/index.html'),
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  });
  registerIpcHandlers(core.handlers, (frame) => dialerWindow?.isTrustedSender(frame) ?? false);
  core.onEvent(eventSender(() => dialerWindow?.window.webContents));
  powerMonitor.on('resume', () => core?.networkChanged());
  await core.start();
  await demoSignIn(core);
}

/** `npm run demo` passes the simulator's address so the app opens signed in to it. */
async function demoSignIn(running: Core): Promise<void> {
  const url = process.env.DIALER_DEMO_URL;

  if (!url) return;
  const result = await running.handlers['auth:signIn']({
    serverUrl: url,
    companyId: process.env.DIALER_DEMO_COMPANY ?? 'TMS',
    userId: process.env.DIALER_DEMO_USER ?? 'demo',
    password: process.env.DIALER_DEMO_PASSWORD ?? 'demo',
    remember: false,
  }).catch((error: unknown) => logger.warn('demo sign-in failed', { reason: String(error) }));

  if (result) logger.info('demo signed in', { url });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => dialerWindow?.window.show());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('start-up failed', { reason: String(error) });
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    void core?.stop();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) dialerWindow?.window.show();
  });
}
