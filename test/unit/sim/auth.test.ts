import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { basicAuth, loginToken, SimSession } from './sim-session';

let sim: RunningSim;

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
});

afterAll(async () => {
  await sim.stop();
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function login(accept: string | undefined, auth = basicAuth('demo', 'demo')) {
  const headers: Record<string, string> = { authorization: auth };
  if (accept) headers.accept = accept;

  return fetch(`${sim.url}/users/login`, { method: 'POST', headers });
}

describe('McLeod simulator: signing in', () => {
  it('answers a text/plain login with a fresh token and a trailing newline', async () => {
    const first = await login('text/plain');
    const second = await login('text/plain');

    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    const firstText = await first.text();
    expect(firstText.endsWith('\n')).toBe(true);
    expect(firstText.trim()).toMatch(uuid);
    expect((await second.text()).trim()).not.toBe(firstText.trim());
  });

  it('answers a JSON login with an object holding a working token', async () => {
    const response = await login('application/json');
    const body = (await response.json()) as { token: string; userId: string };

    expect(body.token).toMatch(uuid);
    expect(body.userId).toBe('demo');
    const current = await fetch(`${sim.url}/users/current`, {
      headers: { authorization: `Bearer ${body.token}`, accept: 'application/json' },
    });
    expect(current.status).toBe(200);
  });

  it('refuses a login that accepts neither text nor JSON with 406', async () => {
    expect((await login('application/xml')).status).toBe(406);
    expect((await login('*/*')).status).toBe(406);
  });

  it('says "Invalid user name or password" in text for a wrong password', async () => {
    const response = await login('text/plain', basicAuth('demo', 'wrong'));

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Invalid user name or password');
  });

  it('logs in a user without the CRM role but answers CRM calls with a role message', async () => {
    const session = await SimSession.open(sim, 'norole');
    const current = await session.get('/users/current');
    const profiles = await session.get('/crm/callListProfiles');

    expect(current.status).toBe(200);
    expect(profiles.status).toBe(401);
    expect(profiles.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await profiles.text()).toMatch(/CRM role/);
  });

  it('accepts the token under both the Bearer and the Token scheme, and Basic', async () => {
    const token = await loginToken(sim);
    for (const authorization of [`Bearer ${token}`, `Token ${token}`, basicAuth('demo', 'demo')]) {
      const response = await fetch(`${sim.url}/crm/callListProfiles`, {
        headers: { authorization, accept: 'application/json' },
      });
      expect(response.status).toBe(200);
    }
    const unknown = await fetch(`${sim.url}/crm/callListProfiles`, {
      headers: { authorization: 'Bearer 00000000-0000-0000-0000-000000000000' },
    });
    expect(unknown.status).toBe(401);
  });

  it('answers 401 in text when no credentials are sent', async () => {
    const response = await fetch(`${sim.url}/crm/callListProfiles`);

    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/Authentication required/);
  });

  it('revokes the calling token on logout and keeps other tokens working', async () => {
    const kept = await SimSession.open(sim);
    const session = await SimSession.open(sim);
    const logout = await fetch(`${sim.url}/users/logout`, {
      method: 'POST', headers: session.headers(),
    });

    expect(logout.status).toBeLessThan(300);
    const after = await session.get('/crm/callListProfiles');
    expect(after.status).toBe(401);
    expect(await after.text()).toMatch(/revoked/);
    expect((await kept.get('/crm/callListProfiles')).status).toBe(200);
  });

  it('stops accepting a token after the configured number of requests', async () => {
    const session = await SimSession.open(sim);
    sim.setFaults({ tokenExpiresAfter: 2 });
    try {
      expect((await session.get('/users/current')).status).toBe(200);
      expect((await session.get('/users/current')).status).toBe(200);
      const third = await session.get('/users/current');
      expect(third.status).toBe(401);
      expect(await third.text()).toBe('Token expired');
      const fresh = await SimSession.open(sim);
      expect((await fresh.get('/users/current')).status).toBe(200);
    } finally {
      sim.setFaults({});
    }
  });
});

describe('McLeod simulator: formats and companies', () => {
  it('answers XML when the client does not ask for JSON', async () => {
    const token = await loginToken(sim);
    for (const accept of [undefined, 'application/xml']) {
      const headers: Record<string, string> = { authorization: `Token ${token}` };
      if (accept) headers.accept = accept;
      const response = await fetch(`${sim.url}/crm/callListProfiles`, { headers });
      const text = await response.text();

      expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
      expect(text.startsWith('<?xml')).toBe(true);
      expect(text).toContain('<descr>JSMITH overdue prospects</descr>');
    }
  });

  it('refuses a body that is not sent as application/json with 415', async () => {
    const session = await SimSession.open(sim);
    const body = { customer_id: 'X', activity_id: 'CALL' };
    const response = await session.put('/crm/prospectActions/create', body,
      { 'content-type': 'text/plain' });

    expect(response.status).toBe(415);
  });

  it('selects the company from the header and falls back to TMS without it', async () => {
    const tms = await SimSession.open(sim);
    const tms2 = await SimSession.open(sim, 'demo', 'TMS2');
    const inTms = await tms.rows('/crm/prospects/search?recordLength=1000');
    const inTms2 = await tms2.rows('/crm/prospects/search');

    expect(inTms.length).toBeGreaterThanOrEqual(300);
    expect(inTms2.length).toBeGreaterThan(0);
    expect(inTms2.length).toBeLessThan(10);
    const tmsIds = new Set(inTms.map((row) => row.id));
    expect(inTms2.every((row) => !tmsIds.has(row.id))).toBe(true);
    expect((await tms2.row('/users/current')).company_id).toBe('TMS2');
  });

  it('refuses an unknown company and a company the user may not use', async () => {
    const unknown = await SimSession.open(sim, 'demo', 'NOPE');
    const response = await fetch(`${sim.url}/users/current`, { headers: unknown.headers() });
    expect([400, 401]).toContain(response.status);
    expect(await response.text()).toMatch(/NOPE/);

    const jsmith = await SimSession.open(sim, 'jsmith');
    const other = await fetch(`${sim.url}/users/current`, {
      headers: { ...jsmith.headers(), 'X-com.mcleodsoftware.CompanyID': 'TMS2' },
    });
    expect(other.status).toBe(401);
  });
});
