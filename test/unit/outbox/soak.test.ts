/**
 * A thousand outcomes through a flaky McLeod: 5 % server errors, 2 % connections dropped after
 * the action was stored, 1 % proxy pages and a token that dies every 200 requests. Every
 * outcome must end up in McLeod exactly once (read back through the API) and the outbox empty.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createOutboxStore } from '../../../electron/outbox/outbox-store';
import { createOutboxSender } from '../../../electron/outbox/sender';
import {
  actionRow,
  prospectIds,
  remarksInMcLeod,
  signedInClient,
  tempDir,
} from '../../harness/mcleod-stack';

const outcomes = 1000;

let sim: RunningSim;
let temp: ReturnType<typeof tempDir>;
let db: Db;

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  temp = tempDir('outbox-soak-');
  db = openDatabase(path.join(temp.dir, 'dialer.db')).db;
});

afterAll(async () => {
  await sim.stop();
  db.close();
  temp.remove();
});

describe('outbox soak', () => {
  it('delivers 1,000 outcomes once through 500s, drops, proxy pages, token expiry', async () => {
    const client = await signedInClient(sim.url, { timeoutMs: 5000 });
    const prospects = await prospectIds(client.api, 120);
    const store = createOutboxStore(db);
    const tag = `soak-${Date.now()}`;

    expect(prospects.length).toBeGreaterThanOrEqual(100);
    sim.setFaults({
      error500Rate: 0.05,
      dropAfterCommitRate: 0.02,
      proxy502Rate: 0.01,
      tokenExpiresAfter: 200,
    });

    const sender = createOutboxSender({
      store,
      api: () => client.api,
      concurrency: 4,
      backoff: { baseMs: 10, maxMs: 100, factor: 2 },
      probe: { baseMs: 10, maxMs: 50, factor: 2 },
      // The simulator stores a write before it drops the line: no need to wait long for it.
      settleMs: 100,
    });

    const ids: number[] = [];

    sender.start();
    // Outcomes keep arriving while the sender works, as during a call blitz.
    for (let i = 0; i < outcomes; i += 1) {
      const loggedAt = new Date();
      const prospectId = prospects[i % prospects.length]!;

      const id = store.add({
        prospectId,
        prospectName: prospectId,
        row: actionRow(prospectId, `${tag} #${i}`, loggedAt),
        loggedAt,
      });

      ids.push(id);
      if (i % 50 === 0) {
        sender.kick();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    sender.kick();

    expect(await sender.drained(120_000)).toBe(true);
    await sender.stop();

    sim.setFaults({});
    const seen = await remarksInMcLeod(client.api, prospects, tag);
    const doubled = [...seen].filter(([, count]) => count > 1);

    expect(doubled).toEqual([]);
    expect(seen.size).toBe(outcomes);
    expect(store.counts()).toMatchObject({ waiting: 0, attention: 0, sent: outcomes });
    expect(client.logins()).toBeGreaterThan(1);

    // The drops really happened and were recognised in history rather than sent again.
    const matched = ids.filter((id) => store.get(id)?.sentHow === 'matched').length;

    expect(matched).toBeGreaterThan(0);
    expect(store.sentBreakdown()).toEqual({ created: outcomes - matched, matched });
  }, 180_000);
});
