/**
 * An outcome McLeod refuses for good is never dropped: the rep is notified, sees McLeod's
 * words in the outbox, fixes it and sends it again, and it arrives once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../../electron/app/dispatch';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { signInAs, startCore, startFirstList } from '../../harness/core-fixture';
import { signedInClient } from '../../harness/mcleod-stack';
import { createTestVault, type TestVault } from '../../harness/test-vault';

let sim: RunningSim;
let vault: TestVault;

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  vault = await createTestVault('attention');
});

afterAll(async () => {
  await vault.clear();
  await sim.stop();
});

/** A core signed in, whose template `index` uses an activity code McLeod does not have. */
async function coreWithUnknownCode(index: number, code: string) {
  const fixture = await startCore({ vault });
  const { handlers } = fixture.core;

  await signInAs(fixture, sim.url);
  const templates = await handlers['outcome:templates'](undefined);

  // A company whose codes differ from the defaults.
  await handlers['settings:update']({
    templates: templates.map((template, at) =>
      at === index ? { ...template, activityId: code } : template,
    ),
  });
  const { view } = await startFirstList(fixture);

  return { fixture, handlers, templates, view };
}

it('turns a refused outcome into a notification and a fixable item that is sent once', async () => {
  const { fixture, handlers, templates, view } = await coreWithUnknownCode(1, 'VMAIL');
  const prospectId = view.current!.id;
  const notes = `refused then fixed ${Date.now()}`;

  await handlers['outcome:log']({ prospectId, templateId: templates[1]!.id, notes });
  await expect
    .poll(async () => (await handlers['outbox:status'](undefined)).attention, { timeout: 10_000 })
    .toBe(1);

  const [item] = await handlers['outbox:list']({ state: 'attention' });

  expect(item?.lastError).toMatch(/VMAIL/);
  expect(fixture.adapters.notifications.at(-1)?.body).toMatch(/VMAIL/);

  expect(
    await dispatch(handlers, 'outbox:resend', { id: item!.id, nextActionDate: 'tomorrow' }),
  ).toMatchObject({ ok: false, error: { code: 'invalid', message: /tomorrow/ } });
  await handlers['outbox:resend']({ id: item!.id, activityId: 'VM', nextActionDate: 't2' });
  expect(await fixture.core.sender()!.drained(10_000)).toBe(true);
  expect((await handlers['outbox:status'](undefined)).attention).toBe(0);

  const { api } = await signedInClient(sim.url);
  const ours = (await api.prospectHistory(prospectId)).filter((action) =>
    action.remarks?.includes(notes),
  );

  expect(ours).toHaveLength(1);
  expect(ours[0]!.activityId).toBe('VM');
  // "t2" was made concrete when the rep resent it: two days from now, not a shortcut.
  const inTwoDays = Date.parse(ours[0]!.nextActionDate!) - Date.now();

  expect(inTwoDays).toBeGreaterThan(24 * 3600_000);
  expect(inTwoDays).toBeLessThan(3 * 24 * 3600_000);
  await fixture.close();
});

it('names, in each notification, the call that has just been refused', async () => {
  const setup = await coreWithUnknownCode(0, 'NOPE');
  const { fixture, handlers, templates } = setup;
  let { view } = setup;
  const named: string[] = [];

  for (let refused = 1; refused <= 2; refused++) {
    const card = view.current!;

    const logged = await handlers['outcome:log']({
      prospectId: card.id,
      templateId: templates[0]!.id,
      notes: '',
    });

    view = logged.session;
    await expect
      .poll(async () => (await handlers['outbox:status'](undefined)).attention, { timeout: 10_000 })
      .toBe(refused);
    await expect.poll(() => fixture.adapters.notifications.length).toBe(refused);
    named.push(card.name);
    expect(fixture.adapters.notifications.at(-1)?.body).toContain(card.name);
  }
  expect(new Set(named).size).toBe(2);
  await fixture.close();
});
