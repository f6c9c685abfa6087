/**
 * What the core refuses, through the same `dispatch` the IPC handlers use, and what it must
 * accept: the rep gets a sentence to act on, never "something went wrong".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/app/dispatch';
import type { SessionView } from '../../../electron/contract';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { signInAs, startCore, startFirstList, type CoreFixture } from '../../harness/core-fixture';
import { createTestVault, type TestVault } from '../../harness/test-vault';

let sim: RunningSim;
let vault: TestVault;
let fixture: CoreFixture;
let view: SessionView;

const call = (channel: string, payload?: unknown) =>
  dispatch(fixture.core.handlers, channel, payload);

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  vault = await createTestVault('refusals');
  fixture = await startCore({ vault });
  await signInAs(fixture, sim.url);
  ({ view } = await startFirstList(fixture));
});

afterAll(async () => {
  await fixture.close();
  await vault.clear();
  await sim.stop();
});

describe('the core refuses with a reason', () => {
  it('refuses a follow-up date that is no date, and logs nothing', async () => {
    const [template] = await fixture.core.handlers['outcome:templates'](undefined);
    const result = await call('outcome:log', {
      prospectId: view.current!.id,
      templateId: template!.id,
      notes: '',
      nextActionDate: 'next tuesday',
    });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: /next tuesday/ },
    });
    expect((await fixture.core.handlers['outbox:status'](undefined)).waiting).toBe(0);
  });

  it('logs and dials only for prospects of the session being walked', async () => {
    const [template] = await fixture.core.handlers['outcome:templates'](undefined);
    const stranger = { prospectId: 'NOT-IN-LIST', templateId: template!.id, notes: '' };

    expect(await call('outcome:log', stranger)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: /not in this calling session/ },
    });
    expect(await call('dial:start', { prospectId: 'NOT-IN-LIST', phoneKey: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(fixture.adapters.opened).toHaveLength(0);
  });

  it.each([
    [{ defaultCountry: 'ZZ' }, /country code/],
    [{ callingHours: { start: '25:00', end: '17:00' } }, /^Calling hours, start: .*time of day/],
    [{ callingHours: { start: '17:00', end: '08:00' } }, /start before/],
    [{ templates: [] }, /at least one/],
    [{ dialTemplate: 'javascript:alert(1)' }, /./],
  ])('refuses settings %j', async (change, reason) => {
    const before = await fixture.core.handlers['settings:get'](undefined);
    const result = await call('settings:update', change);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', message: reason } });
    expect(await fixture.core.handlers['settings:get'](undefined)).toEqual(before);
  });
});

describe('an account is one account whatever its case', () => {
  it('finds the session of demo at TMS when the rep types DEMO at tms', async () => {
    const moved = await fixture.core.handlers['session:next'](undefined);

    await fixture.core.handlers['auth:signIn']({
      serverUrl: sim.url,
      companyId: 'tms',
      userId: 'DEMO',
      password: 'demo',
      remember: false,
    });
    const resumed = await fixture.core.handlers['session:resume'](undefined);

    expect(resumed?.current?.id).toBe(moved.current?.id);
  });
});
