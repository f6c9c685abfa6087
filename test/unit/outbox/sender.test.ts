/**
 * The sender against the McLeod simulator over real HTTP, with a real SQLite file. What
 * reached McLeod is always read back through the API (prospect history), not the sim's memory.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createOutboxStore, type OutboxStore } from '../../../electron/outbox/outbox-store';
import { createOutboxSender, type OutboxSender } from '../../../electron/outbox/sender';
import type { OutboxStatus } from '../../../electron/contract';
import {
  actionRow,
  prospectIds,
  remarksInMcLeod,
  signedInClient,
  tempDir,
  type SignedInClient,
} from '../../harness/mcleod-stack';

const fast = { baseMs: 10, maxMs: 50, factor: 2 };
const quickProbe = { baseMs: 50, maxMs: 200, factor: 2 };

let sim: RunningSim;
let temp: ReturnType<typeof tempDir>;
let db: Db;
let store: OutboxStore;
let client: SignedInClient;
let sender: OutboxSender | undefined;
let prospects: string[];
let statuses: OutboxStatus[];

function start(extra: Partial<Parameters<typeof createOutboxSender>[0]> = {}): OutboxSender {
  sender = createOutboxSender({
    store,
    api: () => client.api,
    backoff: fast,
    probe: quickProbe,
    onChange: (status) => statuses.push(status),
    ...extra,
  });
  sender.start();

  return sender;
}

function logOutcome(prospectId: string, remarks: string, activityId = 'NOANS'): number {
  const loggedAt = new Date();

  return store.add({
    prospectId,
    prospectName: `Prospect ${prospectId}`,
    row: actionRow(prospectId, remarks, loggedAt, activityId),
    loggedAt,
  });
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  sim = await startSimulator({ faults: {} });
  temp = tempDir('outbox-sender-');
  db = openDatabase(path.join(temp.dir, 'dialer.db')).db;
  store = createOutboxStore(db);
  client = await signedInClient(sim.url, { timeoutMs: 3000 });
  prospects = await prospectIds(client.api, 6);
  statuses = [];
});

afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  await sim.stop();
  db.close();
  temp.remove();
});

describe('outbox sender over HTTP', () => {
  it('sends every logged outcome once, each prospect in the order logged', async () => {
    const tag = `order-${Date.now()}`;
    const ids: number[] = [];

    for (let i = 0; i < 12; i += 1) ids.push(logOutcome(prospects[i % 3]!, `${tag} #${i}`));
    start();

    expect(await sender!.drained(10_000)).toBe(true);
    const seen = await remarksInMcLeod(client.api, prospects.slice(0, 3), tag);

    expect(seen.size).toBe(12);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    // Each prospect's outcomes got increasing McLeod ids: created in the order logged.
    for (const prospectId of prospects.slice(0, 3)) {
      const actionIds = ids
        .map((id) => store.get(id)!)
        .filter((entry) => entry.prospectId === prospectId)
        .map((entry) => Number(entry.createdActionId));

      expect(actionIds.every((id, i) => i === 0 || id > actionIds[i - 1]!)).toBe(true);
    }
    expect(statuses.at(-1)).toMatchObject({ connection: 'online', waiting: 0, attention: 0 });
  });

  it('keeps outcomes logged while McLeod is down and sends them once it answers', async () => {
    const tag = `offline-${Date.now()}`;
    const port = sim.port;

    await sim.stop();
    for (let i = 0; i < 8; i += 1) logOutcome(prospects[i % 4]!, `${tag} #${i}`);
    start();
    await waitFor(() => sender!.status().connection === 'offline');
    expect(store.counts().waiting).toBe(8);
    expect(store.list('waiting').map((item) => item.state)).not.toContain('attention');

    sim = await startSimulator({ state: sim.state, port, faults: {} });
    // No kick: the probe alone must notice the server is back.
    expect(await sender!.drained(10_000)).toBe(true);
    expect(sender!.status().connection).toBe('online');

    const seen = await remarksInMcLeod(client.api, prospects.slice(0, 4), tag);

    expect(seen.size).toBe(8);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(statuses.some((status) => status.connection === 'offline')).toBe(true);
  });

  it('shows a refused outcome to the rep with the server message, sends the fix once', async () => {
    const tag = `rejected-${Date.now()}`;
    const id = logOutcome(prospects[0]!, `${tag} left voicemail`, 'XYZ');

    start();
    await waitFor(() => store.counts().attention === 1);

    const [item] = store.list('attention');

    expect(item?.id).toBe(id);
    expect(item?.lastError).toMatch(/XYZ/);
    expect(sender!.status()).toMatchObject({ attention: 1, waiting: 0 });

    expect(store.resend(id, { activityId: 'VM' })).toBe(true);
    sender!.kick();
    expect(await sender!.drained(5000)).toBe(true);

    const history = await client.api.prospectHistory(prospects[0]!);
    const ours = history.filter((action) => action.remarks?.startsWith(tag));

    expect(ours).toHaveLength(1);
    expect(ours[0]?.activityId).toBe('VM');
    expect(store.get(id)).toMatchObject({ state: 'sent', sentHow: 'created' });
  });

  it('creates no second action when the connection drops after McLeod stored it', async () => {
    const tag = `dropped-${Date.now()}`;

    sim.setFaults({ dropAfterCommitRate: 1 });
    const id = logOutcome(prospects[1]!, `${tag} talked`);

    // A long probe interval keeps it waiting until the kick, so the doubt can be seen.
    start({ probe: { baseMs: 60_000, maxMs: 60_000, factor: 2 } });
    await waitFor(() => (store.get(id)?.attempts ?? 0) >= 1);
    expect(store.get(id)).toMatchObject({ state: 'waiting', uncertain: true });

    sim.setFaults({ dropAfterCommitRate: 0 });
    sender!.kick();
    expect(await sender!.drained(5000)).toBe(true);

    const seen = await remarksInMcLeod(client.api, [prospects[1]!], tag);

    expect(seen.get(`${tag} talked`)).toBe(1);
    expect(store.get(id)).toMatchObject({ state: 'sent', sentHow: 'matched' });
  });

  it('waits for a timed-out create McLeod may still be storing, not sending it again', async () => {
    // The server takes 1.5 s; the client gives up after 0.5 s and the server then goes fast.
    client = await signedInClient(sim.url, { timeoutMs: 500 });
    sim.setFaults({ latencyMs: 1_500 });
    const id = logOutcome(prospects[0]!, 'slow-commit once');

    start({ settleMs: 2_500 });
    await waitFor(() => store.get(id)?.lastError !== undefined, 5_000);
    sim.setFaults({});

    expect(await sender!.drained(15_000)).toBe(true);
    // Count only once the first, slow request has surely finished on the server.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const copies = await remarksInMcLeod(client.api, [prospects[0]!], 'slow-commit');

    expect(copies.get('slow-commit once')).toBe(1);
  });

  it('signs in again when the token expires and loses no outcome', async () => {
    const tag = `token-${Date.now()}`;

    sim.setFaults({ tokenExpiresAfter: 3 });
    for (let i = 0; i < 10; i += 1) logOutcome(prospects[i % 5]!, `${tag} #${i}`);
    start();

    expect(await sender!.drained(10_000)).toBe(true);
    expect(client.logins()).toBeGreaterThan(1);

    sim.setFaults({});
    const seen = await remarksInMcLeod(client.api, prospects.slice(0, 5), tag);

    expect(seen.size).toBe(10);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(store.counts()).toMatchObject({ waiting: 0, attention: 0, sent: 10 });
  });
});
