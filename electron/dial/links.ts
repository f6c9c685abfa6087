/**
 * Dial links: a template from settings plus a normalized number gives the URL the OS hands to
 * the rep's softphone. The shell opens whatever this returns, so this is the allowlist: only
 * the schemes of the presets below, and for each scheme only the shape of a phone call (no
 * host, no path, no query beyond the documented one, no whitespace or control characters).
 *
 * Placeholders: `{e164}` +13125550142, `{digits}` 13125550142, `{national}` the national
 * significant number (3125550142 for the US), `{ext}` the extension digits. When the number has
 * no extension, `{ext}` disappears together with the separator written just before it
 * (`;ext=`, `,` or `,,`), so one template serves numbers with and without extensions.
 *
 * Extensions: the tel preset uses RFC 3966 `;ext=12` because it says "extension" unambiguously;
 * `,12` (pause then DTMF) is also accepted in tel: templates for softphones that dial it.
 */

export interface DialPreset {
  id: string;
  label: string;
  template: string;
  /** What the rep should know, including what could not be verified. */
  note: string;
}

export const dialPresets: DialPreset[] = [
  {
    id: 'tel',
    label: 'Default phone app (tel:)',
    template: 'tel:{e164};ext={ext}',
    note:
      'Opens whichever app the OS has as its calling app (RFC 3966). The extension goes as ' +
      ';ext=N; softphones that ignore it leave the rep to key it in.',
  },
  {
    id: 'callto',
    label: 'callto: (Skype-style)',
    template: 'callto:{e164}',
    note: 'Older click-to-dial scheme that many softphones register. No extension is sent.',
  },
  {
    id: 'sip',
    label: 'SIP client (sip:)',
    template: 'sip:{e164}',
    note:
      'For SIP softphones that dial sip:<number> through their own account. Links with a ' +
      'host (sip:user@host) are refused. No extension is sent.',
  },
  {
    id: 'teams',
    label: 'Microsoft Teams',
    template: 'tel:{e164}',
    note:
      'Teams answers tel: links when it is set as the default calling app (Teams Phone ' +
      'licence needed). Its msteams: call deep link could not be verified, so it is not used.',
  },
  {
    id: 'zoom',
    label: 'Zoom Phone',
    template: 'zoomphonecall://{e164}',
    note:
      "zoomphonecall:// is Zoom's documented outbound-call scheme (Zoom also answers tel: " +
      'and callto:). Not tried against a live Zoom client here. No extension is sent.',
  },
  {
    id: 'ringcentral',
    label: 'RingCentral',
    template: 'rcmobile://call?number={digits}',
    note:
      "rcmobile://call?number= is RingCentral's documented scheme for its desktop app. The " +
      'rcapp:// form could not be verified, so it is not used. No extension is sent.',
  },
  {
    id: '8x8',
    label: '8x8 Work',
    template: 'tel:{e164}',
    note:
      '8x8 Work for Desktop answers tel: links when it is the default calling app. Its ' +
      'votel:// scheme (for choosing caller ID) is not used; x8x8: could not be verified.',
  },
];

/** The exact shape a link may take for each allowed scheme. */
const shapes: Record<string, RegExp> = {
  tel: /^tel:\+?\d{3,20}(?:;ext=\d{1,10}|,{1,4}\d{1,10})?$/,
  callto: /^callto:(?:\/\/)?\+?\d{3,20}$/,
  sip: /^sip:\+?\d{3,20}$/,
  zoomphonecall: /^zoomphonecall:\/\/\+?\d{3,20}$/,
  rcmobile: /^rcmobile:\/\/call\?number=\+?\d{3,20}$/,
};

export const allowedDialSchemes: string[] = [
  ...new Set(dialPresets.map((preset) => schemeOf(preset.template) ?? '')),
].filter((scheme) => scheme !== '');

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);

  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

const placeholders = new Set(['e164', 'digits', 'national', 'ext']);

function schemeOf(link: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
}

function describeSchemes(): string {
  return allowedDialSchemes.map((scheme) => `${scheme}:`).join(', ');
}

/** The national significant number: E.164 digits minus the NANP `1` prefix for +1 numbers. */
function nationalDigits(e164: string): string {
  const digits = e164.replace(/^\+/, '');

  // Only +1 is split here; other countries' codes vary in length and `{national}` is
  // documented for North American dialing plans.
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/**
 * Fills a dial template for a normalized number. Throws an Error with a sentence the rep can
 * act on when the template is malformed or the result is not an allow-listed call link.
 */
export function buildDialLink(
  template: string,
  phone: { e164: string; extension?: string; digits: string },
): string {
  if (/\s/.test(template) || [...template].some(isControlCharacter)) {
    throw new Error('The dial link template contains spaces, line breaks or control characters.');
  }

  if (template === '') throw new Error('The dial link template is empty.');

  if (!/^\+\d{3,20}$/.test(phone.e164) || !/^\d{3,20}$/.test(phone.digits)) {
    throw new Error('The number to dial is not in E.164 form (+ and digits).');
  }

  if (phone.extension !== undefined && !/^\d{1,10}$/.test(phone.extension)) {
    throw new Error('The extension to dial must be digits only.');
  }

  const unbalanced = template.replace(/\{[a-z0-9]+\}/gi, '');

  if (/[{}]/.test(unbalanced)) {
    throw new Error(`The dial link template "${template}" has an unmatched { or }.`);
  }

  for (const [, name] of template.matchAll(/\{([a-z0-9]+)\}/gi)) {
    if (name === undefined || !placeholders.has(name)) {
      throw new Error(
        `The dial link template uses {${name}}; use {e164}, {digits}, {national} or {ext}.`,
      );
    }
  }

  if (!/\{(e164|digits|national)\}/.test(template)) {
    throw new Error('The dial link template needs {e164}, {digits} or {national} for the number.');
  }

  const extension = phone.extension;
  const link = template
    .replace(/(;ext=|,{1,4})?\{ext\}/g, (_all, separator: string | undefined) =>
      extension ? `${separator ?? ''}${extension}` : '',
    )
    .replaceAll('{e164}', phone.e164)
    .replaceAll('{digits}', phone.digits)
    .replaceAll('{national}', nationalDigits(phone.e164));

  const problem = linkProblem(link);

  if (problem) throw new Error(problem);

  return lowerScheme(link);
}

/** The link with its scheme lower-cased (TEL: is tel:); the rest is compared exactly. */
function lowerScheme(link: string): string {
  const scheme = schemeOf(link);

  return scheme ? `${scheme}:${link.slice(scheme.length + 1)}` : link;
}

function linkProblem(link: string): string | undefined {
  const scheme = schemeOf(link);

  if (scheme === undefined || !allowedDialSchemes.includes(scheme)) {
    return `Dial links may only use ${describeSchemes()}; "${scheme ?? link}" is not allowed.`;
  }

  const shape = shapes[scheme];

  if (shape === undefined || !shape.test(lowerScheme(link))) {
    return (
      `The dial link "${link}" is not a plain ${scheme}: call link (no host, path or extra ` +
      'parameters allowed).'
    );
  }

  return undefined;
}

/** The shell's last check before handing a URL to the OS: an allow-listed call link only. */
export function isAllowedDialLink(url: string): boolean {
  return typeof url === 'string' && !/\s/.test(url) && linkProblem(url) === undefined;
}

/** Splits a `PhoneChoice.dialable` (`+13125550142;ext=12`) back into what links need. */
export function parseDialable(
  dialable: string,
): { e164: string; extension?: string; digits: string } | undefined {
  const match = /^(\+\d{3,20})(?:;ext=(\d{1,10}))?$/.exec(dialable);

  if (!match?.[1]) return undefined;

  const e164 = match[1];

  return match[2]
    ? { e164, extension: match[2], digits: e164.slice(1) }
    : { e164, digits: e164.slice(1) };
}
