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
