/**
 * The main job through the core's own handlers (what the renderer calls over IPC), against
 * the simulator over HTTP and the real keychain: sign in, pick a list, walk, log, and find
 * every outcome in McLeod once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { McLeodApi, Prospect } from '../../../electron/mcleod/types';
import { vaultAccounts } from '../../../electron/secrets/vault';
import type { QueueSource, SessionView } from '../../../electron/contract';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { signInAs, startCore, type CoreFixture } from '../../harness/core-fixture';
import { signedInClient } from '../../harness/mcleod-stack';
import { createTestVault, type TestVault } from '../../harness/test-vault';

let sim: RunningSim;
let vault: TestVault;
let api: McLeodApi;
const open: CoreFixture[] = [];

async function signedInCore(remember = false): Promise<CoreFixture> {
  const fixture = await startCore({ vault });

  open.push(fixture);
  await signInAs(fixture, sim.url, { remember });

  return fixture;
}

async function firstListWithProspects(
  fixture: CoreFixture,
): Promise<{ source: QueueSource; view: SessionView }> {
  for (const profile of await fixture.core.handlers['profiles:list']({ refresh: true })) {
    const source: QueueSource = { kind: 'profile', profileId: profile.id };
    const view = await fixture.core.handlers['session:start'](source).catch(() => undefined);

    if (view) return { source, view };
  }
  throw new Error('no profile with prospects');
}

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  vault = await createTestVault('main-job');
  api = (await signedInClient(sim.url)).api;
});

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

afterAll(async () => {
  await vault.clear();
  await sim.stop();
});

describe('the main job through the core', () => {
  it('logs outcomes for several prospects; each reaches McLeod once, fields intact', async () => {
    const fixture = await signedInCore();
    const { handlers } = fixture.core;
    const { view: first } = await firstListWithProspects(fixture);
    const templates = await handlers['outcome:templates'](undefined);
    const logged: { prospectId: string; templateIndex: number; notes: string }[] = [];
    let view = first;

    expect(first.total).toBeGreaterThanOrEqual(5);
    for (let index = 0; index < 5; index++) {
      const prospectId = view.current!.id;
      const notes = `asked for the traffic manager #${index}`;
      const result = await handlers['outcome:log']({
        prospectId,
        templateId: templates[index]!.id,
        notes,
        callSeconds: 61,
      });

      logged.push({ prospectId, templateIndex: index, notes });
      expect(result.session.done).toBe(index + 1);
      expect(result.session.current?.id).not.toBe(prospectId);
      view = result.session;
    }

    expect(await fixture.core.sender()!.drained(20_000)).toBe(true);
    for (const entry of logged) {
      const template = templates[entry.templateIndex]!;
      const history = await api.prospectHistory(entry.prospectId);
      const mine = history.filter((action) => action.remarks?.includes(entry.notes));

      expect(mine).toHaveLength(1);
      expect(mine[0]!.activityId).toBe(template.activityId);
      expect(mine[0]!.remarks).toContain(template.remarks);
      expect(mine[0]!.callLength).toBe(2);
      if (template.nextActivityId) {
        expect(mine[0]!.nextActivityId).toBe(template.nextActivityId);
        expect(Date.parse(mine[0]!.nextActionDate!)).toBeGreaterThan(Date.now());
      }
      expect(Math.abs(Date.parse(mine[0]!.actionDate!) - Date.now())).toBeLessThan(5 * 60_000);
    }
  });

  it('keeps the token in the keychain, and the password only when the rep asks', async () => {
    const accounts = vaultAccounts({ serverUrl: sim.url, companyId: 'TMS', userId: 'demo' });
    const forgetful = await signedInCore(false);

    const token = await vault.get(accounts.token);

    expect(token).toMatch(/\S{8,}/);
    expect(await vault.get(accounts.password)).toBeNull();
    await forgetful.core.handlers['auth:signOut'](undefined);
    expect(await vault.get(accounts.token)).toBeNull();

    // Signing out revokes the token at McLeod, not just locally.
    const revoked = await fetch(`${sim.url}/crm/callListProfiles`, {
      headers: { Authorization: `Token ${token}`, Accept: 'application/json' },
    });

    expect(revoked.status).toBe(401);

    await signedInCore(true);
    expect(await vault.get(accounts.password)).toBe('demo');
  });

  it('opens signed in after a restart and resumes the session where it stopped', async () => {
    const fixture = await signedInCore();
    const { view } = await firstListWithProspects(fixture);
    const moved = await fixture.core.handlers['session:next'](undefined);

    expect(moved.position).toBe(view.position + 1);
    const again = await fixture.restart();

    open.push(again);
    expect((await again.core.handlers['auth:status'](undefined)).signedIn).toBe(true);
    const resumed = await again.core.handlers['session:resume'](undefined);

    expect(resumed?.position).toBe(moved.position);
    expect(resumed?.current?.id).toBe(moved.current?.id);
  });

  it('renews an expired token with the remembered password without losing an outcome', async () => {
    const fixture = await signedInCore(true);
    const { view } = await firstListWithProspects(fixture);
    const templates = await fixture.core.handlers['outcome:templates'](undefined);

    sim.setFaults({ tokenExpiresAfter: 12 });
    try {
      const notes = `renewed token ${Date.now()}`;

      await fixture.core.handlers['outcome:log']({
        prospectId: view.current!.id,
        templateId: templates[0]!.id,
        notes,
      });
      expect(await fixture.core.sender()!.drained(20_000)).toBe(true);
      sim.setFaults({});
      const actions = await api.prospectHistory(view.current!.id);

      expect(actions.filter((action) => action.remarks?.includes(notes))).toHaveLength(1);
    } finally {
      sim.setFaults({});
    }
  });
});

describe('bad input gets a message the rep can act on', () => {
  it('refuses a wrong password with McLeod’s reason', async () => {
    const fixture = await startCore({ vault });

    open.push(fixture);
    await expect(signInAs(fixture, sim.url, { password: 'wrong' })).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/password/i),
    });
    expect((await fixture.core.handlers['auth:status'](undefined)).signedIn).toBe(false);
  });

  it('says plainly that a server cannot be reached', async () => {
    const fixture = await startCore({ vault });
    const closed = http.createServer();

    open.push(fixture);
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;

    await new Promise((resolve) => closed.close(resolve));
    await expect(signInAs(fixture, `http://127.0.0.1:${port}`)).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/reach/i),
    });
  });

  it('reports a server that answers XML instead of JSON', async () => {
    const xmlServer = http.createServer((request, response) => {
      if (request.url?.endsWith('/users/login')) {
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end('a1b2c3d4-token\n');

        return;
      }
      response
        .writeHead(200, { 'Content-Type': 'application/xml' })
        .end('<?xml version="1.0"?><list><call_list_profile id="1"/></list>');
    });

    await new Promise<void>((resolve) => xmlServer.listen(0, '127.0.0.1', resolve));
    const { port } = xmlServer.address() as AddressInfo;
    const fixture = await startCore({ vault });

    open.push(fixture);
    try {
      await expect(signInAs(fixture, `http://127.0.0.1:${port}`)).rejects.toMatchObject({
        kind: 'format',
        message: expect.stringMatching(/XML/),
      });
    } finally {
      await new Promise((resolve) => xmlServer.close(resolve));
    }
  });

  it('explains why a prospect without a phone cannot be dialed', async () => {
    const fixture = await signedInCore();
    const everyone = await api.searchProspects({ criteria: [] }, { pageSize: 200 });
    const silent = everyone.find(hasNoPhone);

    expect(silent, 'the simulator seeds prospects without any phone').toBeDefined();
    let view = await fixture.core.handlers['session:start']({
      kind: 'search',
      query: silent!.name,
    });

    // A quick find by name may match a few prospects: walk to ours.
    for (let step = 0; view.current?.id !== silent!.id && step < 20; step++) {
      view = await fixture.core.handlers['session:next'](undefined);
    }
    const card = view.current!;

    expect(card.id).toBe(silent!.id);
    expect(card.noPhoneReason).toMatch(/phone/i);
    await expect(
      fixture.core.handlers['dial:start']({ prospectId: card.id, phoneKey: '' }),
    ).rejects.toMatchObject({ code: 'no-phone' });
    expect(fixture.adapters.opened).toHaveLength(0);
  });

  it('tells the rep a call list with no prospects is empty', async () => {
    const fixture = await signedInCore();
    const profiles = await fixture.core.handlers['profiles:list']({ refresh: true });
    const outcomes = await Promise.allSettled(
      profiles.map((profile) =>
        fixture.core.handlers['session:start']({ kind: 'profile', profileId: profile.id }),
      ),
    );
    const empty = outcomes.find((outcome) => outcome.status === 'rejected');

    expect(empty, 'the simulator seeds one profile that matches nothing').toBeDefined();
    expect((empty as PromiseRejectedResult).reason).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/No prospects match/),
    });
  });
});

function hasNoPhone(prospect: Prospect): boolean {
  return (
    !prospect.mainPhone?.trim() &&
    prospect.contacts.every((contact) => !contact.phone?.trim() && !contact.mobilePhone?.trim())
  );
}
