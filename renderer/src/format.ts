/** How dates, ages and money read on screen (the rep's own locale and zone). */
import type { Money } from '../../electron/mcleod/types';

export function shortDate(iso: string | undefined): string {
  if (!iso) return '';

  const date = new Date(iso);

  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function clockTime(iso: string | undefined): string {
  if (!iso) return '';

  const date = new Date(iso);

  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function age(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';

  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);

  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;

  return `${Math.floor(minutes / (24 * 60))} days ago`;
}

export function money(value: Money | undefined): string {
  if (!value) return '';

  try {
    return value.amount.toLocaleString(undefined, {
      style: 'currency',
      currency: value.currency || 'USD',
      maximumFractionDigits: 0,
    });
  } catch {
    // An unknown currency code from the server: show the plain number with the code.
    return `${value.amount.toLocaleString()} ${value.currency ?? ''}`.trim();
  }
}

/** "04:07" for a call that has run 247 seconds. */
export function mmss(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);

  return `${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * McLeod's follow-up date (`20261206000000+0000`) as the wall date McLeod itself shows:
 * "2026-12-06", or "2026-12-06 09:00" when it has a time. Other text is shown as it is.
 */
export function readableMcLeodDate(raw: string | undefined): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})\d{2})?(?:[+-]\d{4})?$/.exec(raw ?? '');

  if (!match) return raw ?? '';

  const [, year, month, day, hour = '00', minute = '00'] = match;
  const date = `${year}-${month}-${day}`;

  return hour === '00' && minute === '00' ? date : `${date} ${hour}:${minute}`;
}

/** McLeod's date shortcuts (t, t1, t-7, me, t1 0900...); the core has the final word. */
export const dateShortcut = /^(?:n|t|w|m|q|y|we|me|qe|ye)(?:[+-]?\d{1,4})?(?: +\d{4})?$/i;

/**
 * What to send for a follow-up date the rep typed: a shortcut or nothing as typed, a date
 * written as `readableMcLeodDate` shows one in McLeod's form at the rep's own offset.
 * Throws a sentence for the rep on anything else.
 */
export function mcLeodDateFromTyped(typed: string): string {
  const text = typed.trim();

  if (text === '' || dateShortcut.test(text)) return text;

  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);

  if (!match) throw new Error('Use a date such as 2026-12-08 (or 2026-12-08 09:00), or t1.');

  const [, year, month, day, hour = '00', minute = '00'] = match;
  const local = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
  );

  if (
    local.getDate() !== Number(day) ||
    local.getMonth() !== Number(month) - 1 ||
    Number(hour) > 23 ||
    Number(minute) > 59
  ) {
    throw new Error(`${text} is not a date on the calendar.`);
  }

  const offset = -local.getTimezoneOffset();
  const hours = two(Math.floor(Math.abs(offset) / 60));
  const zone = `${offset < 0 ? '-' : '+'}${hours}${two(Math.abs(offset) % 60)}`;

  return `${year}${month}${day}${hour}${minute}00${zone}`;
}
