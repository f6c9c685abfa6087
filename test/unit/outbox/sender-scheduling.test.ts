/**
 * The sender's scheduling rules, driven by a scripted McLeod stand-in whose replies each test
 * decides. The behaviour against the real HTTP simulator is in sender.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createOutboxStore, type OutboxStore } from '../../../electron/outbox/outbox-store';
import {
  backoffDelay,
  createOutboxSender,
  findSameAction,
  type OutboxApi,
  type OutboxSender,
} from '../../../electron/outbox/sender';
import { McLeodError } from '../../../electron/mcleod/errors';
import type { McLeodRow, ProspectAction } from '../../../electron/mcleod/types';

let dir: string;
let db: Db;
let store: OutboxStore;
let sender: OutboxSender | undefined;

const fast = { baseMs: 5, maxMs: 20, factor: 2 };

function row(prospectId: string, remarks: string): McLeodRow {
  return {
    __type: 'prospect_action',
    customer_id: prospectId,
    activity_id: 'NOANS',
    action_date: '20250301093000-0600',
    remarks,
  };
}

function log(prospectId: string, remarks: string): number {
  const loggedAt = new Date();

  const action = row(prospectId, remarks);

  return store.add({ prospectId, prospectName: prospectId, row: action, loggedAt });
}

/** A stand-in that records every create and answers with whatever `reply` decides. */
function scriptedApi(reply: (row: McLeodRow, call: number) => Promise<void> | void) {
  const created: McLeodRow[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const inFlightProspects = new Set<string>();
  let sameProspectOverlap = false;
  let calls = 0;

  const api: OutboxApi = {
    async createAction(action) {
      const prospectId = String(action.customer_id);

      calls += 1;
      if (inFlightProspects.has(prospectId)) sameProspectOverlap = true;
      inFlightProspects.add(prospectId);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 3));
        await reply(action, calls);
        created.push(action);

        return { id: `A${created.length}`, customerId: prospectId };
      } finally {
        inFlight -= 1;
        inFlightProspects.delete(prospectId);
      }
    },
    async prospectHistory() {
      return [];
    },
  };

  return {
    api,
    created,
    stats: () => ({ maxInFlight, sameProspectOverlap, calls }),
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-sched-'));
  db = openDatabase(path.join(dir, 'dialer.db')).db;
  store = createOutboxStore(db);
});

afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('outbox sender scheduling', () => {
  it('sends each prospect in order, two at a time, never one prospect twice at once', async () => {
    const mcleod = scriptedApi(() => undefined);

    for (let i = 0; i < 30; i += 1) log(`P${i % 4}`, `call ${i}`);
    sender = createOutboxSender({ store, api: () => mcleod.api, backoff: fast });
    sender.start();

    expect(await sender.drained(5000)).toBe(true);
    expect(mcleod.stats()).toMatchObject({ maxInFlight: 2, sameProspectOverlap: false });
    for (let p = 0; p < 4; p += 1) {
      const order = mcleod.created
        .filter((r) => r.customer_id === `P${p}`)
        .map((r) => Number(String(r.remarks).split(' ')[1]));

      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order.length).toBeGreaterThan(6);
    }
  });

  it('waits while signed out without counting attempts, then sends when kicked', async () => {
    const mcleod = scriptedApi(() => undefined);
    let signedIn = false;
    const id = log('P1', 'while signed out');

    const api = () => (signedIn ? mcleod.api : undefined);

    sender = createOutboxSender({ store, api, backoff: fast });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(sender.status().connection).toBe('signed-out');
    expect(store.get(id)).toMatchObject({ state: 'waiting', attempts: 0 });

    signedIn = true;
    sender.kick();
    expect(await sender.drained(2000)).toBe(true);
    expect(store.get(id)?.state).toBe('sent');
  });

  it('pauses on an auth refusal, keeps the outcome, and resumes on kick', async () => {
    let refuse = true;
    const mcleod = scriptedApi(() => {
      if (refuse) throw new McLeodError('auth', 'Sign in again.');
    });
    const id = log('P1', 'token died');

    const api = () => mcleod.api;

    sender = createOutboxSender({ store, api, backoff: fast, authRetryMs: 60_000 });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(sender.status().connection).toBe('signed-out');
    expect(store.get(id)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(mcleod.stats().calls).toBe(1);

    refuse = false;
    sender.kick();
    expect(await sender.drained(2000)).toBe(true);
    expect(mcleod.created).toHaveLength(1);
  });

  it('goes offline, probes with the oldest outcome only, flushes at once when back', async () => {
    let reachable = false;
    const probes: string[] = [];
    const mcleod = scriptedApi((action) => {
      if (!reachable) {
        probes.push(String(action.remarks));
        throw new McLeodError('unreachable', 'Cannot reach the McLeod server.');
      }
    });

    for (let i = 0; i < 6; i += 1) log(`P${i}`, `call ${i}`);
    sender = createOutboxSender({
      store,
      api: () => mcleod.api,
      backoff: { baseMs: 5, maxMs: 10, factor: 2 },
      probe: { baseMs: 40, maxMs: 60_000, factor: 2 },
      concurrency: 2,
    });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(sender.status().connection).toBe('offline');
    // After the first two in flight failed, only the oldest one is tried.
    expect(probes.slice(2).every((remarks) => remarks === 'call 0')).toBe(true);
    expect(store.counts().waiting).toBe(6);

    reachable = true;
    sender.kick();
    expect(await sender.drained(1000)).toBe(true);
    expect(sender.status().connection).toBe('online');
    expect(mcleod.created).toHaveLength(6);
  });

  it('retries an unreadable create reply as possibly stored, then asks the rep', async () => {
    let historyChecks = 0;
    const mcleod = scriptedApi(() => {
      throw new McLeodError('format', 'McLeod answered with XML instead of JSON.');
    });
    const api: OutboxApi = {
      createAction: mcleod.api.createAction,
      async prospectHistory() {
        historyChecks += 1;

        return [];
      },
    };
    const id = log('P1', 'garbled reply');

    sender = createOutboxSender({ store, api: () => api, backoff: fast });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(store.get(id)).toMatchObject({ state: 'attention', attempts: 5, uncertain: true });
    expect(store.get(id)?.lastError).toMatch(/XML/);
    // Every retry after the first looked in the history before creating again.
    expect(historyChecks).toBe(4);
    expect(mcleod.created).toHaveLength(0);
  });

  it('grows the wait of an outcome the server keeps failing, with jitter under a ceiling', () => {
    const policy = { baseMs: 1000, maxMs: 60_000, factor: 2 };

    expect(backoffDelay(policy, 0, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(4000);
    expect(backoffDelay(policy, 30, () => 0.999)).toBe(59_940);
    expect(backoffDelay(policy, 5, () => 0)).toBe(0);
  });

  it('recognises an action an earlier send created, as an instant, once only', () => {
    const history: ProspectAction[] = [
      {
        id: 'X1',
        customerId: 'P1',
        activityId: 'NOANS',
        actionDate: '2025-03-01T10:30:00-05:00',
        remarks: 'call 1  ',
      },
    ];
    const sent = { ...row('P1', 'call 1'), action_date: '20250301093000-0600' };

    expect(findSameAction(sent, history, new Set())?.id).toBe('X1');
    expect(findSameAction(sent, history, new Set(['X1']))).toBeUndefined();
    expect(findSameAction({ ...sent, remarks: 'call 2' }, history, new Set())).toBeUndefined();
    expect(findSameAction({ ...sent, activity_id: 'VM' }, history, new Set())).toBeUndefined();
    expect(
      findSameAction({ ...sent, action_date: '20250301093100-0600' }, history, new Set()),
    ).toBeUndefined();
  });
});
