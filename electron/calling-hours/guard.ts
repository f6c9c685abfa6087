/**
 * The calling-hours guard: is it a decent hour where the prospect is, and did someone call
 * them too recently?
 *
 * A window is [start, end): 8:00:00 is inside, 16:59:59 is inside, 17:00:00 is outside, so
 * "8-5" means the last call may start before five o'clock. Local time always comes from Intl
 * with the prospect's IANA zone, never from a fixed offset, so DST changes are handled.
 */
import type { LocalTimeInfo } from '../contract';
import type { Prospect, ProspectAction } from '../mcleod/types';
import { prospectTimeZone } from './timezone';

export interface CallingWindow {
  /** "08:00" */
  start: string;
  /** "17:00", exclusive. */
  end: string;
  fromBusinessHours: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

interface ClockTime {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

// The colon is optional so that military "0800-1700" and "830-430" read too.
const timePattern = String.raw`([01]?\d|2[0-4])(?:[:.]?(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|a|p)?`;
const rangePattern = new RegExp(
  String.raw`(?<![\d:])${timePattern}\s*(?:-|–|—|to|until|till)\s*${timePattern}(?![\d:])`,
  'i',
);

function clockTime(hour?: string, minute?: string, meridiem?: string): ClockTime | undefined {
  if (hour === undefined) return undefined;

  const time: ClockTime = { hour: Number(hour), minute: minute ? Number(minute) : 0 };
  const letter = meridiem?.trim().toLowerCase()[0];

  if (letter === 'a') time.meridiem = 'am';
  if (letter === 'p') time.meridiem = 'pm';

  return time;
}

function to24(time: ClockTime): number {
  if (time.meridiem === undefined) return time.hour;
  if (time.meridiem === 'am') return time.hour === 12 ? 0 : time.hour;

  return time.hour === 12 ? 12 : time.hour + 12;
}

function formatClock(minutes: number): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;

  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Reads McLeod's free-text business hours ("8-5", "07:30-16:00", "9am-4pm", "8 AM - 5 PM",
 * "M-F 8:30-4:30") into a 24-hour "HH:MM" pair, or undefined when the text is not a range.
 */
export function parseBusinessHours(
  text: string | undefined,
): { start: string; end: string } | undefined {
  const match = rangePattern.exec(text ?? '');

  if (!match) return undefined;

  const from = clockTime(match[1], match[2], match[3]);
  const to = clockTime(match[4], match[5], match[6]);

  if (!from || !to) return undefined;

  const limits = [from, to].every(
    (time) =>
      time.minute < 60 &&
      (time.meridiem === undefined ? time.hour <= 24 : time.hour >= 1 && time.hour <= 12),
  );

  if (!limits) return undefined;

  let start = to24(from);
  let end = to24(to);

  // "1-5pm" is one to five in the afternoon, "8-5pm" is eight in the morning to five.
  if (from.meridiem === undefined && to.meridiem === 'pm' && start < 12 && start + 12 < end) {
    start += 12;
  }

  // Without am/pm an end before the start is in the afternoon: "8-5" is 8:00 to 17:00.
  if (to.meridiem === undefined && end <= start && end < 12) end += 12;

  const startMinutes = start * 60 + from.minute;
  const endMinutes = end * 60 + to.minute;

  if (endMinutes <= startMinutes || endMinutes > 24 * 60) return undefined;

  return { start: formatClock(startMinutes), end: formatClock(endMinutes) };
}

/** The prospect's own business hours when they parse, else the rep's default window. */
export function callingWindow(
  prospect: Prospect,
  defaults: { start: string; end: string },
): CallingWindow {
  const ownHours = parseBusinessHours(prospect.businessHours);

  return ownHours
    ? { ...ownHours, fromBusinessHours: true }
    : { start: defaults.start, end: defaults.end, fromBusinessHours: false };
}

function minutesOf(clock: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());

  if (!match) throw new Error(`"${clock}" is not a time of day like 08:00.`);

  return Number(match[1]) * 60 + Number(match[2]);
}

/** Seconds since local midnight at `now` in `timeZone`. */
function localSecondOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);

  return part('hour') * 3600 + part('minute') * 60 + part('second');
}

/** Whether `now` falls in the window, start inclusive and end exclusive, in `timeZone`. */
export function isWithinWindow(now: Date, timeZone: string, window: CallingWindow): boolean {
  const second = localSecondOfDay(now, timeZone);
  const start = minutesOf(window.start) * 60;
  const end = minutesOf(window.end) * 60;

  // A window that ends before it starts runs past midnight (a night-shift dock).
  return start <= end ? second >= start && second < end : second >= start || second < end;
}

function shortClock(clock: string): string {
  return clock.replace(/^0(\d)/, '$1');
}

/** "2:05 PM CST" in the prospect's zone. */
function formatLocalTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  })
    .format(now)
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** Everything the card shows about the prospect's clock, and whether to call now. */
export function localTimeInfo(
  prospect: Prospect,
  now: Date,
  defaults: { start: string; end: string },
): LocalTimeInfo {
  const window = callingWindow(prospect, defaults);
  const firstContactPhone = prospect.contacts.find((contact) => contact.phone)?.phone;
  const zone = prospectTimeZone({
    state: prospect.state,
    zip: prospect.zip,
    phone: prospect.mainPhone ?? firstContactPhone,
  });
  const info: LocalTimeInfo = {
    window: `${shortClock(window.start)}-${shortClock(window.end)}`,
  };

  if (!zone) return info;

  return {
    ...info,
    timeZone: zone.timeZone,
    source: zone.source,
    localTime: formatLocalTime(now, zone.timeZone),
    withinWindow: isWithinWindow(now, zone.timeZone, window),
  };
}

function daysPhrase(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return '1 day ago';

  return `${days} days ago`;
}

/**
 * A warning when the prospect's last action is more recent than their days-between-calls.
 * Every past action counts: activity codes are company-specific, so "was it a call" cannot be
 * told from the code.
 */
export function calledTooRecently(
  prospect: Prospect,
  history: ProspectAction[],
  now: Date,
): string | undefined {
  const spacing = prospect.daysBetweenCalls;

  if (spacing === undefined || !Number.isFinite(spacing) || spacing <= 0) return undefined;

  const pastTimes = history
    .filter((action) => action.customerId === prospect.id)
    .map((action) => (action.actionDate ? Date.parse(action.actionDate) : Number.NaN))
    .filter((time) => Number.isFinite(time) && time <= now.getTime());

  if (pastTimes.length === 0) return undefined;

  const last = Math.max(...pastTimes);
  const days = Math.floor((now.getTime() - last) / dayMs);

  if (days >= spacing) return undefined;

  return `Called ${daysPhrase(days)}; days between calls is ${spacing}.`;
}
