import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { chicagoDay, dayOf, SimSession, type Row } from './sim-session';

let sim: RunningSim;
let session: SimSession;
let everyone: Row[];

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  session = await SimSession.open(sim);
  everyone = await session.rows('/crm/prospects/search?recordLength=10000');
});

afterAll(async () => {
  await sim.stop();
});

/** `yyyyMMddHHmmss+0000`, written here rather than with the simulator's formatter. */
function utcMcLeodDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace(/\D/g, '')}+0000`;
}

const ids = (rows: Row[]) => rows.map((row) => String(row.id));
const sortedIds = (rows: Row[]) => ids(rows).sort();

describe('McLeod simulator: advanced search', () => {
  it('holds 300+ prospects, ordered by id descending by default', () => {
    expect(everyone.length).toBeGreaterThanOrEqual(300);
    expect(ids(everyone)).toEqual([...ids(everyone)].sort().reverse());
  });

  it('matches a column with or without the customer. prefix', async () => {
    const expected = everyone.filter((row) => row.state_id === 'TX');
    const prefixed = await session.rows('/crm/prospects/search?customer.state_id=TX');
    const bare = await session.rows('/crm/prospects/search?state_id=TX');

    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(prefixed)).toEqual(sortedIds(expected));
    expect(sortedIds(bare)).toEqual(sortedIds(expected));
  });

  it('reads a comma list as OR', async () => {
    const wanted = ['JSMITH', 'ADOE'];
    const expected = everyone.filter((row) => wanted.includes(String(row.salesperson_id)));
    const found = await session.rows('/crm/prospects/search?customer.salesperson_id=JSMITH,ADOE');

    expect(new Set(found.map((row) => row.salesperson_id))).toEqual(new Set(wanted));
    expect(sortedIds(found)).toEqual(sortedIds(expected));
  });

  it('matches * as a wildcard, case-insensitively', async () => {
    const expected = everyone.filter((row) => /^mc/i.test(String(row.name)));
    const found = await session.rows('/crm/prospects/search?name=mc*');

    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(found)).toEqual(sortedIds(expected));
  });

  it('compares numbers with >= and < and skips rows without a value', async () => {
    const atLeast = everyone.filter((row) => row.potential !== undefined
      && Number(row.potential) >= 100000);
    const below = everyone.filter((row) => row.potential !== undefined
      && Number(row.potential) < 5000);

    expect(sortedIds(await session.rows('/crm/prospects/search?customer.potential=%3E%3D100000')))
      .toEqual(sortedIds(atLeast));
    expect(sortedIds(await session.rows('/crm/prospects/search?potential=<5000')))
      .toEqual(sortedIds(below));
  });

  it('keeps rows without a value for <> and drops them for the other operators', async () => {
    const notLost = everyone.filter((row) => row.sales_status_id !== 'LOST');
    const noCategory = everyone.filter((row) => row.category === undefined);
    const notA = await session.rows('/crm/prospects/search?category=<>A');

    expect(sortedIds(await session.rows('/crm/prospects/search?sales_status_id=<>LOST')))
      .toEqual(sortedIds(notLost));
    expect(noCategory.length).toBeGreaterThan(0);
    expect(ids(notA)).toEqual(expect.arrayContaining(ids(noCategory)));
  });

  it('resolves date shortcuts inside comparisons', async () => {
    const since = chicagoDay(-100);
    const expected = everyone.filter((row) => row.last_ship_date !== undefined
      && dayOf(row.last_ship_date) >= since);
    const found = await session.rows('/crm/prospects/search?last_ship_date=>=t-100');

    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(found)).toEqual(sortedIds(expected));
    const overdue = await session.rows('/crm/prospects/search?next_call_date=<=t');
    const today = chicagoDay(0);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((row) => dayOf(row.next_call_date) <= today)).toBe(true);
  });

  it('orders by "name DESC" when the space is written as + in the raw query', async () => {
    const found = await session.rows(
      '/crm/prospects/search?orderBy=customer.name+DESC,customer.id+ASC&recordLength=50');
    const names = found.map((row) => String(row.name).toUpperCase());

    expect(names).toEqual([...names].sort().reverse());
  });

  it('reads %2B in orderBy as a plus sign, not a space, and fails on it', async () => {
    const response = await session.get('/crm/prospects/search?orderBy=customer.name%2BDESC');

    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/customer\.name\+DESC/);
  });

  it('answers 500 text for an unknown column', async () => {
    const response = await session.get('/crm/prospects/search?customer.favourite_colour=red');

    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/favourite_colour/);
  });

  it('pages with recordLength and recordOffset', async () => {
    const first = await session.rows('/crm/prospects/search?recordLength=25&recordOffset=0');
    const second = await session.rows('/crm/prospects/search?recordLength=25&recordOffset=25');

    expect(ids(first)).toEqual(ids(everyone).slice(0, 25));
    expect(ids(second)).toEqual(ids(everyone).slice(25, 50));
  });

  it('caps a search without recordLength at the configured maximum', async () => {
    const capped = await startSimulator({ faults: {}, quirks: { maxRecords: 40 } });
    try {
      const other = await SimSession.open(capped);
      expect(await other.rows('/crm/prospects/search')).toHaveLength(40);
      expect(await other.rows('/crm/prospects/search?recordLength=60')).toHaveLength(60);
    } finally {
      await capped.stop();
    }
  });

  it('can ignore recordOffset (same first page) or recordLength (all at once)', async () => {
    const noOffset = await startSimulator({ faults: {}, quirks: { ignoreOffset: true } });
    const noLength = await startSimulator({ faults: {}, quirks: { ignoreLength: true } });
    try {
      const a = await SimSession.open(noOffset);
      const page1 = await a.rows('/crm/prospects/search?recordLength=10&recordOffset=0');
      const page2 = await a.rows('/crm/prospects/search?recordLength=10&recordOffset=10');
      expect(ids(page2)).toEqual(ids(page1));

      const b = await SimSession.open(noLength);
      const all = await b.rows('/crm/prospects/search?recordLength=10&recordOffset=0');
      expect(all).toHaveLength(everyone.length);
    } finally {
      await noOffset.stop();
      await noLength.stop();
    }
  });

  it('finds prospects added or changed after a date, and refuses other change types', async () => {
    const other = await startSimulator({ faults: {}, quirks: {} });
    try {
      const own = await SimSession.open(other);
      const since = encodeURIComponent(utcMcLeodDate(Date.now() - 1000));
      const created = await own.putRow('/crm/prospects/create', { name: 'Quokka Fresh Farms' });
      const added = await own.rows(
        `/crm/prospects/search?changedAfterDate=${since}&changedAfterType=Add`);
      expect(ids(added)).toEqual([created.id]);

      const [some] = (await own.rows('/crm/prospects/search?recordLength=1')) as [Row];
      await own.putRow('/crm/prospects/update', { id: some.id, remarks: 'touched' });
      const changed = await own.rows(
        `/crm/prospects/search?changedAfterDate=${since}&changedAfterType=Update`);
      expect(sortedIds(changed)).toEqual([String(created.id), String(some.id)].sort());

      const rawPlus = await own.get(`/crm/prospects/search?changedAfterDate=${
        decodeURIComponent(since)}&changedAfterType=Add`);
      expect(rawPlus.status).toBe(400);

      const bad = await own.get(
        '/crm/prospects/search?changedAfterDate=t-1&changedAfterType=Delete');
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/changedAfterType/);
    } finally {
      await other.stop();
    }
  });

  it('finds prospects by partial id or name', async () => {
    const target = everyone[10]!;
    const byId = await session.rows(`/crm/prospects?q=${String(target.id).slice(0, 6)}`);
    const word = String(target.name).split(' ')[0]!.toLowerCase();
    const byName = await session.rows(`/crm/prospects?q=${encodeURIComponent(word)}`);

    expect(ids(byId)).toContain(target.id);
    expect(ids(byName)).toContain(target.id);
    expect(byName.every((row) => String(row.name).toLowerCase().includes(word)
      || String(row.id).toLowerCase().includes(word))).toBe(true);
  });

  it('runs a saved search', async () => {
    const found = await session.rows('/crm/prospects/userSavedSearch?userId=jsmith'
      + '&createUserId=jsmith&screenClassName=com.mcleodsoftware.crm.ProspectSearchPanel'
      + '&searchName=My%20reefer%20prospects');
    const expected = everyone.filter((row) => row.salesperson_id === 'JSMITH'
      && row.primary_trailer_type === 'R');

    expect(found.length).toBeGreaterThan(0);
    expect(sortedIds(found)).toEqual(sortedIds(expected));
    const missing = await session.get('/crm/prospects/userSavedSearch?userId=jsmith'
      + '&searchName=Nope');
    expect(missing.status).toBe(404);
  });
});

describe('McLeod simulator: call list profiles', () => {
  it('offers at least three profiles, one of them matching no prospect', async () => {
    const profiles = await session.rows('/crm/callListProfiles');
    const descrs = profiles.map((profile) => profile.descr);

    expect(profiles.length).toBeGreaterThanOrEqual(3);
    expect(descrs).toEqual(expect.arrayContaining(['JSMITH overdue prospects',
      'High potential reefer', 'Lost customers 90 days']));
    const guam = profiles.find((profile) => String(profile.descr).startsWith('Guam'))!;
    const one = await session.row(`/crm/callListProfiles/${guam.id}`);
    expect(one.zone_id).toBe('GU');
    expect(await session.rows(`/crm/prospects/search?customer.zone_id=${one.zone_id}`))
      .toHaveLength(0);
  });

  it('has prospects behind the JSMITH and lost-customer profiles', async () => {
    const overdue = await session.rows(
      '/crm/prospects/search?customer.salesperson_id=JSMITH&customer.next_call_date=<=t');
    const lost = await session.rows(
      '/crm/prospects/search?customer.sales_status_id=LOST&customer.last_ship_date=<=t-90');

    expect(overdue.length).toBeGreaterThan(5);
    expect(lost.length).toBeGreaterThan(5);
  });
});
