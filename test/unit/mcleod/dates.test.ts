import { afterEach, describe, expect, it } from 'vitest';
import {
  formatMcLeodDate,
  isDateShortcut,
  isoToDate,
  parseMcLeodDate,
  resolveDateShortcut,
} from '../../../electron/mcleod/dates';
import { McLeodError } from '../../../electron/mcleod/errors';

describe('parseMcLeodDate', () => {
  it.each([
    ['20160816170100-0500', '2016-08-16T17:01:00-05:00'],
    ['20240101000000+0530', '2024-01-01T00:00:00+05:30'],
    ['20160816170100Z', '2016-08-16T17:01:00Z'],
    ['20160816170100 -05:00', '2016-08-16T17:01:00-05:00'],
    ['20160816170100', '2016-08-16T17:01:00'],
    ['201608161701', '2016-08-16T17:01:00'],
    ['20160816', '2016-08-16'],
    ['20240229', '2024-02-29'],
    ['2016-08-16T17:01:00-05:00', '2016-08-16T17:01:00-05:00'],
    [' 20160816170100-0500\n', '2016-08-16T17:01:00-05:00'],
  ])('reads %j as %s', (wire, iso) => {
    expect(parseMcLeodDate(wire)).toBe(iso);
  });

  it('keeps the instant: the ISO string names the same moment as the McLeod one', () => {
    expect(new Date(parseMcLeodDate('20160816170100-0500')).toISOString()).toBe(
      '2016-08-16T22:01:00.000Z',
    );
  });

  it.each(['', 'yesterday', '20161316', '20230229', '20160816250000-0500', '2016081617', 't1'])(
    'refuses %j as a format error',
    (wire) => {
      expect(() => parseMcLeodDate(wire)).toThrow(McLeodError);
      try {
        parseMcLeodDate(wire);
      } catch (error) {
        expect((error as McLeodError).kind).toBe('format');
      }
    },
  );
});

describe('formatMcLeodDate', () => {
  const savedZone = process.env.TZ;

  afterEach(() => {
    process.env.TZ = savedZone;
  });

  const instant = new Date('2016-08-16T22:01:00Z');

  it.each([
    [-300, '20160816170100-0500'],
    [-360, '20160816160100-0600'],
    [0, '20160816220100+0000'],
    [330, '20160817033100+0530'],
    [-570, '20160816123100-0930'],
  ])('writes the instant at offset %i minutes as %s', (offset, wire) => {
    expect(formatMcLeodDate(instant, offset)).toBe(wire);
  });

  it('accepts an ISO string and an offset, and round-trips through the parser', () => {
    const wire = formatMcLeodDate('2016-08-16T17:01:00-05:00', -300);

    expect(wire).toBe('20160816170100-0500');
    expect(isoToDate(parseMcLeodDate(wire)).getTime()).toBe(instant.getTime());
  });

  it('uses the machine offset at that instant when none is given (daylight time included)', () => {
    process.env.TZ = 'America/Chicago';

    expect(formatMcLeodDate(new Date('2024-01-15T18:00:00Z'))).toBe('20240115120000-0600');
    expect(formatMcLeodDate(new Date('2024-07-15T17:00:00Z'))).toBe('20240715120000-0500');
  });

  it('refuses something that is not a date', () => {
    expect(() => formatMcLeodDate('soon')).toThrow(/Not a date/);
  });
});

describe('date shortcuts', () => {
  it.each(['n', 't', 'T', 't1', 't-7', 't+3', 'w', 'm', 'q', 'y', 'we', 'me', 'qe', 'ye',
    't1 1330', 't 0800', 'm+1', 'n1'])('recognizes %j', (text) => {
    expect(isDateShortcut(text)).toBe(true);
  });

  it.each(['', 'x', 'tomorrow', 't1 2530', 't1 13:30', '20240101', 'wk', 't1.5'])(
    'does not take %j for a shortcut',
    (text) => {
      expect(isDateShortcut(text)).toBe(false);
    },
  );

  // Saturday 9 March 2024, 14:00 in Chicago; the next day daylight time starts there.
  const now = new Date('2024-03-09T20:00:00Z');

  it.each([
    ['n', '2024-03-09T20:00:00.000Z'],
    ['t', '2024-03-09T06:00:00.000Z'],
    ['t1', '2024-03-10T06:00:00.000Z'],
    ['t2', '2024-03-11T05:00:00.000Z'],
    ['t-7', '2024-03-02T06:00:00.000Z'],
    ['t1 1330', '2024-03-10T18:30:00.000Z'],
    ['t 0800', '2024-03-09T14:00:00.000Z'],
    ['n1', '2024-03-10T19:00:00.000Z'],
    ['w', '2024-03-03T06:00:00.000Z'],
    ['we', '2024-03-09T06:00:00.000Z'],
    ['m', '2024-03-01T06:00:00.000Z'],
    ['me', '2024-03-31T05:00:00.000Z'],
    ['m+1', '2024-03-02T06:00:00.000Z'],
    ['q', '2024-01-01T06:00:00.000Z'],
    ['qe', '2024-03-31T05:00:00.000Z'],
    ['y', '2024-01-01T06:00:00.000Z'],
    ['ye', '2024-12-31T06:00:00.000Z'],
    ['YE', '2024-12-31T06:00:00.000Z'],
  ])('resolves %j in Chicago to %s', (text, instant) => {
    expect(resolveDateShortcut(text, now, 'America/Chicago').toISOString()).toBe(instant);
  });

  it('resolves "today" by the calendar of the zone given, not of UTC', () => {
    // 20:00 UTC on the 9th is already the 10th in Kolkata (UTC+5:30).
    expect(resolveDateShortcut('t', now, 'Asia/Kolkata').toISOString()).toBe(
      '2024-03-09T18:30:00.000Z',
    );
  });

  it('uses the machine zone when no zone is given', () => {
    const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

    expect(resolveDateShortcut('t1 0930', now).getTime()).toBe(
      resolveDateShortcut('t1 0930', now, machineZone).getTime(),
    );
  });

  it('refuses text that is not a shortcut', () => {
    expect(() => resolveDateShortcut('next tuesday', now)).toThrow(/not a McLeod date shortcut/);
  });
});
