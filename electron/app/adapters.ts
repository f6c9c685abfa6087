/**
 * The seams between the core and the desktop shell. `electron/main.ts` fills these with
 * Electron-backed adapters; tests and the browser harness fill them with Node ones.
 * Nothing in the core imports `electron`.
 */
import type { SecretVault } from '../secrets/vault';

export interface Clock {
  now(): Date;
}

export interface AppPaths {
  /** Folder for the SQLite store and settings. */
  userData: string;
  /** Folder for rotated log files. */
  logs: string;
}

/** Opens a dial link (tel:, sip:, msteams:...) with the OS handler. */
export interface DialAdapter {
  open(url: string): Promise<void>;
}

/** Wraps Electron's globalShortcut so the registry can be tested without Electron. */
export interface GlobalShortcutAdapter {
  /** False when the OS or another app already owns the accelerator. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

export interface NotifyAdapter {
  show(title: string, body: string): void;
}

export interface ClipboardAdapter {
  writeText(text: string): void;
}

export interface WindowAdapter {
  /** Brings the dialer window to the front. */
  focus(): void;
}

export interface ShellAdapters {
  fetch: typeof fetch;
  vault: SecretVault;
  clock: Clock;
  paths: AppPaths;
  dial: DialAdapter;
  shortcuts: GlobalShortcutAdapter;
  notify: NotifyAdapter;
  clipboard: ClipboardAdapter;
  window: WindowAdapter;
}

export const systemClock: Clock = { now: () => new Date() };
