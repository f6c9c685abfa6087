import { describe, expect, it } from 'vitest';
import { knownRegions, prospectTimeZone } from '../../../electron/calling-hours/timezone';

const january = new Date('2026-01-15T18:00:00Z');
const july = new Date('2026-07-15T18:00:00Z');

/** "GMT-06:00" style offset of a zone at an instant, as Intl computes it. */
function offset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');

  return part?.value ?? '';
}

const eastern = 'America/New_York';
const central = 'America/Chicago';
const mountain = 'America/Denver';
const pacific = 'America/Los_Angeles';

const usStates: [string, string][] = [
  ['AL', central], ['AK', 'America/Anchorage'], ['AZ', 'America/Phoenix'], ['AR', central],
  ['CA', pacific], ['CO', mountain], ['CT', eastern], ['DE', eastern],
  ['DC', eastern], ['FL', eastern], ['GA', eastern], ['HI', 'Pacific/Honolulu'],
  ['ID', 'America/Boise'], ['IL', central], ['IN', 'America/Indiana/Indianapolis'],
  ['IA', central], ['KS', central], ['KY', eastern], ['LA', central], ['ME', eastern],
  ['MD', eastern], ['MA', eastern], ['MI', 'America/Detroit'], ['MN', central],
  ['MS', central], ['MO', central], ['MT', mountain], ['NE', central], ['NV', pacific],
  ['NH', eastern], ['NJ', eastern], ['NM', mountain], ['NY', eastern], ['NC', eastern],
  ['ND', central], ['OH', eastern], ['OK', central], ['OR', pacific], ['PA', eastern],
  ['RI', eastern], ['SC', eastern], ['SD', central], ['TN', central], ['TX', central],
  ['UT', mountain], ['VT', eastern], ['VA', eastern], ['WA', pacific], ['WV', eastern],
  ['WI', central], ['WY', mountain],
];

const territories: [string, string][] = [
  ['PR', 'America/Puerto_Rico'], ['VI', 'America/St_Thomas'], ['GU', 'Pacific/Guam'],
  ['MP', 'Pacific/Saipan'], ['AS', 'Pacific/Pago_Pago'],
];

const provinces: [string, string][] = [
  ['AB', 'America/Edmonton'], ['BC', 'America/Vancouver'], ['MB', 'America/Winnipeg'],
  ['NB', 'America/Moncton'], ['NL', 'America/St_Johns'], ['NS', 'America/Halifax'],
  ['NT', 'America/Edmonton'], ['NU', 'America/Iqaluit'], ['ON', 'America/Toronto'],
  ['PE', 'America/Halifax'], ['QC', 'America/Toronto'], ['SK', 'America/Regina'],
  ['YT', 'America/Whitehorse'],
];

describe('prospectTimeZone by state', () => {
  it('covers all 50 states and DC', () => {
    expect(usStates).toHaveLength(51);
  });

  it.each([...usStates, ...territories, ...provinces])('puts %s in %s', (state, zone) => {
    expect(prospectTimeZone({ state })).toEqual({ timeZone: zone, source: 'state' });
  });

  it('knows only zones that Intl can use', () => {
    for (const state of knownRegions) {
      const found = prospectTimeZone({ state });

      expect(found, state).toBeDefined();
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: found?.timeZone })).not.toThrow();
    }
  });

  it('keeps Arizona, Hawaii and Saskatchewan off daylight saving time', () => {
    for (const state of ['AZ', 'HI', 'SK']) {
      const zone = prospectTimeZone({ state })?.timeZone ?? '';

      expect(offset(zone, january), state).toBe(offset(zone, july));
    }

    expect(offset('America/Phoenix', july)).toBe('GMT-07:00');
    expect(offset('Pacific/Honolulu', july)).toBe('GMT-10:00');
  });

  it('reads lower-case codes, full names and stray spaces', () => {
    expect(prospectTimeZone({ state: ' il ' })?.timeZone).toBe(central);
    expect(prospectTimeZone({ state: 'Illinois' })?.timeZone).toBe(central);
    expect(prospectTimeZone({ state: 'british columbia' })?.timeZone).toBe('America/Vancouver');
  });

  it('ignores the ZIP in a state with one zone', () => {
    // Window Rock is on the Navajo Nation, which keeps DST; Arizona's businesses mostly do not.
    expect(prospectTimeZone({ state: 'AZ', zip: '86515' })).toEqual({
      timeZone: 'America/Phoenix',
      source: 'state',
    });
  });
});

// [state, ZIP, place, expected January offset]
const splitSides: [string, string, string, string][] = [
  ['IN', '46204', 'Indianapolis', 'GMT-05:00'],
  ['IN', '46320', 'Hammond', 'GMT-06:00'],
  ['IN', '47708', 'Evansville', 'GMT-06:00'],
  ['KY', '40202', 'Louisville', 'GMT-05:00'],
  ['KY', '42101', 'Bowling Green', 'GMT-06:00'],
  ['KY', '42001', 'Paducah', 'GMT-06:00'],
  ['TN', '37902', 'Knoxville', 'GMT-05:00'],
  ['TN', '37203', 'Nashville', 'GMT-06:00'],
  ['FL', '32301', 'Tallahassee', 'GMT-05:00'],
  ['FL', '32501', 'Pensacola', 'GMT-06:00'],
  ['MI', '48226', 'Detroit', 'GMT-05:00'],
  ['MI', '49801', 'Iron Mountain', 'GMT-06:00'],
  ['ND', '58102', 'Fargo', 'GMT-06:00'],
  ['ND', '58601', 'Dickinson', 'GMT-07:00'],
  ['SD', '57104', 'Sioux Falls', 'GMT-06:00'],
  ['SD', '57701', 'Rapid City', 'GMT-07:00'],
  ['NE', '68102', 'Omaha', 'GMT-06:00'],
  ['NE', '69361', 'Scottsbluff', 'GMT-07:00'],
  ['KS', '67202', 'Wichita', 'GMT-06:00'],
  ['KS', '67735', 'Goodland', 'GMT-07:00'],
  ['TX', '75201', 'Dallas', 'GMT-06:00'],
  ['TX', '79901', 'El Paso', 'GMT-07:00'],
  ['ID', '83702', 'Boise', 'GMT-07:00'],
  ['ID', '83814', "Coeur d'Alene", 'GMT-08:00'],
  ['OR', '97201', 'Portland', 'GMT-08:00'],
  ['OR', '97914', 'Ontario', 'GMT-07:00'],
  ['AK', '99501', 'Anchorage', 'GMT-09:00'],
  ['AK', '99801', 'Juneau', 'GMT-09:00'],
];

describe('prospectTimeZone in split states', () => {
  it.each(splitSides)('lets the ZIP decide in %s: %s (%s)', (state, zip, _place, expected) => {
    const found = prospectTimeZone({ state, zip });

    expect(found?.source).toBe('zip');
    expect(offset(found?.timeZone ?? 'UTC', january)).toBe(expected);
  });

  it('reads ZIP+4 and ZIPs with spaces', () => {
    expect(prospectTimeZone({ state: 'TX', zip: '79901-1234' })?.timeZone).toBe(mountain);
    expect(prospectTimeZone({ state: 'TX', zip: ' 79901 ' })?.timeZone).toBe(mountain);
  });

  it("falls back to the state's majority zone when the ZIP is unknown or malformed", () => {
    expect(prospectTimeZone({ state: 'TX', zip: '00000' })).toEqual({
      timeZone: central,
      source: 'state',
    });
    expect(prospectTimeZone({ state: 'IN', zip: 'N/A' })).toEqual({
      timeZone: 'America/Indiana/Indianapolis',
      source: 'state',
    });
  });
});

describe('prospectTimeZone without a usable state', () => {
  it('uses the ZIP when the state is missing or unknown', () => {
    expect(prospectTimeZone({ zip: '60601' })).toEqual({ timeZone: central, source: 'zip' });
    expect(prospectTimeZone({ state: 'XX', zip: '98101' })).toEqual({
      timeZone: pacific,
      source: 'zip',
    });
  });

  it.each([
    ['(312) 555-0142', central],
    ['915-555-0100', mountain],
    ['1-808-555-0101', 'Pacific/Honolulu'],
    ['602.555.0100', 'America/Phoenix'],
    ['(865) 555-0110', eastern],
    ['416-555-0199', 'America/Toronto'],
    ['+1 306 555 0100', 'America/Regina'],
  ])('falls back to the area code of %s', (phone, zone) => {
    expect(prospectTimeZone({ phone })).toEqual({ timeZone: zone, source: 'area-code' });
  });

  it('gives up on foreign numbers, garbage and unlisted area codes', () => {
    expect(prospectTimeZone({ phone: '+44 20 7946 0958' })).toBeUndefined();
    expect(prospectTimeZone({ phone: 'see notes' })).toBeUndefined();
    // 867 serves three territories in three zones.
    expect(prospectTimeZone({ phone: '867-555-0100' })).toBeUndefined();
    expect(prospectTimeZone({})).toBeUndefined();
  });
});
