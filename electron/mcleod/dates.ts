/**
 * McLeod dates: the wire form `yyyyMMddHHmmssZ` (`20160816170100-0500`) and the server's date
 * shortcuts (`t`, `t1 1330`, `we`...).
 *
 * Inside the app a timestamp is an ISO 8601 string that keeps the server's offset, so the wall
 * time McLeod showed is never lost. Shortcuts are sent to the server unchanged; the resolver
 * here exists for the app's own use, e.g. showing when a follow-up will fall.
 */
import { tz } from '@date-fns/tz';
import {
  addDays,
  endOfMonth,
  endOfQuarter,
  endOfWeek,
  endOfYear,
  set,
  startOfDay,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
} from 'date-fns';
import { McLeodError } from './errors';
import type { IsoDateTime } from './types';

const mcLeodDatePattern =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const isoDatePattern =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const shortcutPattern = /^(n|t|w|m|q|y|we|me|qe|ye)([+-]?\d{1,4})?(?:\s+(\d{4}))?$/i;

/**
 * Reads a McLeod date into an ISO string that keeps its offset. Also tolerates the forms some
 * servers send: without a zone (`yyyyMMddHHmmss`, read as local wall time, so the result has
 * no offset either), date only (`yyyyMMdd` -> `yyyy-MM-dd`), and ISO strings as they are.
 */
export function parseMcLeodDate(text: string): IsoDateTime {
  const value = text.trim();

  if (isoDatePattern.test(value) && !Number.isNaN(Date.parse(value))) return value;

  const match = mcLeodDatePattern.exec(value);

  if (!match) throw unknownDate(text);

  const [, year, month, day, hour, minute, second, zone] = match;

  if (!isRealDate(Number(year), Number(month), Number(day))) throw unknownDate(text);

  const date = `${year}-${month}-${day}`;

  if (hour === undefined && zone === undefined) return date;

  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) {
    throw unknownDate(text);
  }

  const time = `${hour ?? '00'}:${minute ?? '00'}:${second ?? '00'}`;

  return `${date}T${time}${zone === undefined ? '' : isoZone(zone)}`;
}

/**
 * Writes an instant in McLeod's form at a given UTC offset in minutes (east positive, so
 * UTC-5 is -300). Without an offset it uses the machine's own offset at that instant.
 */
export function formatMcLeodDate(date: Date | IsoDateTime, offsetMinutes?: number): string {
  const instant = typeof date === 'string' ? isoToDate(date) : date;

  if (Number.isNaN(instant.getTime())) throw new Error(`Not a date: ${String(date)}`);

  const offset = offsetMinutes ?? -instant.getTimezoneOffset();
  const wall = new Date(instant.getTime() + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;

  return (
    String(wall.getUTCFullYear()).padStart(4, '0') +
    two(wall.getUTCMonth() + 1) +
    two(wall.getUTCDate()) +
    two(wall.getUTCHours()) +
    two(wall.getUTCMinutes()) +
    two(wall.getUTCSeconds()) +
    zone
  );
}

/** Turns an ISO string (or a McLeod date) into a Date; a date alone means local midnight. */
export function isoToDate(text: IsoDateTime): Date {
  const value = mcLeodDatePattern.test(text.trim()) ? parseMcLeodDate(text) : text.trim();

  // Date.parse reads a bare date as UTC midnight; the rep means their own midnight.
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
}

/** True for the server's date shortcuts: `n`, `t`, `t-7`, `t1 1330`, `w`, `me`... */
export function isDateShortcut(text: string): boolean {
  const match = shortcutPattern.exec(text.trim());

  return match !== null && (match[3] === undefined || isClockTime(match[3]));
}

/**
 * Resolves a shortcut the way the server does, in `timeZone` (IANA name) or the machine's zone.
 *
 * - `n` is now; `t` is today at 00:00.
 * - `w`/`m`/`q`/`y` are the first day of the week/month/quarter/year at 00:00, and
 *   `we`/`me`/`qe`/`ye` the last day at 00:00 (not 23:59: a follow-up lands on a day).
 *   Weeks start on Sunday, as in the US calendars McLeod's customers use.
 * - A signed number adds days on the calendar (`t1` tomorrow, `t-7`, `m+1`), so a day across
 *   a daylight-saving change is still a whole day; a four-digit suffix sets the time
 *   (`t1 1330` is tomorrow at 13:30).
 */
export function resolveDateShortcut(text: string, now: Date, timeZone?: string): Date {
  const match = shortcutPattern.exec(text.trim());

  if (!match || (match[3] !== undefined && !isClockTime(match[3]))) {
    throw new Error(`"${text}" is not a McLeod date shortcut.`);
  }

  const [, base = '', days, clock] = match;
  const context = timeZone ? { in: tz(timeZone) } : {};
  const week = { ...context, weekStartsOn: 0 as const };
  const lastDay = (end: Date) => startOfDay(end, context);

  const anchors: Record<string, () => Date> = {
    n: () => new Date(now.getTime()),
    t: () => startOfDay(now, context),
    w: () => startOfWeek(now, week),
    m: () => startOfMonth(now, context),
    q: () => startOfQuarter(now, context),
    y: () => startOfYear(now, context),
    we: () => lastDay(endOfWeek(now, week)),
    me: () => lastDay(endOfMonth(now, context)),
    qe: () => lastDay(endOfQuarter(now, context)),
    ye: () => lastDay(endOfYear(now, context)),
  };

  let resolved = anchors[base.toLowerCase()]!();

  if (days !== undefined) resolved = addDays(resolved, Number(days), context);

  if (clock !== undefined) {
    const hours = Number(clock.slice(0, 2));
    const minutes = Number(clock.slice(2));

    resolved = set(resolved, { hours, minutes, seconds: 0, milliseconds: 0 }, context);
  }

  return new Date(resolved.getTime());
}

function isClockTime(clock: string): boolean {
  return Number(clock.slice(0, 2)) <= 23 && Number(clock.slice(2)) <= 59;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));

  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function isoZone(zone: string): string {
  if (zone === 'Z') return 'Z';

  const digits = zone.replace(':', '');

  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

function unknownDate(text: string): McLeodError {
  return new McLeodError(
    'format',
    `McLeod sent a date in a form this app does not know: "${text}".`,
  );
}
