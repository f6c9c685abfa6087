/**
 * Outcomes belong to the McLeod account that logged them: when another user signs in on the
 * same machine, they wait, and they are sent only once their own user signs in again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { signInAs, startCore } from '../../harness/core-fixture';
import { signedInClient } from '../../harness/mcleod-stack';
import { createTestVault, type TestVault } from '../../harness/test-vault';

let sim: RunningSim;
let vault: TestVault;

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  vault = await createTestVault('accounts');
});

afterAll(async () => {
  await vault.clear();
  await sim.stop();
});

it('never sends one user’s waiting outcome under another user’s sign-in', async () => {
  const fixture = await startCore({ vault });
  const { handlers } = fixture.core;
  const signIn = (userId: string) => signInAs(fixture, sim.url, { userId });

  await signIn('demo');
  const [profile] = await handlers['profiles:list']({ refresh: true });
  const view = await handlers['session:start']({ kind: 'profile', profileId: profile!.id });
  const [template] = await handlers['outcome:templates'](undefined);
  const notes = `belongs to demo ${Date.now()}`;

  // demo's token dies and no password is remembered: the outcome waits for demo to sign in.
  sim.setFaults({ tokenExpiresAfter: 0 });
  await handlers['outcome:log']({ prospectId: view.current!.id, templateId: template!.id, notes });
  await expect.poll(async () => (await handlers['auth:status'](undefined)).signedIn).toBe(false);
  sim.setFaults({});
  await signIn('jsmith');
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const { api } = await signedInClient(sim.url);
  const copies = async () =>
    (await api.prospectHistory(view.current!.id)).filter((action) =>
      action.remarks?.includes(notes),
    );

  expect(await copies()).toHaveLength(0);
  expect((await handlers['outbox:status'](undefined)).waiting).toBe(0);

  await signIn('demo');
  expect((await handlers['outbox:status'](undefined)).waiting + (await copies()).length).toBe(1);
  expect(await fixture.core.sender()!.drained(10_000)).toBe(true);
  expect(await copies()).toHaveLength(1);
  await fixture.close();
});

it('counts calls waiting while signed out, across a restart, and sends them later', async () => {
  let fixture = await startCore({ vault });
  const signIn = () => signInAs(fixture, sim.url);

  await signIn();
  const [profile] = await fixture.core.handlers['profiles:list']({ refresh: true });
  const view = await fixture.core.handlers['session:start']({
    kind: 'profile',
    profileId: profile!.id,
  });
  const [template] = await fixture.core.handlers['outcome:templates'](undefined);
  const notes = `waiting at sign-out ${Date.now()}`;
  const { port, state } = sim;

  await sim.stop();
  await fixture.core.handlers['outcome:log']({
    prospectId: view.current!.id,
    templateId: template!.id,
    notes,
  });
  const signedOut = await fixture.core.handlers['auth:signOut'](undefined);

  expect(signedOut.notice).toMatch(/1 logged call will be sent/);
  expect(await fixture.core.handlers['outbox:status'](undefined)).toMatchObject({
    connection: 'signed-out',
    waiting: 1,
  });

  fixture = await fixture.restart();
  expect((await fixture.core.handlers['outbox:status'](undefined)).waiting).toBe(1);

  sim = await startSimulator({ port, state, faults: {} });
  await signIn();
  expect(await fixture.core.sender()!.drained(10_000)).toBe(true);
  const { api } = await signedInClient(sim.url);
  const copies = (await api.prospectHistory(view.current!.id)).filter((action) =>
    action.remarks?.includes(notes),
  );

  expect(copies).toHaveLength(1);
  await fixture.close();
});
