/**
 * Phone numbers as reps type them into McLeod, turned into something a softphone can dial.
 *
 * We accept a number when libphonenumber calls it POSSIBLE for its region (right length for
 * the country) rather than VALID (matches a range the numbering plan has assigned). The demo
 * data and many training databases use the reserved fictional 555-01xx range, and real CRMs
 * hold numbers whose ranges the bundled metadata does not know yet; refusing those would stop
 * a rep from calling a number that rings. `isValid` only adds a soft `note`.
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { PhoneChoice } from '../contract';
import type { Contact, Prospect } from '../mcleod/types';

export type NormalizedPhone =
  | {
      ok: true;
      /** `+13125550142`, never with the extension. */
      e164: string;
      /** Digits only, e.g. `12`. */
      extension?: string;
      /** `(312) 555-0142 ext. 12` at home, `+44 20 7946 0958` abroad. */
      display: string;
      /** The E.164 number without `+`: `13125550142`. */
      digits: string;
      /** A soft warning (number plan does not know the range, letters were converted). */
      note?: string;
    }
  | { ok: false; problem: string };

const maxQuoted = 40;

/** The raw text as we quote it back to the rep in a problem sentence. */
function quote(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > maxQuoted ? `${oneLine.slice(0, maxQuoted - 1)}…` : oneLine;

  return `'${short}'`;
}

function countryOrUndefined(defaultCountry: string): CountryCode | undefined {
  const upper = defaultCountry.trim().toUpperCase();

  return isSupportedCountry(upper) ? upper : undefined;
}

const keypad: Record<string, string> = {
  A: '2', B: '2', C: '2', D: '3', E: '3', F: '3', G: '4', H: '4', I: '4', J: '5', K: '5',
  L: '5', M: '6', N: '6', O: '6', P: '7', Q: '7', R: '7', S: '7', T: '8', U: '8', V: '8',
  W: '9', X: '9', Y: '9', Z: '9',
};

/**
 * "1-800-FLOWERS" -> "1-800-3569377". libphonenumber-js has no vanity conversion, so we do
 * it, but only for text that is digits, separators and capital letters: "312-555-0142 (cell)"
 * or "see notes" must not turn into numbers.
 */
function vanityToDigits(text: string): string | undefined {
  if (!/^[+\d\s().-]*[A-Z]{3,}[A-Z\d\s.-]*$/.test(text)) return undefined;

  return text.replace(/[A-Z]/g, (letter) => keypad[letter] ?? letter);
}

function lengthProblem(text: string, country: CountryCode | undefined): string {
  const verdict = validatePhoneNumberLength(text, country);

  switch (verdict) {
    case 'TOO_SHORT':
      return 'is too short to dial (is the area code missing?)';
    case 'TOO_LONG':
      return 'has too many digits to dial';
    case 'INVALID_LENGTH':
      return 'has the wrong number of digits for its country';
    case 'INVALID_COUNTRY':
      return 'has no country code we recognise (start it with +)';
    case 'NOT_A_NUMBER':
      return 'is not a phone number';
    default:
      return 'is not a number that can be dialed';
  }
}

function accept(
  phone: PhoneNumber,
  country: CountryCode | undefined,
  note?: string,
): NormalizedPhone {
  const extension = phone.ext ? phone.ext.replace(/\D/g, '') || undefined : undefined;
  // A US rep reads a Toronto number the way they dial it, (416) 555-0199: every country that
  // shares the default country's calling code is shown in national format.
  const domestic =
    country !== undefined && getCountryCallingCode(country) === phone.countryCallingCode;
  const bare = domestic ? phone.formatNational() : phone.formatInternational();
  const withoutExt = phone.ext ? bare.replace(/\s*ext\.\s*\d+$/, '') : bare;
  const display = extension ? `${withoutExt} ext. ${extension}` : withoutExt;
  const planNote = phone.isValid()
    ? undefined
    : 'The numbering plan does not list this range; dialing it anyway.';
  const notes = [note, planNote].filter((text): text is string => text !== undefined);
  const result: NormalizedPhone = {
    ok: true,
    e164: phone.number,
    display,
    digits: phone.number.replace(/^\+/, ''),
  };

  if (extension) result.extension = extension;
  if (notes.length > 0) result.note = notes.join(' ');

  return result;
}

function blankIfControl(character: string): string {
  const code = character.charCodeAt(0);

  return code < 0x20 || code === 0x7f ? ' ' : character;
}

/** Turns a number as typed in McLeod into E.164 plus extension, or says why it cannot. */
export function normalizePhone(raw: string | undefined, defaultCountry: string): NormalizedPhone {
  // Control characters come from pasted spreadsheets; they never carry meaning in a number.
  const text = [...(raw ?? '')].map(blankIfControl).join('').trim();

  if (text === '') return { ok: false, problem: 'No phone number on file.' };

  const country = countryOrUndefined(defaultCountry);
  const parsed = parsePhoneNumberFromString(text, country);

  if (parsed?.isPossible()) return accept(parsed, country);

  const vanity = vanityToDigits(text);
  const fromLetters = vanity ? parsePhoneNumberFromString(vanity, country) : undefined;

  if (fromLetters?.isPossible()) {
    return accept(fromLetters, country, `Letters converted to keypad digits: ${vanity}.`);
  }

  if (!/\d/.test(text)) return { ok: false, problem: `${quote(text)} is not a phone number.` };

  return { ok: false, problem: `${quote(text)} ${lengthProblem(text, country)}.` };
}

/** How the contract carries a dialable number: E.164 with an RFC 3966 extension. */
function dialableOf(phone: { e164: string; extension?: string }): string {
  return phone.extension ? `${phone.e164};ext=${phone.extension}` : phone.e164;
}

function isPrimary(contact: Contact, prospect: Prospect): boolean {
  const primary = prospect.primaryContact?.trim().toLowerCase();

  if (!primary) return false;

  return contact.id.toLowerCase() === primary || contact.name.trim().toLowerCase() === primary;
}

/**
 * Every number on the card, main phone first, then each active contact's phone and mobile
 * (primary contact first). The same number typed twice appears once, under its first label.
 * `dialable` is `+13125550142` or `+13125550142;ext=12` (see `parseDialable` in ./links).
 */
export function phoneChoices(prospect: Prospect, defaultCountry: string): PhoneChoice[] {
  const choices: PhoneChoice[] = [];
  const seen = new Set<string>();

  const add = (key: string, label: string, raw: string | undefined) => {
    if (raw === undefined || raw.trim() === '') return;

    const phone = normalizePhone(raw, defaultCountry);
    const identity = phone.ok ? dialableOf(phone) : `raw:${raw.trim().toLowerCase()}`;

    if (seen.has(identity)) return;

    seen.add(identity);
    choices.push(
      phone.ok
        ? { key, label, raw, display: phone.display, dialable: dialableOf(phone) }
        : { key, label, raw, problem: phone.problem },
    );
  };

  add('main', 'Main', prospect.mainPhone);

  const active = prospect.contacts.filter((contact) => contact.isActive);
  const ordered = [
    ...active.filter((contact) => isPrimary(contact, prospect)),
    ...active.filter((contact) => !isPrimary(contact, prospect)),
  ];

  for (const contact of ordered) {
    const name = contact.name.trim() || 'Contact';
    const title = contact.title?.trim();

    add(`contact:${contact.id}:phone`, title ? `${name} (${title})` : name, contact.phone);
    add(`contact:${contact.id}:mobile`, `${name} mobile`, contact.mobilePhone);
  }

  return choices;
}

/** Why nothing on the card can be dialed, or undefined when something can. */
export function noPhoneReason(choices: PhoneChoice[]): string | undefined {
  if (choices.some((choice) => choice.dialable)) return undefined;

  if (choices.length === 0) return 'No phone number on file for this prospect or its contacts.';

  const reasons = choices.map((choice) => {
    const quoted = quote(choice.raw);
    const problem = (choice.problem ?? 'is not a number that can be dialed.').replace(/\.$/, '');
    // Problems are built as "'raw' why"; the label goes between the two.
    const why = problem.startsWith(`${quoted} `) ? problem.slice(quoted.length + 1) : problem;

    return `${quoted} (${choice.label}) ${why}`;
  });

  return `The numbers on file can't be dialed: ${reasons.join('; ')}.`;
}
