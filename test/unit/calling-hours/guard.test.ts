import { describe, expect, it } from 'vitest';
import {
  calledTooRecently,
  callingWindow,
  isWithinWindow,
  localTimeInfo,
  parseBusinessHours,
  type CallingWindow,
} from '../../../electron/calling-hours/guard';
import type { Prospect, ProspectAction } from '../../../electron/mcleod/types';

const defaults = { start: '08:00', end: '17:00' };
const eightToFive: CallingWindow = { ...defaults, fromBusinessHours: false };

function prospect(extra: Partial<Prospect> = {}): Prospect {
  return {
    id: 'MIDWSTIL',
    name: 'Midwest Steel Coil',
    isActive: true,
    contacts: [],
    comments: [],
    ...extra,
  };
}

describe('parseBusinessHours', () => {
  it.each([
    ['8-5', '08:00', '17:00'],
    ['8:00-17:00', '08:00', '17:00'],
    ['07:30-16:00', '07:30', '16:00'],
    ['9am-4pm', '09:00', '16:00'],
    ['8 AM - 5 PM', '08:00', '17:00'],
    ['9:00 a.m. - 5:00 p.m.', '09:00', '17:00'],
    ['8a-5p', '08:00', '17:00'],
    ['M-F 8:30-4:30', '08:30', '16:30'],
    ['0800-1700', '08:00', '17:00'],
    ['7 to 3:30', '07:00', '15:30'],
    ['6–2', '06:00', '14:00'],
    ['1-5pm', '13:00', '17:00'],
    ['8-5pm', '08:00', '17:00'],
    ['12pm-4pm', '12:00', '16:00'],
    ['8-12', '08:00', '12:00'],
  ])('reads %j as %s to %s', (text, start, end) => {
    expect(parseBusinessHours(text)).toEqual({ start, end });
  });

  it.each(['', 'closed', 'call anytime', '24/7', '5pm-8am', '13pm-5pm', '8:75-5'])(
    'gives up on %j',
    (text) => {
      expect(parseBusinessHours(text)).toBeUndefined();
    },
  );

  it('gives up on a missing value', () => {
    expect(parseBusinessHours(undefined)).toBeUndefined();
  });
});

describe('callingWindow', () => {
  it("uses the prospect's business hours when they parse", () => {
    expect(callingWindow(prospect({ businessHours: '07:30-16:00' }), defaults)).toEqual({
      start: '07:30',
      end: '16:00',
      fromBusinessHours: true,
    });
  });

  it("uses the rep's default window when they do not", () => {
    expect(callingWindow(prospect({ businessHours: 'see notes' }), defaults)).toEqual({
      ...defaults,
      fromBusinessHours: false,
    });
    expect(callingWindow(prospect(), defaults).fromBusinessHours).toBe(false);
  });
});

describe('isWithinWindow at the edges (Chicago, January: UTC-6)', () => {
  it.each([
    ['2026-01-15T13:59:59Z', '7:59:59 AM', false],
    ['2026-01-15T14:00:00Z', '8:00 AM', true],
    ['2026-01-15T22:59:00Z', '4:59 PM', true],
    ['2026-01-15T22:59:59Z', '4:59:59 PM', true],
    ['2026-01-15T23:00:00Z', '5:00 PM', false],
  ])('%s (%s local) inside: %s', (instant, _local, inside) => {
    expect(isWithinWindow(new Date(instant), 'America/Chicago', eightToFive)).toBe(inside);
  });

  it('handles a window that runs past midnight', () => {
    const nightDock: CallingWindow = { start: '22:00', end: '06:00', fromBusinessHours: true };

    expect(isWithinWindow(new Date('2026-01-15T05:00:00Z'), 'America/Chicago', nightDock)).toBe(
      true,
    );
    expect(isWithinWindow(new Date('2026-01-15T18:00:00Z'), 'America/Chicago', nightDock)).toBe(
      false,
    );
  });
});

describe('isWithinWindow around the 2026 DST changes', () => {
  // Spring forward: Sunday 8 March 2026. Fall back: Sunday 1 November 2026.
  it.each([
    ['Fri 6 Mar, 13:00Z = 7:00 CST', '2026-03-06T13:00:00Z', false],
    ['Fri 6 Mar, 14:00Z = 8:00 CST', '2026-03-06T14:00:00Z', true],
    ['Mon 9 Mar, 12:59:59Z = 7:59:59 CDT', '2026-03-09T12:59:59Z', false],
    ['Mon 9 Mar, 13:00Z = 8:00 CDT', '2026-03-09T13:00:00Z', true],
    ['Mon 9 Mar, 21:59:59Z = 16:59:59 CDT', '2026-03-09T21:59:59Z', true],
    ['Mon 9 Mar, 22:00Z = 17:00 CDT', '2026-03-09T22:00:00Z', false],
    ['Fri 30 Oct, 13:00Z = 8:00 CDT', '2026-10-30T13:00:00Z', true],
    ['Mon 2 Nov, 13:00Z = 7:00 CST', '2026-11-02T13:00:00Z', false],
    ['Mon 2 Nov, 14:00Z = 8:00 CST', '2026-11-02T14:00:00Z', true],
    ['Mon 2 Nov, 22:59:59Z = 16:59:59 CST', '2026-11-02T22:59:59Z', true],
    ['Mon 2 Nov, 23:00Z = 17:00 CST', '2026-11-02T23:00:00Z', false],
  ])('Chicago: %s', (_label, instant, inside) => {
    expect(isWithinWindow(new Date(instant), 'America/Chicago', eightToFive)).toBe(inside);
  });

  it.each([
    ['Fri 6 Mar', '2026-03-06'],
    ['Mon 9 Mar', '2026-03-09'],
    ['Fri 30 Oct', '2026-10-30'],
    ['Mon 2 Nov', '2026-11-02'],
  ])('Phoenix stays on UTC-7 on %s', (_label, day) => {
    const at = (time: string) => new Date(`${day}T${time}Z`);

    expect(isWithinWindow(at('14:59:59'), 'America/Phoenix', eightToFive)).toBe(false);
    expect(isWithinWindow(at('15:00:00'), 'America/Phoenix', eightToFive)).toBe(true);
    expect(isWithinWindow(at('23:59:59'), 'America/Phoenix', eightToFive)).toBe(true);
    expect(isWithinWindow(at('00:00:00'), 'America/Phoenix', eightToFive)).toBe(false);
  });

  it('reads the clock correctly across the spring-forward hour itself', () => {
    const earlyWindow: CallingWindow = { start: '03:00', end: '04:00', fromBusinessHours: true };

    // 07:59:59Z is 1:59:59 CST; one second later it is 3:00:00 CDT.
    expect(isWithinWindow(new Date('2026-03-08T07:59:59Z'), 'America/Chicago', earlyWindow)).toBe(
      false,
    );
    expect(isWithinWindow(new Date('2026-03-08T08:00:00Z'), 'America/Chicago', earlyWindow)).toBe(
      true,
    );
  });
});

describe('localTimeInfo', () => {
  it('shows the local time, the window and whether it is open, for a Chicago prospect', () => {
    const info = localTimeInfo(
      prospect({ state: 'IL', businessHours: '9am-4pm' }),
      new Date('2026-01-15T20:05:00Z'),
      defaults,
    );

    expect(info).toEqual({
      timeZone: 'America/Chicago',
      source: 'state',
      localTime: '2:05 PM CST',
      window: '9:00-16:00',
      withinWindow: true,
    });
  });

  it('shows daylight time in summer for Chicago but not for Phoenix', () => {
    const at = new Date('2026-07-01T13:30:00Z');

    expect(localTimeInfo(prospect({ state: 'IL' }), at, defaults).localTime).toBe('8:30 AM CDT');
    expect(localTimeInfo(prospect({ state: 'AZ' }), at, defaults)).toMatchObject({
      localTime: '6:30 AM MST',
      withinWindow: false,
    });
  });

  it('finds the zone from a contact phone when the card has nothing else', () => {
    const info = localTimeInfo(
      prospect({ contacts: [{ id: '1', name: 'Mary', isActive: true, phone: '915-555-0101' }] }),
      new Date('2026-01-15T15:00:00Z'),
      defaults,
    );

    expect(info).toMatchObject({
      timeZone: 'America/Denver',
      source: 'area-code',
      localTime: '8:00 AM MST',
      withinWindow: true,
    });
  });

  it('shows only the window when the zone is unknown', () => {
    expect(localTimeInfo(prospect(), new Date('2026-01-15T20:05:00Z'), defaults)).toEqual({
      window: '8:00-17:00',
    });
  });
});

function action(actionDate: string | undefined, extra: Partial<ProspectAction> = {}) {
  return { id: `A${actionDate}`, customerId: 'MIDWSTIL', actionDate, ...extra } as ProspectAction;
}

describe('calledTooRecently', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  const weekly = prospect({ daysBetweenCalls: 7 });

  it('warns when the last call is inside days-between-calls', () => {
    const history = [action('2026-02-01T10:00:00-06:00'), action('2026-03-08T10:00:00-05:00')];

    expect(calledTooRecently(weekly, history, now)).toBe(
      'Called 2 days ago; days between calls is 7.',
    );
  });

  it('says today and 1 day in plain words', () => {
    expect(calledTooRecently(weekly, [action('2026-03-10T08:00:00-05:00')], now)).toBe(
      'Called today; days between calls is 7.',
    );
    expect(calledTooRecently(weekly, [action('2026-03-09T09:00:00-05:00')], now)).toBe(
      'Called 1 day ago; days between calls is 7.',
    );
  });

  it('is silent once the spacing has passed', () => {
    expect(calledTooRecently(weekly, [action('2026-03-03T10:00:00-05:00')], now)).toBeUndefined();
  });

  it('ignores scheduled actions, bad dates and other customers', () => {
    const history = [
      action('2026-03-12T10:00:00-05:00'),
      action('not a date'),
      action(undefined),
      action('2026-03-09T10:00:00-05:00', { customerId: 'OTHERCO' }),
    ];

    expect(calledTooRecently(weekly, history, now)).toBeUndefined();
  });

  it('is silent when the prospect has no days-between-calls', () => {
    const history = [action('2026-03-10T08:00:00-05:00')];

    expect(calledTooRecently(prospect(), history, now)).toBeUndefined();
    expect(calledTooRecently(prospect({ daysBetweenCalls: 0 }), history, now)).toBeUndefined();
  });
});
