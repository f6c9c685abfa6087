import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQueue, orderQueue } from '../../../electron/calllist/queue';
import { formatMcLeodDate } from '../../../electron/mcleod/dates';
import type { CallListProfile, McLeodApi, Prospect } from '../../../electron/mcleod/types';
import { startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { signedInClient } from '../../harness/mcleod-stack';

let sim: RunningSim;
let api: McLeodApi;
let profiles: CallListProfile[];

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  api = (await signedInClient(sim.url)).api;
  profiles = await api.listCallListProfiles();
});

afterAll(async () => {
  await sim?.stop();
});

function profileId(descr: string): string {
  const found = profiles.find((p) => p.descr === descr);

  if (!found) throw new Error(`The simulator has no profile "${descr}"`);

  return found.id;
}

function startOfDay(date: Date, offsetDays = 0): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offsetDays).getTime();
}

function ids(prospects: Prospect[]): string[] {
  return prospects.map((p) => p.id);
}

/** Wraps the client to count history reads and the most that were in flight at once. */
function countingHistory(inner: McLeodApi) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const api: McLeodApi = {
    ...inner,
    prospectHistory: async (id) => {
      stats.calls += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await inner.prospectHistory(id);
      } finally {
        stats.inFlight -= 1;
      }
    },
  };

  return { api, stats };
}

describe('buildQueue from call list profiles, over HTTP', () => {
  it('lists only JSMITH prospects due today or not called today, in calling order', async () => {
    const now = new Date();
    const source = { kind: 'profile', profileId: profileId('JSMITH overdue prospects') } as const;
    const before = await buildQueue(api, source, now);

    expect(before.title).toBe('JSMITH overdue prospects');
    expect(before.prospects.length).toBeGreaterThan(0);
    expect(before.prospects.every((p) => p.salespersonId === 'JSMITH')).toBe(true);
    expect(ids(orderQueue(before.prospects, now))).toEqual(ids(before.prospects));

    // A CALL logged today on a prospect not due until later takes it off the list.
    const notDue = before.prospects.find(
      (p) => !p.nextCallDate || Date.parse(p.nextCallDate) >= startOfDay(now, 1),
    );

    expect(notDue, 'the seed has a JSMITH prospect not due today').toBeDefined();
    await api.createAction({
      __type: 'prospect_action',
      customer_id: notDue!.id,
      activity_id: 'CALL',
      action_date: formatMcLeodDate(now),
      remarks: 'queue test: called today',
    });

    const after = await buildQueue(api, source, now);

    expect(ids(after.prospects)).not.toContain(notDue!.id);
    expect(after.prospects.length).toBe(before.prospects.length - 1);
  });

  it('reads histories at most four at a time, and stops once the limit is filled', async () => {
    const source = { kind: 'profile', profileId: profileId('JSMITH overdue prospects') } as const;
    const now = new Date();
    const full = countingHistory(api);
    const all = await buildQueue(full.api, source, now);
    const limited = countingHistory(api);
    const firstThree = await buildQueue(limited.api, source, now, { limit: 3 });

    expect(full.stats.maxInFlight).toBeGreaterThan(1);
    expect(full.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(ids(firstThree.prospects)).toEqual(ids(all.prospects).slice(0, 3));
    expect(limited.stats.calls).toBeLessThan(full.stats.calls);
  });

  it('keeps prospects at or above the minimum potential in the profile currency', async () => {
    const queue = await buildQueue(
      api,
      { kind: 'profile', profileId: profileId('High potential reefer') },
      new Date(),
    );

    expect(queue.prospects.length).toBeGreaterThan(0);
    for (const prospect of queue.prospects) {
      expect(prospect.potential?.amount).toBeGreaterThanOrEqual(100_000);
      expect(prospect.potential?.currency).toBe('USD');
    }
  });

  it('keeps lost customers that have not shipped for 90 days or never shipped', async () => {
    const now = new Date();
    const queue = await buildQueue(
      api,
      { kind: 'profile', profileId: profileId('Lost customers 90 days') },
      now,
    );
    const lost = await api.searchProspects({
      criteria: [{ column: 'sales_status_id', value: 'LOST' }],
    });
    const shippedRecently = lost.filter(
      (p) => p.lastShipDate !== undefined && Date.parse(p.lastShipDate) >= startOfDay(now, -89),
    );

    expect(queue.prospects.length).toBeGreaterThan(0);
    expect(queue.prospects.every((p) => p.salesStatusId === 'LOST')).toBe(true);
    expect(queue.prospects.length).toBe(lost.length - shippedRecently.length);
    expect(ids(queue.prospects)).not.toContain(shippedRecently[0]?.id);
  });

  it('keeps Alaska and Hawaii prospects due within seven days', async () => {
    const now = new Date();
    const queue = await buildQueue(
      api,
      { kind: 'profile', profileId: profileId('Alaska and Hawaii accounts') },
      now,
    );

    expect(queue.prospects.length).toBeGreaterThan(0);
    for (const prospect of queue.prospects) {
      expect(['AK', 'HI']).toContain(prospect.zoneId);
      expect(Date.parse(prospect.nextCallDate!)).toBeLessThan(startOfDay(now, 8));
    }
  });

  it('shows the criteria it could not map', async () => {
    const queue = await buildQueue(
      api,
      { kind: 'profile', profileId: profileId('KWHITE team - qualified') },
      new Date(),
    );

    expect(queue.unmapped).toEqual([
      { field: 'resp_code', value: 'S' },
      { field: 'resp_level', value: '2' },
    ]);
    for (const prospect of queue.prospects) {
      expect([prospect.salesManagerId, prospect.salesStatusId]).toEqual(['KWHITE', 'QUAL']);
    }
  });

  it('answers an empty queue for a profile that matches nothing', async () => {
    const queue = await buildQueue(
      api,
      { kind: 'profile', profileId: profileId('Guam territory (no prospects yet)') },
      new Date(),
    );

    expect(queue).toEqual({
      title: 'Guam territory (no prospects yet)',
      prospects: [],
      unmapped: [],
    });
  });
});

describe('buildQueue from searches, over HTTP', () => {
  it('uses a saved search, named after it, in the order the search keeps', async () => {
    const source = {
      kind: 'savedSearch',
      userId: 'demo',
      createUserId: 'demo',
      screenClassName: 'com.mcleodsoftware.crm.ProspectSearchPanel',
      searchName: 'Texas steel',
    } as const;
    const queue = await buildQueue(api, source, new Date());

    expect(queue.title).toBe('Texas steel');
    expect(queue.prospects.length).toBeGreaterThan(0);
    for (const prospect of queue.prospects) {
      expect([prospect.state, prospect.primaryCommodityId]).toEqual(['TX', 'STEEL']);
    }
  });

  it('uses a quick search and honours the limit', async () => {
    const all = await buildQueue(api, { kind: 'search', query: 'mc' }, new Date());
    const two = await buildQueue(api, { kind: 'search', query: 'mc' }, new Date(), { limit: 2 });

    expect(all.title).toBe('Search "mc"');
    expect(all.prospects.length).toBeGreaterThan(2);
    expect(all.prospects.every((p) => /mc/i.test(`${p.id} ${p.name}`))).toBe(true);
    expect(ids(two.prospects)).toEqual(ids(all.prospects).slice(0, 2));
  });
});
