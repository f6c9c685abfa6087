import { describe, expect, it } from 'vitest';
import {
  allowedDialSchemes,
  buildDialLink,
  dialPresets,
  isAllowedDialLink,
  parseDialable,
} from '../../../electron/dial/links';
import { normalizePhone } from '../../../electron/dial/phone';

const chicago = { e164: '+13125550142', digits: '13125550142' };
const withExtension = { ...chicago, extension: '12' };

function preset(id: string): string {
  const found = dialPresets.find((candidate) => candidate.id === id);

  if (!found) throw new Error(`no preset ${id}`);

  return found.template;
}

describe('dial presets', () => {
  it.each([
    ['tel', chicago, 'tel:+13125550142'],
    ['tel', withExtension, 'tel:+13125550142;ext=12'],
    ['callto', withExtension, 'callto:+13125550142'],
    ['sip', chicago, 'sip:+13125550142'],
    ['teams', withExtension, 'tel:+13125550142'],
    ['zoom', chicago, 'zoomphonecall://+13125550142'],
    ['ringcentral', withExtension, 'rcmobile://call?number=13125550142'],
    ['8x8', chicago, 'tel:+13125550142'],
  ])('builds the %s link', (id, phone, expected) => {
    expect(buildDialLink(preset(id), phone)).toBe(expected);
  });

  it('has a note for every preset and unique ids', () => {
    expect(new Set(dialPresets.map((p) => p.id)).size).toBe(dialPresets.length);
    for (const p of dialPresets) expect(p.note.length).toBeGreaterThan(20);
  });

  it('allows exactly the schemes the presets use', () => {
    expect([...allowedDialSchemes].sort()).toEqual(
      ['callto', 'rcmobile', 'sip', 'tel', 'zoomphonecall'],
    );
  });

  it('dials a number straight from normalizePhone', () => {
    const phone = normalizePhone('+1 312-555-0142 x12', 'US');

    if (!phone.ok) throw new Error(phone.problem);
    expect(buildDialLink(preset('tel'), phone)).toBe('tel:+13125550142;ext=12');
  });
});

describe('custom templates', () => {
  it('fills {digits}, {national} and a comma-separated extension', () => {
    expect(buildDialLink('tel:{national},,{ext}', withExtension)).toBe('tel:3125550142,,12');
    expect(buildDialLink('tel:{national},,{ext}', chicago)).toBe('tel:3125550142');
    expect(buildDialLink('callto://{digits}', chicago)).toBe('callto://13125550142');
  });

  it('lower-cases the scheme so TEL: is treated as tel:', () => {
    expect(buildDialLink('TEL:{e164}', chicago)).toBe('tel:+13125550142');
  });

  it('keeps {national} as all digits for numbers outside +1', () => {
    const london = { e164: '+442079460958', digits: '442079460958' };

    expect(buildDialLink('tel:{national}', london)).toBe('tel:442079460958');
  });
});

describe('dial link allowlist', () => {
  it.each([
    ['javascript:{e164}', /only use tel:, callto:, sip:, zoomphonecall:, rcmobile:.*"javascript"/],
    ['JavaScript:alert({digits})', /"javascript" is not allowed/],
    ['http://evil.example.com/?n={e164}', /"http" is not allowed/],
    ['https://teams.microsoft.com/l/call/0/0?users=4:{e164}', /"https" is not allowed/],
    ['file:///C:/Windows/System32/calc.exe?{digits}', /"file" is not allowed/],
    ['data:text/html,{e164}', /"data" is not allowed/],
    ['msteams:/l/call/0/0?users=4:{e164}', /"msteams" is not allowed/],
    ['{e164}', /"\+13125550142" is not allowed/],
  ])('refuses %s', (template, message) => {
    expect(() => buildDialLink(template, chicago)).toThrow(message);
  });

  it.each([
    ['tel:{e164}\nhttp://evil.example.com', /line breaks or control characters/],
    ['tel:{e164}%0Ahttp:', /not a plain tel: call link/],
    ['tel:{e164} x', /spaces/],
    ['tel:\u0000{e164}', /control characters/],
    ['sip:{e164}@pbx.example.com', /not a plain sip: call link/],
    ['tel://evil.example.com/{e164}', /not a plain tel: call link/],
    ['zoomphonecall://{e164}?callerid=1&run=calc', /not a plain zoomphonecall:/],
    ['rcmobile://evil.example.com/call?number={digits}', /not a plain rcmobile:/],
    ['callto:{e164}@host', /not a plain callto:/],
  ])('refuses injection through %j', (template, message) => {
    expect(() => buildDialLink(template, chicago)).toThrow(message);
  });

  it('refuses a template whose pieces only form another scheme once filled', () => {
    // "{ext}" vanishes without an extension, leaving "tel" glued to another scheme name.
    expect(() => buildDialLink('javascript{ext}:{e164}', chicago)).toThrow(/"javascript"/);
  });

  it.each([
    ['', /empty/],
    ['tel:{phone}', /uses \{phone\}; use \{e164\}/],
    ['tel:{e164', /unmatched/],
    ['tel:e164}', /unmatched/],
    ['tel:{ext}', /needs \{e164\}, \{digits\} or \{national\}/],
  ])('says what is wrong with the malformed template %j', (template, message) => {
    expect(() => buildDialLink(template, chicago)).toThrow(message);
  });

  it('refuses a number or extension that is not digits', () => {
    expect(() => buildDialLink('tel:{e164}', { e164: '+1312;x', digits: '1312' })).toThrow(
      /E\.164/,
    );
    expect(() =>
      buildDialLink('tel:{e164};ext={ext}', { ...chicago, extension: '1@evil' }),
    ).toThrow(/digits only/);
  });

  it('lets the shell re-check a finished link', () => {
    expect(isAllowedDialLink('tel:+13125550142;ext=12')).toBe(true);
    expect(isAllowedDialLink('rcmobile://call?number=13125550142')).toBe(true);
    expect(isAllowedDialLink('https://example.com')).toBe(false);
    expect(isAllowedDialLink('tel:+13125550142\n')).toBe(false);
    expect(isAllowedDialLink('sip:+13125550142@example.com')).toBe(false);
  });
});

describe('parseDialable', () => {
  it('splits a dialable number and its extension back apart', () => {
    expect(parseDialable('+13125550142;ext=12')).toEqual({ ...withExtension });
    expect(parseDialable('+13125550142')).toEqual({ ...chicago });
    expect(parseDialable('tel:+13125550142')).toBeUndefined();
  });
});
