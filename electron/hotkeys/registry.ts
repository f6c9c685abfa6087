/**
 * Global hotkeys for a calling session: dial, next, previous, skip, focus and outcome 1-9,
 * held only while a session runs (and not paused), so the rep's keyboard belongs to other apps
 * the rest of the day.
 *
 * Configured accelerators that cannot be used (bad syntax, duplicates in a saved config, taken
 * by the OS or another app) stay in the config with a `problem` the settings screen shows; a
 * rebind the rep makes that is invalid or duplicate is refused with a UserFacingError.
 */
import type { GlobalShortcutAdapter } from '../app/adapters';
import { UserFacingError } from '../app/dispatch';
import type { HotkeyAction, HotkeyBinding, HotkeyStatus } from '../contract';
import { log } from '../logging/log';
import {
  acceleratorIdentity,
  describeAccelerator,
  isValidAccelerator,
  takesOverAppShortcut,
  typesOverOtherApps,
} from './accelerator';

export { isValidAccelerator } from './accelerator';

const logger = log.scope('hotkeys');

/** Every action, in the order the settings screen lists them and duplicates are settled. */
export const hotkeyActions: HotkeyAction[] = [
  'dial', 'next', 'previous', 'skip', 'focus',
  'outcome1', 'outcome2', 'outcome3', 'outcome4', 'outcome5',
  'outcome6', 'outcome7', 'outcome8', 'outcome9',
];

/**
 * Ctrl+Alt (Cmd+Option on macOS) plus a letter: free in Windows, macOS, Teams, Zoom,
 * RingCentral and 8x8 as far as their published shortcut lists go, and never typed as text.
 */
export const defaultHotkeys: Record<HotkeyAction, string> = {
  dial: 'CommandOrControl+Alt+D',
  next: 'CommandOrControl+Alt+N',
  previous: 'CommandOrControl+Alt+P',
  skip: 'CommandOrControl+Alt+S',
  focus: 'CommandOrControl+Alt+M',
  outcome1: 'CommandOrControl+Alt+1',
  outcome2: 'CommandOrControl+Alt+2',
  outcome3: 'CommandOrControl+Alt+3',
  outcome4: 'CommandOrControl+Alt+4',
  outcome5: 'CommandOrControl+Alt+5',
  outcome6: 'CommandOrControl+Alt+6',
  outcome7: 'CommandOrControl+Alt+7',
  outcome8: 'CommandOrControl+Alt+8',
  outcome9: 'CommandOrControl+Alt+9',
};

const actionLabels: Record<HotkeyAction, string> = {
  dial: 'Dial',
  next: 'Next',
  previous: 'Previous',
  skip: 'Skip',
  focus: 'Focus the dialer',
  outcome1: 'Outcome 1',
  outcome2: 'Outcome 2',
  outcome3: 'Outcome 3',
  outcome4: 'Outcome 4',
  outcome5: 'Outcome 5',
  outcome6: 'Outcome 6',
  outcome7: 'Outcome 7',
  outcome8: 'Outcome 8',
  outcome9: 'Outcome 9',
};

export interface HotkeyRegistry {
  /** Loads the saved config (missing actions get defaults); re-registers if active. */
  configure(bindings: Partial<Record<HotkeyAction, string>>): HotkeyStatus;
  /** A calling session started: register every usable binding. */
  activate(): HotkeyStatus;
  /** The session ended: give every accelerator back to the OS. */
  deactivate(): HotkeyStatus;
  /** Paused hotkeys are unregistered but remembered, e.g. while the rep types elsewhere. */
  pause(paused: boolean): HotkeyStatus;
  /** Binds one action; an empty accelerator unbinds it. Throws on invalid or duplicate. */
  rebind(action: HotkeyAction, accelerator: string): HotkeyStatus;
  status(): HotkeyStatus;
  /** The config to save in settings. */
  bindings(): Partial<Record<HotkeyAction, string>>;
}

function isHotkeyAction(name: string): name is HotkeyAction {
  return (hotkeyActions as string[]).includes(name);
}

export function createHotkeyRegistry(
  shortcuts: GlobalShortcutAdapter,
  onAction: (action: HotkeyAction) => void,
  options: { platform?: string } = {},
): HotkeyRegistry {
  const platform = options.platform ?? process.platform;
  const config: Record<HotkeyAction, string> = { ...defaultHotkeys };
  /** Problems with the config itself: syntax, typing over apps, duplicates. */
  const configProblems = new Map<HotkeyAction, string>();
  /** Problems from the OS at registration time. */
  const registrationProblems = new Map<HotkeyAction, string>();
  /** What this registry currently holds with the adapter, by action. */
  const held = new Map<HotkeyAction, string>();
  let active = false;
  let paused = false;

  const shown = (accelerator: string) => describeAccelerator(accelerator, platform);

  const problemOf = (accelerator: string): string | undefined => {
    if (!isValidAccelerator(accelerator)) {
      return `"${accelerator}" is not a shortcut (try something like CommandOrControl+Alt+D).`;
    }

    if (typesOverOtherApps(accelerator)) {
      return `${shown(accelerator)} has no Ctrl, Alt or ${platform === 'darwin' ? 'Cmd' : 'Win'} ` +
        'key, so it would fire while typing in other apps; add one.';
    }

    if (takesOverAppShortcut(accelerator)) {
      return `${shown(accelerator)} is a shortcut other apps use (copy, paste, save...); ` +
        `add ${platform === 'darwin' ? 'Option' : 'Alt'} to it.`;
    }

    return undefined;
  };

  const validate = () => {
    configProblems.clear();

    const owners = new Map<string, HotkeyAction>();

    for (const action of hotkeyActions) {
      const accelerator = config[action];

      if (accelerator === '') continue;

      const problem = problemOf(accelerator);

      if (problem) {
        configProblems.set(action, problem);
        continue;
      }

      const identity = acceleratorIdentity(accelerator, platform) ?? accelerator;
      const owner = owners.get(identity);

      if (owner) {
        configProblems.set(
          action,
          `${shown(accelerator)} is already used for ${actionLabels[owner]}; choose another.`,
        );
        continue;
      }

      owners.set(identity, action);
    }
  };

  const press = (action: HotkeyAction) => {
    // The OS may deliver a press queued just before we unregistered; a paused or ended
    // session must not act on it.
    if (!active || paused) return;

    try {
      onAction(action);
    } catch (error) {
      logger.error('hotkey action failed', { action, error: String(error) });
    }
  };

  const register = (action: HotkeyAction, accelerator: string) => {
    let ok = false;
    let refusal = `${shown(accelerator)} is taken by another app; choose another.`;

    try {
      ok = shortcuts.register(accelerator, () => press(action));
    } catch (error) {
      // Electron throws rather than returning false for accelerators the OS cannot map.
      refusal = `${shown(accelerator)} could not be registered (${String(error)}); choose another.`;
    }

    if (ok) {
      held.set(action, accelerator);
      registrationProblems.delete(action);

      return;
    }

    logger.warn('hotkey refused by the OS or taken by another app', { action, accelerator });
    registrationProblems.set(action, refusal);
  };

  /** Brings what the adapter holds in line with the config and the session state. */
  const reconcile = () => {
    validate();

    const holding = active && !paused;
    const wanted = (action: HotkeyAction): string | undefined =>
      holding && config[action] !== '' && !configProblems.has(action) ? config[action] : undefined;

    // Release first, so that two actions swapping accelerators never collide with ourselves.
    for (const [action, accelerator] of [...held]) {
      if (wanted(action) === accelerator) continue;

      shortcuts.unregister(accelerator);
      held.delete(action);
    }

    for (const action of hotkeyActions) {
      const accelerator = wanted(action);

      if (accelerator === undefined) {
        registrationProblems.delete(action);
        continue;
      }

      if (held.get(action) !== accelerator) register(action, accelerator);
    }
  };

  const status = (): HotkeyStatus => ({
    active,
    paused,
    bindings: hotkeyActions.map((action): HotkeyBinding => {
      const problem = configProblems.get(action) ?? registrationProblems.get(action);
      const binding: HotkeyBinding = {
        action,
        accelerator: config[action],
        registered: held.has(action),
      };

      if (problem) binding.problem = problem;

      return binding;
    }),
  });

  return {
    configure(bindings) {
      for (const action of hotkeyActions) config[action] = defaultHotkeys[action];

      for (const [action, accelerator] of Object.entries(bindings)) {
        if (isHotkeyAction(action) && typeof accelerator === 'string') {
          config[action] = accelerator.trim();
        }
      }

      reconcile();

      return status();
    },

    activate() {
      active = true;
      reconcile();
      logger.info('hotkeys active', { registered: held.size });

      return status();
    },

    deactivate() {
      active = false;
      reconcile();
      logger.info('hotkeys released');

      return status();
    },

    pause(nextPaused) {
      paused = nextPaused;
      reconcile();

      return status();
    },

    rebind(action, accelerator) {
      const wanted = accelerator.trim();

      if (wanted !== '') {
        const problem = problemOf(wanted);

        if (problem) throw new UserFacingError('invalid', problem);

        const identity = acceleratorIdentity(wanted, platform);
        const owner = hotkeyActions.find(
          (other) =>
            other !== action &&
            config[other] !== '' &&
            acceleratorIdentity(config[other], platform) === identity,
        );

        if (owner) {
          throw new UserFacingError(
            'invalid',
            `${shown(wanted)} is already used for ${actionLabels[owner]}; choose another ` +
              'or change that one first.',
          );
        }
      }

      // reconcile() releases the old accelerator; binding the same one again retries a
      // registration the OS refused earlier.
      config[action] = wanted;
      reconcile();

      return status();
    },

    status,

    bindings() {
      return { ...config };
    },
  };
}
