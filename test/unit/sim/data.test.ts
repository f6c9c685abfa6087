import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simActivityCodes, startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { SimSession, type Row } from './sim-session';

let sim: RunningSim;
let session: SimSession;
let prospects: Row[];

const everything = '/crm/prospects/search?recordLength=10000&includeContacts=true'
  + '&includeComments=true';

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  session = await SimSession.open(sim);
  prospects = await session.rows(everything);
});

afterAll(async () => {
  await sim.stop();
});

const contactsOf = (row: Row) => (row.contacts ?? []) as Row[];
const digits = (text: unknown) => String(text).replace(/\D/g, '');

function phonesOf(row: Row): string[] {
  const phones = [row.main_phone, ...contactsOf(row).flatMap((c) => [c.phone, c.mobile_phone])];

  return phones.filter((phone): phone is string => typeof phone === 'string');
}

describe('McLeod simulator: demo data', () => {
  it('omits null fields instead of sending them', () => {
    const json = JSON.stringify(prospects);

    expect(json).not.toContain('null');
    expect(prospects.some((row) => !('last_ship_date' in row))).toBe(true);
    expect(prospects.some((row) => 'last_ship_date' in row)).toBe(true);
  });

  it('sends numbers both as strings and as JSON numbers, depending on the column', () => {
    const kinds = new Set<string>();
    for (const row of prospects) {
      for (const column of ['potential', 'potential_r', 'potential_n', 'confidence_level',
        'revenue', 'monthly_order_goal', 'days_between_calls', 'rec_call_days',
        'activity_count']) {
        if (row[column] !== undefined) kinds.add(typeof row[column]);
      }
    }

    expect(kinds).toEqual(new Set(['string', 'number']));
    expect(prospects.every((row) => typeof row.id === 'string')).toBe(true);
    expect(prospects.every((row) => row.is_active === 'Y' || row.is_active === 'N')).toBe(true);
  });

  it('uses only reserved 555-01xx numbers, in the messy formats reps type', () => {
    const phones = prospects.flatMap(phonesOf);
    const numbers = phones.filter((phone) => digits(phone).length >= 10);

    expect(numbers.length).toBeGreaterThan(300);
    for (const phone of numbers) expect(digits(phone)).toMatch(/^(1)?\d{3}55501\d\d(\d{1,2})?$/);
    expect(phones.some((phone) => /^\(\d{3}\) 555-01\d\d$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^\d{3}\.555\.01\d\d$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^\d{10}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => / x\d+$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /ext\. \d$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^1-\d{3}-555/.test(phone))).toBe(true);
    expect(phones.some((phone) => phone === '')).toBe(true);
    expect(phones.some((phone) => /[a-z]{3}/i.test(phone))).toBe(true);
  });

  it('has a few prospects with no phone number anywhere', () => {
    const silent = prospects.filter((row) => phonesOf(row).every((p) => digits(p).length < 7));

    expect(silent.length).toBeGreaterThanOrEqual(5);
  });

  it('uses example.com for every email and website', () => {
    const addresses = prospects.flatMap((row) => [row.website_url,
      ...contactsOf(row).map((c) => c.email)]).filter((value) => value !== undefined);

    expect(addresses.length).toBeGreaterThan(100);
    for (const address of addresses) expect(String(address)).toMatch(/example\.com$/);
  });

  it('spreads prospects over every US time zone and the split states', () => {
    const states = new Set(prospects.map((row) => row.state_id));
    const cities = new Set(prospects.map((row) => `${row.city}, ${row.state_id}`));

    for (const state of ['NY', 'IL', 'CO', 'AZ', 'CA', 'AK', 'HI']) expect(states).toContain(state);
    for (const city of ['El Paso, TX', 'Pensacola, FL', 'Gary, IN', 'Evansville, IN',
      'Bowling Green, KY', 'Knoxville, TN', 'Nashville, TN', 'Louisville, KY']) {
      expect(cities).toContain(city);
    }
    expect(prospects.every((row) => /^\d{5}$/.test(String(row.zip_code)))).toBe(true);
  });

  it('fills the fields a rep reads before the call', () => {
    const has = (column: string) => prospects.filter((row) => row[column] !== undefined).length;

    for (const column of ['business_hours', 'last_ship_date', 'next_call_date',
      'days_between_calls', 'primary_commodity_id', 'primary_trailer_type', 'sales_status_id',
      'prospect_type_id', 'potential', 'potential_c', 'primary_contact']) {
      expect(has(column)).toBeGreaterThan(20);
    }
    expect(new Set(prospects.map((row) => row.primary_trailer_type)))
      .toEqual(new Set(['V', 'R', 'F', 'SD', 'T']));
    expect(prospects.some((row) => row.__salesStatusDescr === 'Prospect')).toBe(true);
    const currencies = new Set(prospects.map((row) => row.potential_c).filter(Boolean));
    expect(currencies).toContain('USD');
    const titles = prospects.flatMap(contactsOf).map((contact) => contact.title);
    expect(titles).toContain('Shipping Manager');
  });

  it('has past actions with known activity codes and descriptions', async () => {
    const codes = new Set(simActivityCodes.map((code) => code.id));
    let seen = 0;
    for (const row of prospects.slice(0, 30)) {
      for (const action of await session.rows(`/crm/prospects/${row.id}/history`)) {
        seen += 1;
        expect(codes).toContain(action.activity_id);
        expect(action.__activityDescr).toBeTypeOf('string');
      }
    }

    expect(seen).toBeGreaterThan(20);
  });

  it('renders lists as XML for a client without Accept json', async () => {
    const response = await fetch(`${sim.url}/crm/prospects/search?recordLength=2`, {
      headers: { authorization: session.headers().authorization! },
    });
    const text = await response.text();

    expect(text).toMatch(/^<\?xml/);
    expect(text.match(/<customer>/g)).toHaveLength(2);
  });

  it('serves the same data for the same seed and other data for another seed', async () => {
    const twin = await startSimulator({ faults: {}, quirks: {} });
    const other = await startSimulator({ seed: 43, faults: {}, quirks: {} });
    try {
      const twinRows = await (await SimSession.open(twin)).rows(everything);
      const otherRows = await (await SimSession.open(other)).rows(everything);

      expect(twinRows).toEqual(prospects);
      expect(otherRows).not.toEqual(prospects);
    } finally {
      await twin.stop();
      await other.stop();
    }
  });

  it('keeps the second company small, with its own prospects', async () => {
    const tms2 = await SimSession.open(sim, 'demo', 'TMS2');
    const rows = await tms2.rows('/crm/prospects/search?includeContacts=true');

    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.salesperson_id === 'PLAMBERT')).toBe(true);
  });
});
