import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogOutcomeRequest } from '../../../electron/contract';
import { parseMcLeodDate } from '../../../electron/mcleod/dates';
import type { McLeodApi, McLeodRow } from '../../../electron/mcleod/types';
import { buildActionRow, defaultTemplates } from '../../../electron/outcomes/templates';
import { startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { prospectIds, signedInClient } from '../../harness/mcleod-stack';

// 10:04:05 in Chicago (CDT, UTC-5) on Tuesday 10 March 2026.
const now = new Date('2026-03-10T15:04:05Z');
const timeZone = 'America/Chicago';

let sim: RunningSim;
let api: McLeodApi;
let prospectId: string;
let defaults: McLeodRow;

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  api = (await signedInClient(sim.url)).api;
  [prospectId] = (await prospectIds(api, 1)) as [string];
  defaults = await api.newAction(prospectId);
});

afterAll(async () => {
  await sim?.stop();
});

interface Case {
  key: string;
  request?: Partial<LogOutcomeRequest>;
  expected: Record<string, unknown>;
  absent: string[];
}

const cases: Case[] = [
  {
    key: '1',
    expected: { activity_id: 'NOANS', remarks: 'No answer', next_act_id: 'FOLLOW',
      next_act_date: '20260311000000-0500' },
    absent: ['call_length', 'objection_id1'],
  },
  {
    key: '2',
    request: { notes: '  asked for Tom ', callSeconds: 45 },
    expected: { activity_id: 'VM', remarks: 'Left voicemail - asked for Tom', call_length: 1,
      next_act_date: '20260312000000-0500' },
    absent: ['objection_id1'],
  },
  {
    key: '3',
    request: { nextActionDate: 't1 1400' },
    expected: { activity_id: 'GK', next_act_id: 'FOLLOW', next_act_date: '20260311140000-0500' },
    absent: ['call_length'],
  },
  {
    key: '4',
    request: { callSeconds: 0 },
    expected: { activity_id: 'BADNUM', remarks: 'Bad number' },
    absent: ['next_act_id', 'next_act_date', 'call_length', 'objection_id1'],
  },
  {
    key: '5',
    request: { notes: 'Ships 4 loads a week to Dallas', callSeconds: 181 },
    expected: { activity_id: 'TALK', call_length: 4, next_act_date: '20260313000000-0500',
      remarks: 'Talked - follow up in 3 days - Ships 4 loads a week to Dallas' },
    absent: ['objection_id1'],
  },
  {
    key: '6',
    request: { nextActivityId: 'EMAIL', nextActionDate: '20260401083000-0500' },
    expected: { activity_id: 'QUOTE', next_act_id: 'EMAIL', next_act_date: '20260401083000-0500' },
    absent: [],
  },
  {
    key: '7',
    request: { nextActivityId: '' },
    expected: { activity_id: 'INFO' },
    absent: ['next_act_id', 'next_act_date'],
  },
  {
    key: '8',
    expected: { activity_id: 'MEET', next_act_date: '20260317000000-0500' },
    absent: ['objection_id1'],
  },
  {
    key: '9',
    expected: { activity_id: 'NOINT', objection_id1: 'CARRIER',
      next_act_date: '20260608000000-0500' },
    absent: [],
  },
  {
    key: '9',
    request: { objectionId: 'PRICE', notes: 'too expensive last year' },
    expected: { objection_id1: 'PRICE', remarks: 'Not interested - too expensive last year' },
    absent: [],
  },
];

describe('buildActionRow on the defaults the simulator serves', () => {
  it('starts from a real defaults row with server fields to keep', () => {
    expect(defaults.__type).toBe('prospect_action');
    expect(Object.keys(defaults).some((key) => !key.startsWith('__') && key !== 'id')).toBe(true);
  });

  it.each(cases)('template $key with $request', ({ key, request, expected, absent }) => {
    const template = defaultTemplates.find((t) => t.key === key)!;
    const row = buildActionRow({
      defaults,
      template,
      request: { prospectId, templateId: template.id, notes: '', ...request },
      prospectId,
      now,
      timeZone,
    });

    expect(row).toMatchObject({
      __type: 'prospect_action',
      customer_id: prospectId,
      action_date: '20260310100405-0500',
      ...expected,
    });
    for (const field of absent) expect(row).not.toHaveProperty(field);
    expect(Object.keys(row).filter((k) => k.startsWith('__'))).toEqual(['__type']);
    expect(row).not.toHaveProperty('id');
    for (const [field, value] of Object.entries(defaults)) {
      const decidedByOutcome = field in expected || absent.includes(field) ||
        ['remarks', 'next_act_id', 'next_act_date', 'objection_id1', 'call_length', 'activity_id',
          'action_date', 'customer_id'].includes(field);

      if (!field.startsWith('__') && field !== 'id' && !decidedByOutcome &&
        (typeof value !== 'object' || value === null)) {
        expect(row[field], `server field ${field} is kept`).toEqual(value);
      }
    }
  });

  it('is accepted by the server and shows in the prospect history as logged', async () => {
    const loggedAt = new Date();
    const template = defaultTemplates.find((t) => t.key === '2')!;
    const row = buildActionRow({
      defaults: await api.newAction(prospectId),
      template,
      request: { prospectId, templateId: template.id, notes: 'action-row test', callSeconds: 75 },
      prospectId,
      now: loggedAt,
    });
    const created = await api.createAction(row);
    const history = await api.prospectHistory(prospectId);
    const found = history.find((action) => action.id === created.id);

    expect(found).toMatchObject({
      customerId: prospectId,
      activityId: 'VM',
      remarks: 'Left voicemail - action-row test',
      nextActivityId: 'FOLLOW',
      callLength: 2,
    });
    expect(Date.parse(found!.actionDate!)).toBe(Math.floor(loggedAt.getTime() / 1000) * 1000);
    expect(Date.parse(found!.nextActionDate!)).toBe(
      Date.parse(parseMcLeodDate(row.next_act_date as string)),
    );
  });
});
