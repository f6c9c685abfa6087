/**
 * McLeod dates: `yyyyMMddHHmmssZ` on the wire, and the shortcuts request bodies and query
 * values may use (`n`, `t`, `w`, `m`, `q`, `y`, `we`, `me`, `qe`, `ye`, a day offset such as
 * `t-7`, and a time such as `t1 1330`). The server's zone is America/Chicago, like a McLeod
 * server in the central US, so shortcuts resolve and dates print in Chicago time.
 */
export const serverZone = 'America/Chicago';

const dayMs = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: serverZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function intlWallClock(epochMs: number): WallClock {
  const parts: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(epochMs))) parts[part.type] = part.value;

  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? 'Sun'),
  };
}

const hourMs = 3_600_000;
// Chicago's offset only changes on whole UTC hours, and Intl is slow enough to matter when
// seeding thousands of dates, so the offset is remembered per hour.
const offsetByHour = new Map<number, number>();

/** Chicago's offset from UTC in minutes at that instant (-300 or -360). */
function offsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / hourMs);
  const known = offsetByHour.get(hour);
  if (known !== undefined) return known;

  const probe = hour * hourMs;
  const wall = intlWallClock(probe);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offset = Math.round((asUtc - probe) / 60_000);
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);

  return offset;
}

function wallClock(epochMs: number): WallClock {
  const local = new Date(epochMs + offsetMinutes(epochMs) * 60_000);

  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** The instant of a Chicago wall-clock time (months 1-based; out-of-range days roll over). */
export function chicagoToEpoch(
  year: number, month: number, day: number, hour = 0, minute = 0, second = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - offsetMinutes(asUtc) * 60_000;

  return asUtc - offsetMinutes(first) * 60_000;
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/** Formats an instant as McLeod does, in the server's zone: `20160816170100-0500`. */
export function formatMcLeodDate(epochMs: number): string {
  const wall = wallClock(epochMs);
  const offset = offsetMinutes(epochMs);
  const sign = offset < 0 ? '-' : '+';

  return `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}${pad(wall.hour)}`
    + `${pad(wall.minute)}${pad(wall.second)}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}`
    + `${pad(Math.abs(offset) % 60)}`;
}

/** Chicago midnight of the day `epochMs` falls on, moved by `addDays`. */
export function chicagoMidnight(epochMs: number, addDays = 0): number {
  const wall = wallClock(epochMs);

  return chicagoToEpoch(wall.year, wall.month, wall.day + addDays);
}

export interface ResolvedDate {
  epochMs: number;
  /** True when no time of day was given, so a search compares whole days. */
  dateOnly: boolean;
}

const mcleodPattern = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?\s*([+-]\d{4})?$/;
const shortcutPattern = /^(n|t|we|me|qe|ye|w|m|q|y)\s*([+-]?\d+)?(?:\s+(\d{4}))?$/i;

function resolveShortcut(match: RegExpMatchArray, nowMs: number): ResolvedDate {
  const base = (match[1] ?? 't').toLowerCase();
  const days = Number(match[2] ?? 0);
  const time = match[3];
  const now = wallClock(nowMs);
  const quarterStart = Math.floor((now.month - 1) / 3) * 3 + 1;
  let year = now.year;
  let month = now.month;
  let day = now.day;

  switch (base) {
    case 'w': day -= now.weekday; break;
    case 'we': day += 6 - now.weekday; break;
    case 'm': day = 1; break;
    case 'me': month += 1; day = 0; break;
    case 'q': month = quarterStart; day = 1; break;
    case 'qe': month = quarterStart + 3; day = 0; break;
    case 'y': month = 1; day = 1; break;
    case 'ye': year += 1; month = 1; day = 0; break;
    default: break;
  }

  if (time !== undefined) {
    const hour = Number(time.slice(0, 2));
    const minute = Number(time.slice(2));

    return { epochMs: chicagoToEpoch(year, month, day + days, hour, minute), dateOnly: false };
  }

  if (base === 'n') return { epochMs: nowMs + days * dayMs, dateOnly: false };

  return { epochMs: chicagoToEpoch(year, month, day + days), dateOnly: true };
}

/**
 * Reads a date from a request: McLeod format (offset optional, Chicago time without it),
 * `yyyyMMdd`, or a shortcut resolved against `nowMs`. Undefined when it is neither.
 */
export function parseDateInput(value: string, nowMs: number): ResolvedDate | undefined {
  const text = value.trim();
  const shortcut = text.match(shortcutPattern);
  if (shortcut) return resolveShortcut(shortcut, nowMs);

  const exact = text.match(mcleodPattern);
  if (!exact) return undefined;

  const [year, month, day, hour, minute, second] = exact.slice(1, 7).map((p) => Number(p ?? 0));
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59) {
    return undefined;
  }

  const dateOnly = exact[4] === undefined;
  const offset = exact[7];
  if (offset === undefined) {
    return { epochMs: chicagoToEpoch(year!, month!, day!, hour, minute, second), dateOnly };
  }

  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMin = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3)));
  const asUtc = Date.UTC(year!, month! - 1, day!, hour, minute, second);

  return { epochMs: asUtc - offsetMin * 60_000, dateOnly };
}

/** The instant of a stored date (always in McLeod format). */
export function storedDateEpoch(value: string | number | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;

  return parseDateInput(value, Date.now())?.epochMs;
}

export const millisPerDay = dayMs;
