import { describe, expect, it } from 'vitest';
import type { LogOutcomeRequest, OutcomeTemplate } from '../../../electron/contract';
import {
  buildActionRow,
  callLengthMinutes,
  defaultTemplates,
  validateTemplates,
} from '../../../electron/outcomes/templates';

// 10:04:05 in Chicago (CDT, UTC-5) on Tuesday 10 March 2026.
const now = new Date('2026-03-10T15:04:05Z');
const timeZone = 'America/Chicago';

function request(fields: Partial<LogOutcomeRequest> = {}): LogOutcomeRequest {
  return { prospectId: 'C1', templateId: 'x', notes: '', ...fields };
}

function byKey(key: string): OutcomeTemplate {
  return defaultTemplates.find((t) => t.key === key)!;
}

describe('callLengthMinutes', () => {
  it.each([
    [undefined, undefined],
    [0, undefined],
    [-5, undefined],
    [1, 1],
    [59, 1],
    [60, 1],
    [61, 2],
    [3599, 60],
  ])('turns %s seconds into %s minutes', (seconds, minutes) => {
    expect(callLengthMinutes(seconds)).toBe(minutes);
  });
});

describe('defaultTemplates', () => {
  it('offers keys 1 to 9 with no problems', () => {
    expect(defaultTemplates.map((t) => t.key).join('')).toBe('123456789');
    expect(validateTemplates(defaultTemplates)).toEqual([]);
  });

  it('logs "not interested" with the carrier objection and a follow-up in 90 days', () => {
    expect(byKey('9')).toMatchObject({
      activityId: 'NOINT',
      objectionId: 'CARRIER',
      nextActivityId: 'FOLLOW',
      nextActionDate: 't90',
    });
    expect(byKey('4').nextActivityId).toBeUndefined();
  });
});

describe('validateTemplates', () => {
  const good: OutcomeTemplate = {
    id: 'vm',
    key: '2',
    label: 'Voicemail',
    activityId: 'VM',
    remarks: 'Left voicemail',
    nextActivityId: 'FOLLOW',
    nextActionDate: 't2 0900',
  };

  it.each<[string, Partial<OutcomeTemplate>, RegExp]>([
    ['a missing activity', { activityId: ' ' }, /"Voicemail" has no activity code/],
    ['a key outside 1-9', { key: '0' }, /needs a key from 1 to 9/],
    ['a follow-up without a date', { nextActionDate: '' }, /follow-up activity but no date/],
    ['a date without a follow-up', { nextActivityId: undefined }, /follow-up date but no activity/],
    ['a date that is not a shortcut', { nextActionDate: 'tomorrow' }, /"tomorrow" is not a date/],
    ['an empty label', { label: '' }, /Template vm has no label/],
  ])('reports %s', (_what, change, problem) => {
    const problems = validateTemplates([{ ...good, ...change }]);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('reports two templates on the same key and the same id', () => {
    const problems = validateTemplates([good, { ...good, label: 'Again' }]);

    expect(problems).toEqual([
      '"Again" uses key 2, as "Voicemail" does.',
      'Two templates have the id vm.',
    ]);
  });

  it('accepts a concrete McLeod date as a follow-up date', () => {
    expect(validateTemplates([{ ...good, nextActionDate: '20260401083000-0500' }])).toEqual([]);
  });
});

describe('buildActionRow on a hand-made defaults row', () => {
  const defaults = {
    __type: 'prospect_action',
    __activityDescr: 'Phone call',
    id: 'NEW-1',
    salesperson_id: 'JSMITH',
    status: 'O',
    priority: 'M',
    activity_id: 'CALL',
    remarks: 'prefilled by the server',
    next_act_id: 'CALL',
    next_act_date: 't7',
    call_length: '0',
    customer: { __type: 'customer', id: 'C1', name: 'Acme' },
    contacts: [{ __type: 'contact', id: 'K1' }],
  };

  it('keeps server fields, drops id, extras and child rows, and lets the outcome decide', () => {
    const row = buildActionRow({
      defaults,
      template: byKey('4'),
      request: request(),
      prospectId: 'C1',
      now,
      timeZone,
    });

    expect(row).toEqual({
      __type: 'prospect_action',
      salesperson_id: 'JSMITH',
      status: 'O',
      priority: 'M',
      customer_id: 'C1',
      activity_id: 'BADNUM',
      action_date: '20260310100405-0500',
      remarks: 'Bad number',
    });
  });

  it('resolves a follow-up across a daylight-saving change in the rep\'s zone', () => {
    // Saturday 7 March 2026 12:00 CST; clocks move forward on Sunday 8 March.
    const row = buildActionRow({
      defaults,
      template: byKey('5'),
      request: request(),
      prospectId: 'C1',
      now: new Date('2026-03-07T18:00:00Z'),
      timeZone,
    });

    expect(row.action_date).toBe('20260307120000-0600');
    expect(row.next_act_date).toBe('20260310000000-0500');
  });

  it('refuses a follow-up date that is neither a shortcut nor a McLeod date', () => {
    expect(() =>
      buildActionRow({
        defaults,
        template: byKey('1'),
        request: request({ nextActionDate: 'next tuesday' }),
        prospectId: 'C1',
        now,
        timeZone,
      }),
    ).toThrow(/"next tuesday" is not a McLeod date shortcut/);
  });
});
