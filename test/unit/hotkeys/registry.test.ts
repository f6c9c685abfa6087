import { beforeEach, describe, expect, it } from 'vitest';
import type { GlobalShortcutAdapter } from '../../../electron/app/adapters';
import type { HotkeyAction, HotkeyStatus } from '../../../electron/contract';
import {
  createHotkeyRegistry,
  defaultHotkeys,
  hotkeyActions,
  isValidAccelerator,
  type HotkeyRegistry,
} from '../../../electron/hotkeys/registry';
import {
  acceleratorIdentity,
  describeAccelerator,
} from '../../../electron/hotkeys/accelerator';

/**
 * Stands in for Electron's globalShortcut (the one fake these tests use): it refuses
 * accelerators that "another app" owns, refuses double registration like the OS does, and lets
 * a test press a key.
 */
class FakeShortcuts implements GlobalShortcutAdapter {
  readonly owned = new Map<string, () => void>();
  readonly takenByOthers = new Set<string>();
  readonly log: string[] = [];

  register(accelerator: string, onPress: () => void): boolean {
    this.log.push(`register ${accelerator}`);
    if (this.takenByOthers.has(accelerator) || this.owned.has(accelerator)) return false;
    this.owned.set(accelerator, onPress);

    return true;
  }

  unregister(accelerator: string): void {
    this.log.push(`unregister ${accelerator}`);
    this.owned.delete(accelerator);
  }

  isRegistered(accelerator: string): boolean {
    return this.owned.has(accelerator);
  }

  /** Returns false when nothing was listening, as a real key press would just be lost. */
  press(accelerator: string): boolean {
    const onPress = this.owned.get(accelerator);

    onPress?.();

    return onPress !== undefined;
  }
}

function binding(status: HotkeyStatus, action: HotkeyAction) {
  const found = status.bindings.find((candidate) => candidate.action === action);

  if (!found) throw new Error(`no binding for ${action}`);

  return found;
}

let shortcuts: FakeShortcuts;
let pressed: HotkeyAction[];
let registry: HotkeyRegistry;

beforeEach(() => {
  shortcuts = new FakeShortcuts();
  pressed = [];
  registry = createHotkeyRegistry(shortcuts, (action) => pressed.push(action), {
    platform: 'win32',
  });
});

describe('isValidAccelerator', () => {
  it.each([
    'CommandOrControl+Alt+D',
    'CmdOrCtrl+Shift+Z',
    'Ctrl+Alt+5',
    'alt+shift+f12',
    'F13',
    'Super+PageDown',
    'Control+Alt+Plus',
    'Ctrl+num5',
    'Ctrl+Alt+/',
    'MediaPlayPause',
    'Option+Return',
  ])('accepts %s', (accelerator) => {
    expect(isValidAccelerator(accelerator)).toBe(true);
  });

  it.each([
    '',
    'Ctrl+',
    'Ctrl++',
    'Ctrl+Alt',
    'Ctrl+Alt+D+E',
    'Ctrl+Ctrl+D',
    'Hyper+D',
    'Ctrl+F25',
    ' Ctrl+D',
    'Ctrl+Alt+Dial',
  ])('refuses %j', (accelerator) => {
    expect(isValidAccelerator(accelerator)).toBe(false);
  });

  it('treats CmdOrCtrl as Ctrl on Windows and as Cmd on macOS', () => {
    expect(acceleratorIdentity('CmdOrCtrl+Alt+D', 'win32')).toBe(
      acceleratorIdentity('Alt+Control+d', 'win32'),
    );
    expect(acceleratorIdentity('CmdOrCtrl+Alt+D', 'darwin')).not.toBe(
      acceleratorIdentity('Ctrl+Alt+D', 'darwin'),
    );
    expect(describeAccelerator('CommandOrControl+Alt+D', 'win32')).toBe('Ctrl+Alt+D');
    expect(describeAccelerator('CommandOrControl+Alt+D', 'darwin')).toBe('Cmd+Option+D');
  });
});

describe('hotkey registry', () => {
  it('has a valid, distinct default for every action', () => {
    const accelerators = hotkeyActions.map((action) => defaultHotkeys[action]);

    expect(accelerators.every(isValidAccelerator)).toBe(true);
    expect(new Set(accelerators).size).toBe(hotkeyActions.length);
  });

  it('registers nothing until a calling session starts', () => {
    const status = registry.configure({});

    expect(status.active).toBe(false);
    expect(status.bindings.every((b) => !b.registered)).toBe(true);
    expect(shortcuts.owned.size).toBe(0);
  });

  it('registers every binding on activate and calls the action on a press', () => {
    registry.configure({});
    const status = registry.activate();

    expect(status.active).toBe(true);
    expect(status.bindings).toHaveLength(14);
    expect(status.bindings.every((b) => b.registered && b.problem === undefined)).toBe(true);
    expect(shortcuts.owned.size).toBe(14);

    shortcuts.press('CommandOrControl+Alt+D');
    shortcuts.press('CommandOrControl+Alt+3');

    expect(pressed).toEqual(['dial', 'outcome3']);
  });

  it('gives every accelerator back when the session ends', () => {
    registry.activate();
    const status = registry.deactivate();

    expect(status.active).toBe(false);
    expect(shortcuts.owned.size).toBe(0);
    expect(shortcuts.press('CommandOrControl+Alt+D')).toBe(false);
    expect(pressed).toEqual([]);
  });

  it('reports an accelerator another app owns and registers the rest', () => {
    shortcuts.takenByOthers.add('CommandOrControl+Alt+N');
    const status = registry.activate();

    expect(binding(status, 'next')).toEqual({
      action: 'next',
      accelerator: 'CommandOrControl+Alt+N',
      registered: false,
      problem: 'Ctrl+Alt+N is taken by another app; choose another.',
    });
    expect(binding(status, 'dial').registered).toBe(true);
    expect(shortcuts.owned.size).toBe(13);
  });

  it('moves a taken action to a free accelerator and releases nothing it does not hold', () => {
    shortcuts.takenByOthers.add('CommandOrControl+Alt+N');
    registry.activate();
    shortcuts.log.length = 0;

    const status = registry.rebind('next', 'CommandOrControl+Alt+J');

    expect(binding(status, 'next')).toEqual({
      action: 'next',
      accelerator: 'CommandOrControl+Alt+J',
      registered: true,
    });
    expect(shortcuts.log).toEqual(['register CommandOrControl+Alt+J']);
    shortcuts.press('CommandOrControl+Alt+J');
    expect(pressed).toEqual(['next']);
  });

  it('unregisters the old accelerator when rebinding', () => {
    registry.activate();
    const status = registry.rebind('dial', 'CommandOrControl+Shift+F9');

    expect(binding(status, 'dial')).toMatchObject({
      accelerator: 'CommandOrControl+Shift+F9',
      registered: true,
    });
    expect(shortcuts.isRegistered('CommandOrControl+Alt+D')).toBe(false);
    expect(shortcuts.press('CommandOrControl+Alt+D')).toBe(false);
    shortcuts.press('CommandOrControl+Shift+F9');
    expect(pressed).toEqual(['dial']);
    expect(registry.bindings().dial).toBe('CommandOrControl+Shift+F9');
  });

  it('refuses an accelerator another action already uses, whatever its spelling', () => {
    registry.activate();

    expect(() => registry.rebind('skip', 'Ctrl+Alt+D')).toThrow(
      'Ctrl+Alt+D is already used for Dial; choose another or change that one first.',
    );
    expect(registry.bindings().skip).toBe('CommandOrControl+Alt+S');
    expect(binding(registry.status(), 'skip').registered).toBe(true);
  });

  it('refuses a malformed accelerator and one that would fire while typing', () => {
    expect(() => registry.rebind('dial', 'Ctrl+Alt+Dial')).toThrow(/is not a shortcut/);
    expect(() => registry.rebind('dial', 'D')).toThrow(/would fire while typing/);
    expect(() => registry.rebind('dial', 'Shift+D')).toThrow(/would fire while typing/);
    expect(registry.bindings().dial).toBe('CommandOrControl+Alt+D');
  });

  it.each(['CommandOrControl+C', 'Ctrl+V', 'Command+Z', 'CommandOrControl+Shift+S', 'Super+L'])(
    'refuses %s, which other apps use for copy, paste, undo, save or lock',
    (accelerator) => {
      expect(() => registry.rebind('previous', accelerator)).toThrow(/other apps use/);
      expect(registry.bindings().previous).toBe('CommandOrControl+Alt+P');
    },
  );

  it.each(['CommandOrControl+Alt+C', 'Ctrl+F9', 'Control+Shift+Alt+K'])(
    'accepts %s, which no app uses for editing',
    (accelerator) => {
      expect(() => registry.rebind('previous', accelerator)).not.toThrow();
      expect(registry.bindings().previous).toBe(accelerator);
    },
  );

  it('retries an accelerator the OS refused when the rep binds it again', () => {
    shortcuts.takenByOthers.add('CommandOrControl+Alt+N');
    registry.activate();
    shortcuts.takenByOthers.clear();

    const status = registry.rebind('next', 'CommandOrControl+Alt+N');

    expect(binding(status, 'next')).toEqual({
      action: 'next',
      accelerator: 'CommandOrControl+Alt+N',
      registered: true,
    });
  });

  it('unbinds an action with an empty accelerator', () => {
    registry.activate();
    const status = registry.rebind('focus', '');

    expect(binding(status, 'focus')).toEqual({
      action: 'focus',
      accelerator: '',
      registered: false,
    });
    expect(shortcuts.isRegistered('CommandOrControl+Alt+M')).toBe(false);
  });

  it('pauses by unregistering, ignores presses, and resumes with the same bindings', () => {
    registry.activate();
    const paused = registry.pause(true);

    expect(paused).toMatchObject({ active: true, paused: true });
    expect(shortcuts.owned.size).toBe(0);
    expect(shortcuts.press('CommandOrControl+Alt+N')).toBe(false);

    const resumed = registry.pause(false);

    expect(resumed.bindings.every((b) => b.registered)).toBe(true);
    shortcuts.press('CommandOrControl+Alt+N');
    expect(pressed).toEqual(['next']);
  });

  it('stays paused across a new session and keeps rebinds for later', () => {
    registry.pause(true);
    registry.activate();
    registry.rebind('dial', 'CommandOrControl+Alt+F2');

    expect(shortcuts.owned.size).toBe(0);
    registry.pause(false);
    expect(shortcuts.isRegistered('CommandOrControl+Alt+F2')).toBe(true);
  });

  it('ignores a press delivered after the session ended', () => {
    registry.activate();
    const lateDial = shortcuts.owned.get('CommandOrControl+Alt+D');

    registry.deactivate();
    lateDial?.();

    expect(pressed).toEqual([]);
  });

  it('loads a saved config with defaults for missing actions and flags its problems', () => {
    const status = registry.configure({
      dial: 'F14',
      next: 'Ctrl+Alt+Nope',
      previous: 'F14',
      outcome1: 'Ctrl+Alt+Q',
    });

    expect(binding(status, 'dial')).toEqual({
      action: 'dial',
      accelerator: 'F14',
      registered: false,
    });
    expect(binding(status, 'next').problem).toMatch(/"Ctrl\+Alt\+Nope" is not a shortcut/);
    expect(binding(status, 'previous').problem).toBe(
      'F14 is already used for Dial; choose another.',
    );
    expect(binding(status, 'skip').accelerator).toBe('CommandOrControl+Alt+S');

    const active = registry.activate();

    expect(binding(active, 'dial').registered).toBe(true);
    expect(binding(active, 'next').registered).toBe(false);
    expect(binding(active, 'previous').registered).toBe(false);
    expect(binding(active, 'outcome1').registered).toBe(true);
    expect(shortcuts.owned.size).toBe(12);
  });

  it('lets two actions swap accelerators through a new saved config while active', () => {
    registry.activate();
    registry.configure({ next: 'CommandOrControl+Alt+P', previous: 'CommandOrControl+Alt+N' });

    shortcuts.press('CommandOrControl+Alt+P');
    shortcuts.press('CommandOrControl+Alt+N');

    expect(pressed).toEqual(['next', 'previous']);
    expect(registry.status().bindings.every((b) => b.registered)).toBe(true);
  });

  it('survives an action handler that throws', () => {
    const failing = createHotkeyRegistry(shortcuts, () => {
      throw new Error('renderer gone');
    });

    failing.activate();

    expect(() => shortcuts.press('CommandOrControl+Alt+D')).not.toThrow();
  });

  it('turns an adapter that throws on register into a problem', () => {
    const throwing: GlobalShortcutAdapter = {
      register: () => {
        throw new Error('conversion failure');
      },
      unregister: () => undefined,
      isRegistered: () => false,
    };
    const registryOnLinux = createHotkeyRegistry(throwing, () => undefined, { platform: 'linux' });
    const status = registryOnLinux.activate();

    expect(binding(status, 'dial')).toMatchObject({
      registered: false,
      problem: 'Ctrl+Alt+D could not be registered (Error: conversion failure); choose another.',
    });
  });
});
