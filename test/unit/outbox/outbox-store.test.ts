import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createOutboxStore, type NewOutboxEntry } from '../../../electron/outbox/outbox-store';

let dir: string;
let file: string;
const open: Db[] = [];

function openStore() {
  const { db } = openDatabase(file);

  open.push(db);

  return { db, store: createOutboxStore(db) };
}

function outcome(prospectId: string, remarks: string, loggedAt = new Date()): NewOutboxEntry {
  return {
    prospectId,
    prospectName: `Shipper ${prospectId}`,
    loggedAt,
    row: {
      __type: 'prospect_action',
      customer_id: prospectId,
      activity_id: 'NOANS',
      action_date: '20250301093000-0600',
      remarks,
      next_act_id: 'FOLLOW',
      next_act_date: '20250302093000-0600',
    },
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-store-'));
  file = path.join(dir, 'dialer.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('outbox store', () => {
  it('keeps a logged outcome after the file is closed and opened again', () => {
    const first = openStore();
    const id = first.store.add(outcome('C1', 'No answer'));

    first.db.close();

    const second = openStore();
    const [entry] = second.store.due(new Date(), 10);

    expect(entry?.id).toBe(id);
    expect(entry?.row.remarks).toBe('No answer');
    expect(entry?.prospectName).toBe('Shipper C1');
    expect(second.store.counts().waiting).toBe(1);
  });

  it('rolls back the outcome when the work done in the same transaction fails', () => {
    const { store, db } = openStore();

    db.exec('CREATE TABLE session_done (prospect_id TEXT NOT NULL)');
    const done = store.addWith(outcome('C1', 'ok'), (id) => {
      db.prepare('INSERT INTO session_done VALUES (?)').run('C1');

      return id * 10;
    });

    expect(done.result).toBe(done.id * 10);
    expect(() =>
      store.addWith(outcome('C2', 'lost together'), () => {
        throw new Error('session save failed');
      }),
    ).toThrow('session save failed');
    expect(store.counts().waiting).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM session_done').get()).toEqual({ n: 1 });
  });

  it('offers the oldest outcome first and only the head of each prospect line', () => {
    const { store } = openStore();
    const a1 = store.add(outcome('A', 'a1'));
    const b1 = store.add(outcome('B', 'b1'));
    const a2 = store.add(outcome('A', 'a2'));
    const c1 = store.add(outcome('C', 'c1'));

    expect(store.due(new Date(), 10).map((e) => e.id)).toEqual([a1, b1, c1]);
    expect(store.due(new Date(), 2).map((e) => e.id)).toEqual([a1, b1]);

    // While a1 is in flight, a2 must not start.
    store.markSending(a1);
    expect(store.due(new Date(), 10).map((e) => e.id)).toEqual([b1, c1]);

    store.markSent(a1, 'ACT1', 'created');
    expect(store.due(new Date(), 10).map((e) => e.id)).toEqual([b1, a2, c1]);
  });

  it('holds a retried outcome and the later ones of its prospect until its time', () => {
    const { store } = openStore();
    const now = new Date();
    const a1 = store.add(outcome('A', 'a1'));
    const a2 = store.add(outcome('A', 'a2'));
    const later = new Date(now.getTime() + 60_000);

    store.markSending(a1);
    store.markRetry(a1, 'HTTP 500', later);

    expect(store.due(now, 10)).toEqual([]);
    expect(store.nextAttemptAt()?.getTime()).toBe(later.getTime());
    expect(store.due(later, 10).map((e) => e.id)).toEqual([a1]);

    const entry = store.get(a1);

    expect(entry).toMatchObject({
      attempts: 1,
      backoffStep: 1,
      uncertain: true,
      lastError: 'HTTP 500',
    });
    expect(store.get(a2)?.attempts).toBe(0);
  });

  it('walks an outcome through attention, an edited resend and sent', () => {
    const { store } = openStore();
    const id = store.add(outcome('A', 'typo'));

    store.markSending(id);
    store.markAttention(id, 'Activity code "XYZ" does not exist', { uncertain: false });
    expect(store.counts()).toMatchObject({ waiting: 0, attention: 1 });
    expect(store.list('attention')[0]).toMatchObject({
      id,
      state: 'attention',
      lastError: 'Activity code "XYZ" does not exist',
      activityId: 'NOANS',
    });
    expect(store.due(new Date(), 10)).toEqual([]);

    expect(store.resend(id, { activityId: 'VM', remarks: 'fixed', nextActivityId: '' })).toBe(true);
    const again = store.due(new Date(), 10)[0];

    expect(again?.row).toMatchObject({ activity_id: 'VM', remarks: 'fixed' });
    expect(again?.row).not.toHaveProperty('next_act_id');
    expect(again?.lastError).toBeUndefined();

    store.markSending(id);
    store.markSent(id, 'ACT9', 'created', new Date('2025-03-01T16:00:00Z'));
    expect(store.resend(id, {})).toBe(false);
    expect(store.discard(id)).toBe(false);
    expect(store.list('sent')[0]).toMatchObject({
      id,
      state: 'sent',
      sentAt: '2025-03-01T16:00:00.000Z',
    });
    expect(store.lastSentAt()?.toISOString()).toBe('2025-03-01T16:00:00.000Z');
    expect(store.claimedActionIds('A')).toEqual(new Set(['ACT9']));
  });

  it('discards only on purpose and only what is not yet sent', () => {
    const { store } = openStore();
    const id = store.add(outcome('A', 'x'));

    store.markSending(id);
    expect(store.discard(id)).toBe(false);
    store.markAttention(id, 'refused');
    expect(store.discard(id)).toBe(true);
    expect(store.counts()).toMatchObject({ waiting: 0, attention: 0, discarded: 1 });
  });

  it('turns an outcome left in flight by a crash into an uncertain waiting one', () => {
    const first = openStore();
    const id = first.store.add(outcome('A', 'mid-send'));

    first.store.markSending(id);
    first.db.close();

    const second = openStore();
    const entry = second.store.get(id);

    expect(entry).toMatchObject({ state: 'waiting', uncertain: true });
    expect(second.store.due(new Date(), 10).map((e) => e.id)).toEqual([id]);
  });

  it('moves an unreadable outcome to attention instead of dropping it', () => {
    const { store, db } = openStore();
    const bad = store.add(outcome('A', 'will be damaged'));
    const next = store.add(outcome('A', 'fine'));

    db.prepare('UPDATE outbox SET row_json = ? WHERE id = ?').run('{"remarks": "no type', bad);

    expect(store.due(new Date(), 10).map((e) => e.id)).toEqual([next]);
    const [item] = store.list('attention');

    expect(item).toMatchObject({ id: bad, state: 'attention' });
    expect(item?.lastError).toMatch(/could not be read back/);
    expect(store.resend(bad, {})).toBe(false);
    expect(store.discard(bad)).toBe(true);
  });

  it('releases waits set during an outage and keeps the others', () => {
    const { store } = openStore();
    const now = new Date();
    const outage = store.add(outcome('A', 'outage'));
    const failing = store.add(outcome('B', 'server error'));
    const later = new Date(now.getTime() + 120_000);

    store.markSending(outage);
    store.markRetry(outage, 'unreachable', later, { outage: true, uncertain: false });
    store.markSending(failing);
    store.markRetry(failing, 'HTTP 500', later);

    expect(store.get(outage)).toMatchObject({ backoffStep: 0, uncertain: false });
    expect(store.clearOutageWaits(now)).toBe(1);
    expect(store.due(now, 10).map((e) => e.id)).toEqual([outage]);
  });

  it('prunes sent outcomes older than 30 days but never waiting ones', () => {
    const { store, db } = openStore();
    const old = store.add(outcome('A', 'old'));
    const waiting = store.add(outcome('B', 'still waiting'));

    store.markSending(old);
    store.markSent(old, 'ACT1', 'created');
    const longAgo = Date.now() - 31 * 24 * 3600 * 1000;

    db.prepare('UPDATE outbox SET updated_at = ?').run(longAgo);

    expect(store.prune(new Date())).toBe(1);
    expect(store.get(old)).toBeUndefined();
    expect(store.get(waiting)?.state).toBe('waiting');
  });
});
