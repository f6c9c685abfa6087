/**
 * Keyboard rules shared by the calling view, the help overlay and the hotkey editor.
 * Single-letter keys act only when focus is not in a text field, so typing notes never
 * dials or logs by accident.
 */

/** True when the event target takes typed text (inputs, textareas, selects, editables). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;

  if (target.isContentEditable) return true;

  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;

  if (!(target instanceof HTMLInputElement)) return false;

  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

/** "1".."9" for a digit key, read from the physical key so Alt/Option does not change it. */
export function digitOf(event: KeyboardEvent): string | undefined {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);

  if (match) return match[1];

  return /^[1-9]$/.test(event.key) ? event.key : undefined;
}

const modifierKeys = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

const namedKeys: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Esc',
  Enter: 'Return',
  '+': 'Plus',
};

/**
 * Turns a key press into an Electron accelerator ("CommandOrControl+Alt+D"), or undefined
 * while only modifiers are held. Ctrl and Cmd both map to CommandOrControl so a binding
 * made on one platform means the same on the other.
 */
export function acceleratorFromEvent(event: KeyboardEvent): string | undefined {
  if (modifierKeys.has(event.key)) return undefined;

  const parts: string[] = [];

  if (event.ctrlKey || event.metaKey) parts.push('CommandOrControl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');

  parts.push(keyName(event));

  return parts.join('+');
}

function keyName(event: KeyboardEvent): string {
  // Physical key first: with Alt or Shift held, `key` is the symbol, not the letter.
  const letter = /^Key([A-Z])$/.exec(event.code);

  if (letter?.[1]) return letter[1];

  const digit = /^Digit([0-9])$/.exec(event.code);

  if (digit?.[1]) return digit[1];

  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(event.key)) return event.key;

  return namedKeys[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : event.key);
}

/** Renders an accelerator for people: "Ctrl+Alt+D". */
export function showAccelerator(accelerator: string): string {
  return accelerator.replace('CommandOrControl', 'Ctrl').replace('CmdOrCtrl', 'Ctrl');
}
