/**
 * A session that outlives the network: McLeod goes away, the rep keeps logging, the app is
 * restarted while still offline, and when McLeod is back every outcome arrives exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { QueueSource } from '../../../electron/contract';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { startCore, type CoreFixture } from '../../harness/core-fixture';
import { signedInClient } from '../../harness/mcleod-stack';
import { createTestVault, type TestVault } from '../../harness/test-vault';

let sim: RunningSim;
let vault: TestVault;

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  vault = await createTestVault('offline');
});

afterAll(async () => {
  await vault.clear();
  await sim.stop();
});

async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;

  while (Date.now() < until) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return false;
}

it('walks and logs offline, across a restart, and sends everything once later', async () => {
  let fixture: CoreFixture = await startCore({ vault });
  const { handlers } = fixture.core;

  await handlers['auth:signIn']({
    serverUrl: sim.url,
    companyId: 'TMS',
    userId: 'demo',
    password: 'demo',
    remember: true,
  });
  await handlers['settings:update']({ prefetchAhead: 6 });
  const profiles = await handlers['profiles:list']({ refresh: true });
  let source: QueueSource | undefined;
  let view;

  for (const profile of profiles) {
    source = { kind: 'profile', profileId: profile.id };
    view = await handlers['session:start'](source).catch(() => undefined);
    if (view && view.total >= 8) break;
  }
  expect(view?.total).toBeGreaterThanOrEqual(8);
  // Let the prefetcher fill the cache a few cards ahead, as it does while the rep talks.
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const templates = await handlers['outcome:templates'](undefined);
  const port = sim.port;
  const state = sim.state;
  const logged: { prospectId: string; notes: string }[] = [];

  await sim.stop();

  for (let index = 0; index < 3; index++) {
    const prospectId = view!.current!.id;
    const notes = `offline call ${index} ${Date.now()}`;
    const result = await handlers['outcome:log']({
      prospectId,
      templateId: templates[index]!.id,
      notes,
    });

    logged.push({ prospectId, notes });
    view = result.session;
    expect(view.current, view.currentProblem).toBeDefined();
  }
  expect(
    await waitFor(
      async () => (await handlers['outbox:status'](undefined)).connection === 'offline',
      5_000,
    ),
  ).toBe(true);
  expect((await handlers['outbox:status'](undefined)).waiting).toBe(3);

  // The app is quit and started again with McLeod still unreachable.
  fixture = await fixture.restart();
  const again = fixture.core.handlers;
  const resumed = await again['session:resume'](undefined);

  expect(resumed?.done).toBe(3);
  expect(resumed?.current?.id).toBe(view!.current!.id);
  const lastNotes = `offline after restart ${Date.now()}`;
  const last = await again['outcome:log']({
    prospectId: resumed!.current!.id,
    templateId: templates[3]!.id,
    notes: lastNotes,
  });

  logged.push({ prospectId: resumed!.current!.id, notes: lastNotes });
  expect(last.session.done).toBe(4);
  expect((await again['outbox:status'](undefined)).waiting).toBe(4);

  // McLeod comes back on the same address with the same data.
  sim = await startSimulator({ port, state, faults: {} });
  expect(await fixture.core.sender()!.drained(30_000)).toBe(true);
  expect((await again['outbox:status'](undefined)).connection).not.toBe('offline');

  const { api } = await signedInClient(sim.url);

  for (const entry of logged) {
    const history = await api.prospectHistory(entry.prospectId);

    expect(history.filter((action) => action.remarks?.includes(entry.notes))).toHaveLength(1);
  }
  await fixture.close();
});
