/**
 * Node stand-ins for the shell adapters, for tests, the soak command and the browser demo.
 * HTTP, the keychain and the file system are real; only what Electron alone can do (opening a
 * dial link with the OS, global shortcuts, notifications, the clipboard, window focus) is
 * recorded instead, behind the same interfaces the Electron shell implements.
 */
import type { Clock, GlobalShortcutAdapter, ShellAdapters } from '../../electron/app/adapters';
import { systemClock } from '../../electron/app/adapters';
import { isAllowedDialLink } from '../../electron/dial/links';
import type { SecretVault } from '../../electron/secrets/vault';

export interface RecordingShortcuts extends GlobalShortcutAdapter {
  /** Accelerators that "another app" owns: register() refuses them. */
  taken: Set<string>;
  /** Simulates the rep pressing a registered global shortcut. */
  press(accelerator: string): boolean;
  registered(): string[];
}

export interface RecordingAdapters extends ShellAdapters {
  opened: string[];
  copied: string[];
  notifications: { title: string; body: string }[];
  focused: number;
  shortcuts: RecordingShortcuts;
}

export function createRecordingShortcuts(): RecordingShortcuts {
  const handlers = new Map<string, () => void>();
  const taken = new Set<string>();

  return {
    taken,
    register(accelerator, onPress) {
      if (taken.has(accelerator) || handlers.has(accelerator)) return false;
      handlers.set(accelerator, onPress);

      return true;
    },
    unregister: (accelerator) => void handlers.delete(accelerator),
    isRegistered: (accelerator) => handlers.has(accelerator),
    press(accelerator) {
      const handler = handlers.get(accelerator);

      handler?.();

      return Boolean(handler);
    },
    registered: () => [...handlers.keys()],
  };
}

export function createNodeAdapters(options: {
  userData: string;
  vault: SecretVault;
  clock?: Clock;
  fetch?: typeof fetch;
}): RecordingAdapters {
  const adapters: RecordingAdapters = {
    fetch: options.fetch ?? fetch,
    vault: options.vault,
    clock: options.clock ?? systemClock,
    paths: { userData: options.userData, logs: options.userData },
    opened: [],
    copied: [],
    notifications: [],
    focused: 0,
    dial: {
      async open(url) {
        if (!isAllowedDialLink(url)) throw new Error(`Refused to open "${url}".`);
        adapters.opened.push(url);
      },
    },
    shortcuts: createRecordingShortcuts(),
    notify: { show: (title, body) => void adapters.notifications.push({ title, body }) },
    clipboard: { writeText: (text) => void adapters.copied.push(text) },
    window: { focus: () => void adapters.focused++ },
  };

  return adapters;
}

/** A clock the test moves by hand. */
export function fixedClock(
  start: Date,
): Clock & { set(date: Date): void; advance(ms: number): void } {
  let current = start.getTime();

  return {
    now: () => new Date(current),
    set: (date) => void (current = date.getTime()),
    advance: (ms) => void (current += ms),
  };
}
