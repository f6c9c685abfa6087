import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createCacheStore, queueKey } from '../../../electron/cache/cache-store';
import type { Prospect, ProspectAction } from '../../../electron/mcleod/types';

let dir: string;
let file: string;
const open: Db[] = [];

function openCache(at: Date) {
  const { db } = openDatabase(file);

  open.push(db);

  return { db, cache: createCacheStore(db, { now: () => at }) };
}

const prospect: Prospect = {
  id: 'C100',
  name: 'Prairie Steel Coils',
  city: 'Peoria',
  state: 'IL',
  isActive: true,
  potential: { amount: 25000, currency: 'USD' },
  contacts: [{ id: 'K1', name: 'Dana Ruiz', title: 'Logistics Manager', isActive: true }],
  comments: ['Ships Tuesdays'],
};

const history: ProspectAction[] = [
  { id: 'A1', customerId: 'C100', activityId: 'VM', actionDate: '2025-03-01T09:30:00-06:00' },
];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-store-'));
  file = path.join(dir, 'dialer.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cache store', () => {
  it('reads back what was put, with when it was fetched, after a restart', () => {
    const fetchedAt = new Date('2025-03-01T15:00:00Z');
    const first = openCache(fetchedAt);

    first.cache.prospect.put(prospect.id, prospect);
    first.cache.history.put(prospect.id, history);
    first.cache.queue.put(queueKey({ kind: 'profile', profileId: 'P1' }), {
      title: 'JSMITH overdue prospects',
      prospectIds: ['C100', 'C101'],
    });
    first.cache.profiles.put('', [{ id: 'P1', descr: 'JSMITH overdue prospects' }]);
    first.cache.actionDefaults.put('C100', { __type: 'prospect_action', customer_id: 'C100' });
    first.db.close();

    const { cache } = openCache(new Date());

    expect(cache.prospect.get('C100')).toEqual({ value: prospect, fetchedAt });
    expect(cache.history.get('C100')?.value).toEqual(history);
    const queue = cache.queue.get(queueKey({ profileId: 'P1', kind: 'profile' }));

    expect(queue?.value.prospectIds).toEqual(['C100', 'C101']);
    expect(cache.profiles.get('')?.value[0]?.descr).toBe('JSMITH overdue prospects');
    expect(cache.actionDefaults.get('C100')?.value.customer_id).toBe('C100');
    expect(cache.upcoming.get('C100')).toBeUndefined();
    expect(cache.prospect.get('C999')).toBeUndefined();
  });

  it('replaces an entry and its fetch time when it is put again', () => {
    const first = openCache(new Date('2025-03-01T15:00:00Z'));

    first.cache.prospect.put('C100', prospect);
    const later = openCache(new Date('2025-03-01T16:00:00Z'));

    later.cache.prospect.put('C100', { ...prospect, name: 'Prairie Steel Coils Inc' });

    expect(later.cache.prospect.get('C100')).toMatchObject({
      value: { name: 'Prairie Steel Coils Inc' },
      fetchedAt: new Date('2025-03-01T16:00:00Z'),
    });
  });

  it('reads a damaged or wrongly shaped entry as a miss instead of crashing', () => {
    const { db, cache } = openCache(new Date());

    cache.prospect.put('C100', prospect);
    cache.history.put('C100', history);
    db.prepare(`UPDATE cache SET value_json = '{"id": "C100", "na' WHERE kind = 'prospect'`).run();
    db.prepare(`UPDATE cache SET value_json = '[{"remarks": "x"}]' WHERE kind = 'history'`).run();

    expect(cache.prospect.get('C100')).toBeUndefined();
    expect(cache.history.get('C100')).toBeUndefined();
  });

  it('prunes entries fetched before a cutoff', () => {
    const old = openCache(new Date('2025-01-01T00:00:00Z'));

    old.cache.prospect.put('OLD', prospect);
    const fresh = openCache(new Date('2025-03-01T00:00:00Z'));

    fresh.cache.prospect.put('NEW', prospect);

    expect(fresh.cache.pruneOlderThan(new Date('2025-02-01T00:00:00Z'))).toBe(1);
    expect(fresh.cache.prospect.get('OLD')).toBeUndefined();
    expect(fresh.cache.prospect.get('NEW')).toBeDefined();
  });
});
