/**
 * Electron accelerator strings ("CommandOrControl+Alt+D"), checked and compared without
 * Electron: modifiers joined by `+` with exactly one key code, case-insensitive.
 */

const modifierAliases: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const namedKeys: Record<string, string> = {
  plus: 'Plus',
  space: 'Space',
  tab: 'Tab',
  capslock: 'Capslock',
  numlock: 'Numlock',
  scrolllock: 'Scrolllock',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  return: 'Return',
  enter: 'Return',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  escape: 'Escape',
  esc: 'Escape',
  volumeup: 'VolumeUp',
  volumedown: 'VolumeDown',
  volumemute: 'VolumeMute',
  medianexttrack: 'MediaNextTrack',
  mediaprevioustrack: 'MediaPreviousTrack',
  mediastop: 'MediaStop',
  mediaplaypause: 'MediaPlayPause',
  printscreen: 'PrintScreen',
  numdec: 'numdec',
  numadd: 'numadd',
  numsub: 'numsub',
  nummult: 'nummult',
  numdiv: 'numdiv',
};

const punctuation = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"']);

export interface ParsedAccelerator {
  /** Canonical modifier names, sorted. */
  modifiers: string[];
  /** Canonical key name: `D`, `5`, `F13`, `PageUp`, `num3`, `/`. */
  key: string;
}

function keyCode(token: string): string | undefined {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/i.test(token)) return token.toUpperCase();
  if (/^num[0-9]$/i.test(token)) return token.toLowerCase();
  if (token.length === 1 && punctuation.has(token)) return token;

  return namedKeys[token.toLowerCase()];
}

/** Splits an accelerator into modifiers and key, or undefined when Electron would reject it. */
export function parseAccelerator(accelerator: string): ParsedAccelerator | undefined {
  if (accelerator !== accelerator.trim() || accelerator === '') return undefined;

  // "Ctrl++" would be ambiguous; Electron spells that key "Plus".
  const tokens = accelerator.split('+');

  if (tokens.some((token) => token === '')) return undefined;

  const key = keyCode(tokens[tokens.length - 1] ?? '');
  const modifiers = tokens.slice(0, -1).map((token) => modifierAliases[token.toLowerCase()]);

  if (key === undefined || modifiers.some((modifier) => modifier === undefined)) return undefined;

  const unique = [...new Set(modifiers as string[])].sort();

  if (unique.length !== modifiers.length) return undefined;

  return { modifiers: unique, key };
}

/** Electron accelerator syntax: modifiers then exactly one key code, joined by `+`. */
export function isValidAccelerator(accelerator: string): boolean {
  return parseAccelerator(accelerator) !== undefined;
}

/**
 * A key for "is this the same shortcut": CmdOrCtrl is Control on Windows and Linux and
 * Command on macOS, so CmdOrCtrl+Alt+D and Ctrl+Alt+D collide there.
 */
export function acceleratorIdentity(
  accelerator: string,
  platform: string = process.platform,
): string | undefined {
  const parsed = parseAccelerator(accelerator);

  if (!parsed) return undefined;

  const physical = parsed.modifiers.map((modifier) => {
    if (modifier !== 'CommandOrControl') return modifier;

    return platform === 'darwin' ? 'Command' : 'Control';
  });

  return [...new Set(physical)].sort().concat(parsed.key).join('+');
}

/** How a rep reads the shortcut on their machine: "Ctrl+Alt+D" or "Cmd+Option+D". */
export function describeAccelerator(
  accelerator: string,
  platform: string = process.platform,
): string {
  const parsed = parseAccelerator(accelerator);

  if (!parsed) return accelerator;

  const mac = platform === 'darwin';
  const order = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];
  const names: Record<string, string> = {
    CommandOrControl: mac ? 'Cmd' : 'Ctrl',
    Command: 'Cmd',
    Control: 'Ctrl',
    Alt: mac ? 'Option' : 'Alt',
    AltGr: 'AltGr',
    Shift: 'Shift',
    Super: mac ? 'Cmd' : 'Win',
  };
  const modifiers = [...parsed.modifiers].sort((a, b) => order.indexOf(a) - order.indexOf(b));

  return [...modifiers.map((modifier) => names[modifier] ?? modifier), parsed.key].join('+');
}

/**
 * A global shortcut without Ctrl, Alt, Cmd or Win would fire while the rep types in any app.
 * Function keys F13-F24 and media keys are left alone by typing, so they may stand alone.
 */
export function typesOverOtherApps(accelerator: string): boolean {
  const parsed = parseAccelerator(accelerator);

  if (!parsed) return false;

  const guarding = parsed.modifiers.filter((modifier) => modifier !== 'Shift');
  const standalone = /^F(1[3-9]|2[0-4])$/.test(parsed.key) || /^(Media|Volume)/.test(parsed.key);

  return guarding.length === 0 && !standalone;
}

/**
 * Ctrl or Cmd with one letter or key (and at most Shift) is how every app copies, pastes,
 * undoes, saves, finds and closes: taking one globally would break that in the softphone,
 * the CRM and the browser for the whole session. Such shortcuts need Alt/Option or a
 * function key.
 */
export function takesOverAppShortcut(accelerator: string): boolean {
  const parsed = parseAccelerator(accelerator);

  if (!parsed) return false;

  const commandLike = ['CommandOrControl', 'Control', 'Command', 'Super'];
  const onlyCommand = parsed.modifiers.every(
    (modifier) => modifier === 'Shift' || commandLike.includes(modifier),
  );
  const functionKey = /^F([1-9]|1\d|2[0-4])$/.test(parsed.key);

  return parsed.modifiers.some((modifier) => commandLike.includes(modifier)) && onlyCommand &&
    !functionKey && !/^(Media|Volume)/.test(parsed.key);
}
