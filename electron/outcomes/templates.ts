/**
 * Outcome templates: the one-key answers to "how did the call go?", and how one of them,
 * with the rep's notes, becomes a `prospect_action` row for `PUT /crm/prospectActions/create`.
 *
 * The default codes are the demo company's; codes are company-specific, so the rep maps
 * templates onto their own company's codes in settings.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import type { LogOutcomeRequest, OutcomeTemplate } from '../contract';
import {
  formatMcLeodDate,
  isDateShortcut,
  parseMcLeodDate,
  resolveDateShortcut,
} from '../mcleod/dates';
import type { McLeodRow } from '../mcleod/types';

function template(
  key: string,
  id: string,
  label: string,
  activityId: string,
  followUp?: { activity: string; date: string; objection?: string },
): OutcomeTemplate {
  return {
    id,
    key,
    label,
    activityId,
    remarks: label,
    ...(followUp ? { nextActivityId: followUp.activity, nextActionDate: followUp.date } : {}),
    ...(followUp?.objection ? { objectionId: followUp.objection } : {}),
  };
}

export const defaultTemplates: OutcomeTemplate[] = [
  template('1', 'no-answer', 'No answer', 'NOANS', { activity: 'FOLLOW', date: 't1' }),
  template('2', 'voicemail', 'Left voicemail', 'VM', { activity: 'FOLLOW', date: 't2' }),
  template('3', 'gatekeeper', 'Gatekeeper - call back', 'GK', { activity: 'FOLLOW', date: 't1' }),
  template('4', 'bad-number', 'Bad number', 'BADNUM'),
  template('5', 'talked', 'Talked - follow up in 3 days', 'TALK', {
    activity: 'FOLLOW',
    date: 't3',
  }),
  template('6', 'quote', 'Rate quote requested', 'QUOTE', { activity: 'FOLLOW', date: 't1' }),
  template('7', 'sent-info', 'Sent information', 'INFO', { activity: 'FOLLOW', date: 't5' }),
  template('8', 'meeting', 'Meeting set', 'MEET', { activity: 'FOLLOW', date: 't7' }),
  template('9', 'not-interested', 'Not interested', 'NOINT', {
    activity: 'FOLLOW',
    date: 't90',
    objection: 'CARRIER',
  }),
];

/** A concrete McLeod date; anything else in a follow-up date must be a shortcut. */
const concreteMcLeodDate = /^\d{14}[+-]\d{4}$/;

/**
 * The action row to create for a logged outcome, on top of the server's defaults.
 *
 * - Server fields in `defaults` are kept (salesperson_id, status...); its `id`, its `__`
 *   extras and embedded child rows are dropped: a create must not carry them.
 * - `action_date` is the moment of logging, concrete, because the outbox recognises an action
 *   already created by customer, activity and this date.
 * - `remarks`: the template's remarks, then " - ", then the rep's notes
 *   ("Left voicemail - asked for Tom"); either alone when the other is empty.
 * - The follow-up comes from the request when it sets one (an empty string there means
 *   "no follow-up"), otherwise from the template. A date shortcut is resolved NOW, in the
 *   rep's time zone: an outcome may wait hours in the offline outbox, and "t3" means three
 *   days after the call, not after the send.
 * - `call_length`: whole minutes, rounded up; omitted when no second was connected.
 */
export function buildActionRow(input: {
  defaults: McLeodRow;
  template: OutcomeTemplate;
  request: LogOutcomeRequest;
  prospectId: string;
  now: Date;
  /** The rep's IANA zone for resolving shortcuts; default the machine's. */
  timeZone?: string;
}): McLeodRow {
  const { defaults, template: outcome, request, prospectId, now, timeZone } = input;
  const kept = Object.entries(defaults).filter(
    ([key, value]) => !key.startsWith('__') && key !== 'id' && !isChildRow(value),
  );
  const row: McLeodRow = {
    ...Object.fromEntries(kept),
    __type: 'prospect_action',
    customer_id: prospectId,
    activity_id: outcome.activityId,
    action_date: formatMcLeodDate(now, offsetAt(now, timeZone)),
  };
  const remarks = joinRemarks(outcome.remarks, request.notes);
  const nextActivityId = (request.nextActivityId ?? outcome.nextActivityId ?? '').trim();
  const nextActionDate = (request.nextActionDate ?? outcome.nextActionDate ?? '').trim();
  const objectionId = (request.objectionId ?? outcome.objectionId ?? '').trim();
  const callLength = callLengthMinutes(request.callSeconds);

  // The defaults may prefill these; the outcome decides them, so clear what it leaves unset.
  for (const key of ['remarks', 'next_act_id', 'next_act_date', 'objection_id1', 'call_length']) {
    delete row[key];
  }

  if (remarks) row.remarks = remarks;

  if (nextActivityId) {
    row.next_act_id = nextActivityId;
    if (nextActionDate) row.next_act_date = concreteDate(nextActionDate, now, timeZone);
  }

  if (objectionId) row.objection_id1 = objectionId;

  if (callLength !== undefined) row.call_length = callLength;

  return row;
}

/** Seconds on the phone as McLeod's `call_length` minutes: any started minute counts. */
export function callLengthMinutes(seconds: number | undefined): number | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;

  return Math.ceil(seconds / 60);
}

/** What is wrong with a set of templates, one sentence per problem; empty when all is well. */
export function validateTemplates(templates: OutcomeTemplate[]): string[] {
  const problems: string[] = [];
  const seenKeys = new Map<string, string>();
  const seenIds = new Set<string>();

  for (const outcome of templates) {
    const name = `"${outcome.label || outcome.id}"`;

    if (!outcome.label.trim()) problems.push(`Template ${outcome.id} has no label.`);
    if (!outcome.activityId.trim()) problems.push(`${name} has no activity code.`);
    if (!/^[1-9]$/.test(outcome.key)) problems.push(`${name} needs a key from 1 to 9.`);

    const keyOwner = seenKeys.get(outcome.key);

    if (keyOwner !== undefined) {
      problems.push(`${name} uses key ${outcome.key}, as ${keyOwner} does.`);
    }
    seenKeys.set(outcome.key, name);

    if (seenIds.has(outcome.id)) problems.push(`Two templates have the id ${outcome.id}.`);
    seenIds.add(outcome.id);

    const nextActivity = outcome.nextActivityId?.trim() ?? '';
    const nextDate = outcome.nextActionDate?.trim() ?? '';

    if (nextActivity && !nextDate) problems.push(`${name} has a follow-up activity but no date.`);
    if (!nextActivity && nextDate) problems.push(`${name} has a follow-up date but no activity.`);
    if (nextDate && !isDateShortcut(nextDate) && !concreteMcLeodDate.test(nextDate)) {
      problems.push(`${name}: "${nextDate}" is not a date shortcut such as t3 or t1 0900.`);
    }
  }

  return problems;
}

function joinRemarks(templateRemarks: string, notes: string): string {
  return [templateRemarks.trim(), notes.trim()].filter((part) => part.length > 0).join(' - ');
}

/** An embedded child row (`customer`, `contacts`...) rather than a column value. */
function isChildRow(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/**
 * A follow-up date as the rep typed it (a McLeod shortcut such as `t3`, a McLeod date, or a
 * calendar date `2026-12-07`) made concrete at `now`, as McLeod will store it.
 */
export function resolveFollowUpDate(value: string, now: Date, timeZone?: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());

  if (!calendar) return concreteDate(value.trim(), now, timeZone);

  const [year, month, day] = calendar.slice(1).map(Number) as [number, number, number];
  const midnight = timeZone
    ? new TZDate(year, month - 1, day, timeZone)
    : new Date(year, month - 1, day);

  if (midnight.getMonth() !== month - 1 || midnight.getDate() !== day) {
    throw new Error(`"${value}" is not a date on the calendar.`);
  }

  return formatMcLeodDate(midnight, offsetAt(midnight, timeZone));
}

function concreteDate(value: string, now: Date, timeZone: string | undefined): string {
  if (concreteMcLeodDate.test(value)) {
    parseMcLeodDate(value); // throws on an impossible date such as month 13

    return value;
  }

  const resolved = resolveDateShortcut(value, now, timeZone);

  return formatMcLeodDate(resolved, offsetAt(resolved, timeZone));
}

/** Minutes east of UTC in `timeZone` at `instant`; undefined means the machine's zone. */
function offsetAt(instant: Date, timeZone: string | undefined): number | undefined {
  return timeZone ? tzOffset(timeZone, instant) : undefined;
}
