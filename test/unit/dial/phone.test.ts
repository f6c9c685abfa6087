import { describe, expect, it } from 'vitest';
import { noPhoneReason, normalizePhone, phoneChoices } from '../../../electron/dial/phone';
import type { Contact, Prospect } from '../../../electron/mcleod/types';

type Expected =
  | { e164: string; extension?: string; display?: string }
  | { problem: RegExp };

// Formats copied from how reps type numbers into McLeod, plus the garbage they also type.
const table: [string, Expected][] = [
  ['(312) 555-0142', { e164: '+13125550142', display: '(312) 555-0142' }],
  ['312.555.0142', { e164: '+13125550142' }],
  ['3125550142', { e164: '+13125550142' }],
  ['+1 312-555-0142 x12', { e164: '+13125550142', extension: '12' }],
  ['1-312-555-0142', { e164: '+13125550142' }],
  ['312 555 0142 ', { e164: '+13125550142' }],
  ['312-555-0142 ext. 7', { e164: '+13125550142', extension: '7' }],
  ['312-555-0142 ext 7', { e164: '+13125550142', extension: '7' }],
  ['312-555-0142 #7', { e164: '+13125550142', extension: '7' }],
  ['312-555-0142,7', { e164: '+13125550142', extension: '7' }],
  ['312-555-0142;ext=7', { e164: '+13125550142', extension: '7' }],
  ['312-555-0142 extension 33', { e164: '+13125550142', extension: '33' }],
  ['312 555-0142 Ext: 44', { e164: '+13125550142', extension: '44' }],
  [
    '+13125550142x12',
    { e164: '+13125550142', extension: '12', display: '(312) 555-0142 ext. 12' },
  ],
  ['+1 (312) 555-0142', { e164: '+13125550142' }],
  ['312/555-0142', { e164: '+13125550142' }],
  ['tel:+13125550142', { e164: '+13125550142' }],
  ['312-555-0142 (cell)', { e164: '+13125550142' }],
  ['\t(615) 555-0118\n', { e164: '+16155550118' }],
  ['1 (800) 555-0199', { e164: '+18005550199', display: '(800) 555-0199' }],
  ['(416) 555-0199', { e164: '+14165550199', display: '(416) 555-0199' }],
  ['1-800-FLOWERS', { e164: '+18003569377' }],
  ['+44 20 7946 0958', { e164: '+442079460958', display: '+44 20 7946 0958' }],
  ['+52 55 5555 0142', { e164: '+525555550142', display: '+52 55 5555 0142' }],
  ['see notes', { problem: /^'see notes' is not a phone number\.$/ }],
  ['call Mary first', { problem: /is not a phone number/ }],
  ['555-0142', { problem: /^'555-0142' is too short to dial \(is the area code missing\?\)\.$/ }],
  ['000', { problem: /^'000' is too short/ }],
  ['911', { problem: /too short/ }],
  ['31255501', { problem: /too short/ }],
  ['312555014222', { problem: /^'312555014222' has too many digits to dial\.$/ }],
  ['312-555-01425', { problem: /^'312-555-01425' has too many digits to dial\.$/ }],
  // A London number without +44 reads as a US number that is too long.
  ['020 7946 0958', { problem: /has too many digits to dial/ }],
  ['', { problem: /^No phone number on file\.$/ }],
  ['   ', { problem: /^No phone number on file\.$/ }],
];

describe('normalizePhone', () => {
  it.each(table)('reads %j', (raw, expected) => {
    const phone = normalizePhone(raw, 'US');

    if ('problem' in expected) {
      expect(phone.ok).toBe(false);
      if (!phone.ok) expect(phone.problem).toMatch(expected.problem);

      return;
    }

    expect(phone).toMatchObject({ ok: true, e164: expected.e164 });
    if (!phone.ok) return;
    expect(phone.digits).toBe(expected.e164.slice(1));
    expect(phone.extension).toBe(expected.extension);
    if (expected.display) expect(phone.display).toBe(expected.display);
  });

  it('says undefined is no number rather than throwing', () => {
    expect(normalizePhone(undefined, 'US')).toEqual({
      ok: false,
      problem: 'No phone number on file.',
    });
  });

  it('shows home numbers in national format and foreign ones in international format', () => {
    const fromCanada = normalizePhone('+1 312 555 0142', 'CA');
    const fromBritain = normalizePhone('+1 312 555 0142 ext 9', 'GB');
    const london = normalizePhone('020 7946 0958', 'GB');

    expect(fromCanada).toMatchObject({ ok: true, display: '(312) 555-0142' });
    expect(fromBritain).toMatchObject({ ok: true, display: '+1 312 555 0142 ext. 9' });
    expect(london).toMatchObject({ ok: true, e164: '+442079460958', display: '020 7946 0958' });
  });

  it('dials a number the plan calls possible but not valid, with a soft note', () => {
    // An exchange starting with 1 is never assigned in NANP, but the length is right.
    const phone = normalizePhone('(312) 155-0142', 'US');

    expect(phone).toMatchObject({ ok: true, e164: '+13121550142' });
    if (phone.ok) expect(phone.note).toMatch(/numbering plan does not list/);
  });

  it('says which letters became digits for a vanity number', () => {
    const phone = normalizePhone('1-800-FLOWERS', 'US');

    if (!phone.ok) throw new Error(phone.problem);
    expect(phone.note).toContain('1-800-3569377');
  });

  it('shortens a very long garbage note in the problem it quotes', () => {
    const phone = normalizePhone('x'.repeat(200), 'US');

    expect(phone.ok).toBe(false);
    if (!phone.ok) expect(phone.problem.length).toBeLessThan(80);
  });
});

function contact(id: string, name: string, extra: Partial<Contact> = {}): Contact {
  return { id, name, isActive: true, ...extra };
}

function prospect(extra: Partial<Prospect>): Prospect {
  return {
    id: 'ACMEFOCH',
    name: 'Acme Foods',
    isActive: true,
    contacts: [],
    comments: [],
    ...extra,
  };
}

describe('phoneChoices', () => {
  it('lists the main phone, then the primary contact, then other active contacts', () => {
    const choices = phoneChoices(
      prospect({
        mainPhone: '(312) 555-0100',
        primaryContact: 'Mary Ortiz',
        contacts: [
          contact('7', 'Joe Banks', { title: 'Shipping Clerk', phone: '312-555-0107' }),
          contact('9', 'Old Buyer', { isActive: false, phone: '312-555-0109' }),
          contact('3', 'Mary Ortiz', {
            title: 'Logistics Manager',
            phone: '312.555.0103 x21',
            mobilePhone: '773-555-0133',
          }),
        ],
      }),
      'US',
    );

    expect(choices.map((choice) => [choice.key, choice.label, choice.dialable])).toEqual([
      ['main', 'Main', '+13125550100'],
      ['contact:3:phone', 'Mary Ortiz (Logistics Manager)', '+13125550103;ext=21'],
      ['contact:3:mobile', 'Mary Ortiz mobile', '+17735550133'],
      ['contact:7:phone', 'Joe Banks (Shipping Clerk)', '+13125550107'],
    ]);
    expect(choices[1]).toMatchObject({
      raw: '312.555.0103 x21',
      display: '(312) 555-0103 ext. 21',
    });
  });

  it('finds the primary contact by id as well as by name', () => {
    const choices = phoneChoices(
      prospect({
        primaryContact: '3',
        contacts: [
          contact('7', 'Joe Banks', { phone: '3125550107' }),
          contact('3', 'Mary', { phone: '3125550103' }),
        ],
      }),
      'US',
    );

    expect(choices.map((choice) => choice.key)).toEqual(['contact:3:phone', 'contact:7:phone']);
  });

  it('shows a number typed twice in different formats once, under its first label', () => {
    const choices = phoneChoices(
      prospect({
        mainPhone: '(312) 555-0142',
        contacts: [
          contact('1', 'Mary Ortiz', { phone: '312.555.0142', mobilePhone: '312-555-0142 x5' }),
          contact('2', 'Joe Banks', { phone: 'see notes', mobilePhone: 'SEE NOTES ' }),
        ],
      }),
      'US',
    );

    expect(choices.map((choice) => choice.key)).toEqual([
      'main',
      'contact:1:mobile',
      'contact:2:phone',
    ]);
  });

  it('keeps numbers that cannot be dialed, with their problem, so they can still be copied', () => {
    const [choice] = phoneChoices(prospect({ mainPhone: 'see notes' }), 'US');

    expect(choice).toEqual({
      key: 'main',
      label: 'Main',
      raw: 'see notes',
      problem: "'see notes' is not a phone number.",
    });
  });

  it('skips blank numbers and labels a contact with no name as Contact', () => {
    const choices = phoneChoices(
      prospect({ mainPhone: '  ', contacts: [contact('4', ' ', { phone: '615-555-0104' })] }),
      'US',
    );

    expect(choices).toEqual([
      {
        key: 'contact:4:phone',
        label: 'Contact',
        raw: '615-555-0104',
        display: '(615) 555-0104',
        dialable: '+16155550104',
      },
    ]);
  });
});

describe('noPhoneReason', () => {
  it('is silent when any number can be dialed', () => {
    const choices = phoneChoices(
      prospect({
        mainPhone: 'see notes',
        contacts: [contact('1', 'Mary', { phone: '3125550142' })],
      }),
      'US',
    );

    expect(noPhoneReason(choices)).toBeUndefined();
  });

  it('says there is no number at all', () => {
    const choices = phoneChoices(prospect({ contacts: [contact('1', 'Mary')] }), 'US');

    expect(noPhoneReason(choices)).toBe(
      'No phone number on file for this prospect or its contacts.',
    );
  });

  it('names each number on file and why it cannot be dialed', () => {
    const choices = phoneChoices(
      prospect({
        mainPhone: 'see notes',
        contacts: [contact('1', 'Mary Ortiz', { title: 'Buyer', phone: '555-0142' })],
      }),
      'US',
    );

    expect(noPhoneReason(choices)).toBe(
      "The numbers on file can't be dialed: 'see notes' (Main) is not a phone number; " +
        "'555-0142' (Mary Ortiz (Buyer)) is too short to dial (is the area code missing?).",
    );
  });
});
