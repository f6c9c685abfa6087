/** The Electron-backed implementations of the core's adapters. */
import {
  app,
  clipboard,
  globalShortcut,
  net,
  Notification,
  shell,
  type BrowserWindow,
} from 'electron';
import type { ShellAdapters } from '../app/adapters';
import { systemClock } from '../app/adapters';
import { isAllowedDialLink } from '../dial/links';
import type { SecretVault } from '../secrets/vault';

export function electronAdapters(
  vault: SecretVault,
  window: () => BrowserWindow | undefined,
): ShellAdapters {
  return {
    // net.fetch follows the OS proxy settings, which reps behind a corporate proxy need.
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.toString() : input, init)) as typeof fetch,
    vault,
    clock: systemClock,
    paths: { userData: app.getPath('userData'), logs: app.getPath('logs') },
    dial: {
      async open(url) {
        // The core already checked it; check again at the last door before the OS.
        if (!isAllowedDialLink(url)) throw new Error(`Refused to open "${url}".`);
        await shell.openExternal(url);
      },
    },
    shortcuts: {
      register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
      isRegistered: (accelerator) => globalShortcut.isRegistered(accelerator),
    },
    notify: {
      show(title, body) {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    },
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    window: {
      focus() {
        const target = window();

        if (!target) return;
        if (target.isMinimized()) target.restore();
        target.show();
        target.focus();
      },
    },
  };
}
