import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcLeodClient, type McLeodClientOptions } from '../../../electron/mcleod/client';
import { McLeodError } from '../../../electron/mcleod/errors';
import { startSimulator, type RunningSim, type SimOptions } from '../../mcleod-sim';

/** A signed-in rep: the client plus an auth that re-logs in with the remembered password. */
function signedInRep(
  sim: RunningSim,
  options: { user?: string; password?: string; remembered?: boolean } &
    Partial<McLeodClientOptions> = {},
) {
  const { user = 'demo', password = 'demo', remembered = true, ...clientOptions } = options;
  const requests: { path: string; authorization: string }[] = [];
  const rep = { token: undefined as string | undefined, renewals: 0, requests };
  const client = createMcLeodClient({
    serverUrl: sim.url,
    companyId: 'TMS',
    auth: {
      currentToken: () => rep.token,
      renewToken: async () => {
        rep.renewals++;
        rep.token = remembered ? await client.login(user, password) : undefined;
        return rep.token;
      },
    },
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      requests.push({
        path: new URL(String(input)).pathname.replace(/^\/ws/, ''),
        authorization: headers.get('authorization') ?? '',
      });
      return fetch(input, init);
    },
    ...clientOptions,
  });

  return Object.assign(rep, {
    client,
    async signIn() {
      rep.token = await client.login(user, password);
      return rep.token;
    },
    logins: () => requests.filter((request) => request.path === '/users/login').length,
  });
}

async function failure(promise: Promise<unknown>): Promise<McLeodError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(McLeodError);
    return error as McLeodError;
  }
  throw new Error('expected the call to fail');
}

const sims: RunningSim[] = [];

async function simulator(options: SimOptions = {}): Promise<RunningSim> {
  const sim = await startSimulator({ faults: {}, quirks: {}, ...options });
  sims.push(sim);
  return sim;
}

afterAll(async () => {
  await Promise.all(sims.map((sim) => sim.stop()));
});

describe('signing in and staying signed in', () => {
  let sim: RunningSim;

  beforeAll(async () => {
    sim = await simulator();
  });

  it('logs in once and reuses the token for every later call', async () => {
    const rep = signedInRep(sim);
    const token = await rep.signIn();

    expect(token).toMatch(/^\S+$/);
    await rep.client.listCallListProfiles();
    await rep.client.currentUser();
    await rep.client.findProspects('a');

    expect(rep.logins()).toBe(1);
    expect(rep.requests.slice(1).map((request) => request.authorization)).toEqual([
      `Token ${token}`,
      `Token ${token}`,
      `Token ${token}`,
    ]);
  });

  it('refuses a wrong password with the server\'s words and without echoing the password',
    async () => {
      const rep = signedInRep(sim, { password: 'Tr0ub4dor&3-wrong' });
      const error = await failure(rep.signIn());

      expect(error.kind).toBe('auth');
      expect(error.message).toBe(
        'McLeod refused the user name or password (server said: Invalid user name or password).',
      );
      expect(JSON.stringify({ ...error.details, message: error.message })).not.toContain(
        'Tr0ub4dor&3-wrong',
      );
    });

  it('tells a user without the CRM role that a role is missing, in the server\'s words',
    async () => {
      const rep = signedInRep(sim, { user: 'norole', password: 'norole' });
      await rep.signIn();
      const error = await failure(rep.client.listCallListProfiles());

      expect(error.kind).toBe('forbidden');
      expect(error.message).toContain('does not have the CRM role');
      expect(error.details.serverText).toMatch(/CRM role/);
      expect(rep.renewals).toBe(0);
    });

  it('stops sending a token once logged out', async () => {
    const rep = signedInRep(sim, { remembered: false });
    const token = await rep.signIn();

    await rep.client.logout(token);
    const error = await failure(rep.client.currentUser());

    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/sign in again/);
  });
});

describe('an expiring token', () => {
  it('signs in again silently when the password is remembered, and carries on', async () => {
    const sim = await simulator({ faults: { tokenExpiresAfter: 2 } });
    const rep = signedInRep(sim);
    const first = await rep.signIn();

    for (let call = 0; call < 5; call++) {
      expect((await rep.client.listCallListProfiles()).length).toBeGreaterThan(0);
    }

    expect(rep.renewals).toBeGreaterThanOrEqual(2);
    expect(rep.token).not.toBe(first);
  });

  it('shares one re-login between calls that fail together', async () => {
    const sim = await simulator({ faults: { tokenExpiresAfter: 0 } });
    const rep = signedInRep(sim);
    // Every token is used up at once: the parallel calls all get a 401 together.
    await rep.signIn();

    const results = await Promise.allSettled([
      rep.client.currentUser(),
      rep.client.currentUser(),
      rep.client.currentUser(),
    ]);

    expect(rep.renewals).toBe(1);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
  });

  it('asks the rep to sign in when no password is remembered', async () => {
    const sim = await simulator({ faults: { tokenExpiresAfter: 1 } });
    const rep = signedInRep(sim, { remembered: false });
    await rep.signIn();
    await rep.client.currentUser();

    const error = await failure(rep.client.currentUser());

    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'Your McLeod session has ended; please sign in again (server said: Token expired).',
    );
    expect(rep.renewals).toBe(1);
  });
});

describe('server faults', () => {
  let sim: RunningSim;

  beforeAll(async () => {
    sim = await simulator();
  });

  async function rep() {
    sim.setFaults({});
    const signedIn = signedInRep(sim);
    await signedIn.signIn();
    return signedIn;
  }

  async function anyProspectId(client: ReturnType<typeof signedInRep>['client']) {
    const [first] = await client.searchProspects({ criteria: [] }, { limit: 1 });
    return first!.id;
  }

  it('refuses an unknown activity code as a permanent error with the server\'s reason',
    async () => {
      const { client } = await rep();
      const error = await failure(
        client.createAction({
          __type: 'prospect_action',
          customer_id: await anyProspectId(client),
          activity_id: 'XYZ',
        }),
      );

      expect(error.kind).toBe('rejected');
      expect(error.transient).toBe(false);
      expect(error.message).toMatch(/ValidationException.*XYZ/);
    });

  it('reports a 500 as a server error, quoting what the server said', async () => {
    const { client } = await rep();
    sim.setFaults({ error500Rate: 1 });
    const error = await failure(client.listCallListProfiles());

    expect(error.kind).toBe('server');
    expect(error.message).toMatch(
      /^The McLeod server reported an error \(HTTP 500\) \(server said: .+\)\.$/,
    );
    expect(error.details.serverText).toBeTruthy();
    expect(error.transient).toBe(true);
  });

  it('reports a 502 page from the gateway as a proxy problem', async () => {
    const { client } = await rep();
    sim.setFaults({ proxy502Rate: 1 });
    const error = await failure(client.listCallListProfiles());

    expect(error.kind).toBe('proxy');
    expect(error.message).toContain('(HTTP 502)');
  });

  it('reports a connection dropped after the write as maybe committed, and it was', async () => {
    const { client } = await rep();
    const prospectId = await anyProspectId(client);
    const remarks = `drop test ${Date.now()}`;
    sim.setFaults({ dropAfterCommitRate: 1 });

    const error = await failure(
      client.createAction({
        __type: 'prospect_action',
        customer_id: prospectId,
        activity_id: 'NOANS',
        action_date: 'n',
        remarks,
      }),
    );

    expect(error.kind).toBe('dropped');
    expect(error.maybeCommitted).toBe(true);
    sim.setFaults({});
    const history = await client.prospectHistory(prospectId);
    expect(history.some((action) => action.remarks === remarks)).toBe(true);
  });

  it('gives up after the timeout when the server is slower than allowed', async () => {
    const signedIn = await rep();
    const slow = signedInRep(sim, { timeoutMs: 150 });
    slow.token = signedIn.token;
    sim.setFaults({ latencyMs: 600 });

    const error = await failure(slow.client.listCallListProfiles());

    expect(error.kind).toBe('timeout');
    expect(error.maybeCommitted).toBe(true);
    sim.setFaults({});
  });

  it('never puts the token or password in an error message or its details', async () => {
    const password = 'demo';
    const errors: McLeodError[] = [];
    const { client, token } = await rep();

    for (const faults of [{ error500Rate: 1 }, { proxy502Rate: 1 }, { tokenExpiresAfter: 0 }]) {
      sim.setFaults(faults);
      errors.push(await failure(client.getProspect('no-such-prospect')));
    }
    sim.setFaults({});
    errors.push(await failure(client.getProspect('no-such-prospect')));
    errors.push(await failure(signedInRep(sim, { password: 'wrong-pw-31337' }).signIn()));

    expect(errors.map((error) => error.kind)).toEqual(['server', 'proxy', 'auth', 'rejected',
      'auth']);
    for (const error of errors) {
      const text = `${error.message} ${JSON.stringify(error.details)}`;
      expect(text).not.toContain(token!);
      expect(text).not.toContain('wrong-pw-31337');
      expect(text).not.toMatch(new RegExp(`\\b${password}:`));
    }
  });
});

describe('searching and paging', () => {
  let baseline: string[];

  beforeAll(async () => {
    const sim = await simulator();
    const rep = signedInRep(sim);
    await rep.signIn();
    baseline = (await rep.client.searchProspects({ criteria: [] }, { pageSize: 1000 })).map(
      (prospect) => prospect.id,
    );
  });

  it.each([
    ['a well-behaved server', {}],
    ['a server that ignores recordOffset', { ignoreOffset: true }],
    ['a server that ignores recordLength', { ignoreLength: true }],
  ])('finds the same prospects page by page on %s as in one big page', async (_name, quirks) => {
    const sim = await simulator({ quirks });
    const rep = signedInRep(sim);
    await rep.signIn();

    const ids = (await rep.client.searchProspects({ criteria: [] }, { pageSize: 37 })).map(
      (prospect) => prospect.id,
    );

    expect(baseline.length).toBeGreaterThan(300);
    expect(new Set(ids).size).toBe(ids.length);
    // Default order and the id fallback are both customer.id descending.
    expect(ids).toEqual(baseline);
  });

  it('honors the limit', async () => {
    const sim = await simulator();
    const rep = signedInRep(sim);
    await rep.signIn();

    const paging = { pageSize: 20, limit: 45 };
    const prospects = await rep.client.searchProspects({ criteria: [] }, paging);

    expect(prospects.map((prospect) => prospect.id)).toEqual(baseline.slice(0, 45));
  });

  it('sends criteria with operators and an orderBy the server reads as column and direction',
    async () => {
      const sim = await simulator();
      const rep = signedInRep(sim);
      await rep.signIn();

      const prospects = await rep.client.searchProspects(
        {
          criteria: [{ column: 'potential', value: '>=50000' }],
          orderBy: [{ column: 'name', direction: 'DESC' }],
        },
        { pageSize: 25 },
      );
      const names = prospects.map((prospect) => prospect.name);

      expect(prospects.length).toBeGreaterThan(0);
      expect(prospects.every((prospect) => (prospect.potential?.amount ?? 0) >= 50000)).toBe(true);
      expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    });
});

describe('reading and writing CRM rows', () => {
  let sim: RunningSim;
  let rep: ReturnType<typeof signedInRep>;

  beforeAll(async () => {
    sim = await simulator();
    rep = signedInRep(sim);
    await rep.signIn();
  });

  it('reads prospects whose numbers come as strings on some rows and numbers on others',
    async () => {
      const response = await fetch(`${sim.url}/crm/prospects/search?recordLength=400`, {
        headers: { Authorization: `Token ${rep.token}`, Accept: 'application/json' },
      });
      const wire = (await response.json()) as Record<string, unknown>[];
      const numericColumns = ['potential', 'confidence_level', 'days_between_calls',
        'monthly_order_goal', 'activity_count', 'revenue'];
      const types = new Set(
        wire.flatMap((row) => numericColumns.filter((c) => c in row).map((c) => typeof row[c])),
      );
      // The simulator mixes both, so this test reads both.
      expect(types).toEqual(new Set(['string', 'number']));

      const prospects = await rep.client.searchProspects({ criteria: [] }, { pageSize: 400 });

      for (const prospect of prospects) {
        for (const value of [prospect.potential?.amount, prospect.confidenceLevel,
          prospect.daysBetweenCalls, prospect.monthlyOrderGoal, prospect.activityCount]) {
          if (value !== undefined) expect(typeof value).toBe('number');
        }
      }
      const wireById = new Map(wire.map((row) => [String(row.id), row]));
      const withPotential = prospects.find((prospect) => prospect.potential)!;
      expect(withPotential.potential!.amount).toBe(
        Number(wireById.get(withPotential.id)!.potential),
      );
    });

  it('reads the prospect card with its contacts and comments', async () => {
    const [listed] = await rep.client.findProspects('a');
    const prospect = await rep.client.getProspect(listed!.id);

    expect(prospect.id).toBe(listed!.id);
    expect(prospect.name).toBe(listed!.name);
    expect(Array.isArray(prospect.contacts)).toBe(true);
    const withContacts = await Promise.all(
      (await rep.client.searchProspects({ criteria: [] }, { limit: 20 })).map((p) =>
        rep.client.getProspect(p.id)),
    );
    expect(withContacts.some((p) => p.contacts.length > 0 && p.contacts[0]!.id !== '')).toBe(true);
  });

  it('lists call list profiles and reads one, with its minimum value as money', async () => {
    const profiles = await rep.client.listCallListProfiles();
    const reefer = profiles.find((profile) => profile.descr === 'High potential reefer')!;

    expect(profiles.length).toBeGreaterThanOrEqual(3);
    expect(reefer.minValue).toEqual({ amount: 100000, currency: 'USD', homeAmount: 100000 });
    expect(await rep.client.getCallListProfile(reefer.id)).toEqual(reefer);
  });

  it('runs a saved search', async () => {
    const prospects = await rep.client.savedSearch({
      userId: 'demo',
      createUserId: 'demo',
      screenClassName: 'com.mcleodsoftware.crm.ProspectSearchPanel',
      searchName: 'Texas steel',
    });

    expect(prospects.length).toBeGreaterThan(0);
    expect(prospects.every((prospect) => prospect.state === 'TX')).toBe(true);
  });

  it('logs an outcome on the server defaults and reads it back from the history', async () => {
    const [prospect] = await rep.client.searchProspects({ criteria: [] }, { limit: 1 });
    const defaults = await rep.client.newAction(prospect!.id);

    expect(defaults.__type).toBe('prospect_action');
    expect(String(defaults.customer_id)).toBe(prospect!.id);

    const created = await rep.client.createAction({
      ...defaults,
      activity_id: 'VM',
      remarks: 'Left a message for the traffic manager.',
      next_act_id: 'FOLLOW',
      next_act_date: 't3 0900',
      call_length: 2,
    });

    expect(created.id).toBeTruthy();
    expect(created.customerId).toBe(prospect!.id);
    expect(created.activityId).toBe('VM');
    expect(created.activityDescr).toBe('Left voicemail');
    expect(created.callLength).toBe(2);
    expect(created.nextActionDate).toMatch(/T09:00:00[+-]\d\d:\d\d$/);
    expect(await rep.client.getAction(created.id)).toEqual(created);

    const updated = await rep.client.updateAction({
      __type: 'prospect_action',
      id: created.id,
      remarks: 'Called back, no answer.',
    });
    expect(updated.remarks).toBe('Called back, no answer.');
    expect(updated.activityId).toBe('VM');

    const upcoming = await rep.client.prospectUpcoming(prospect!.id);
    expect(upcoming.some((action) => action.id === created.id)).toBe(true);
  });

  it('creates and updates a prospect from the server\'s defaults', async () => {
    const defaults = await rep.client.newProspect();
    const created = await rep.client.createProspect({
      ...defaults,
      name: 'Lakeshore Paper Converters',
      city: 'Green Bay',
      state_id: 'WI',
      main_phone: '(920) 555-0117',
    });

    expect(created.name).toBe('Lakeshore Paper Converters');
    const updated = await rep.client.updateProspect({
      __type: 'customer',
      id: created.id,
      city: 'De Pere',
    });
    expect(updated.city).toBe('De Pere');
    expect((await rep.client.getProspect(created.id)).city).toBe('De Pere');
  });

  it('selects the company by the CompanyID header', async () => {
    const other = signedInRep(sim, { companyId: 'TMS2' });
    await other.signIn();

    const inTms2 = await other.client.searchProspects({ criteria: [] });
    const inTms = await rep.client.searchProspects({ criteria: [] });

    expect(inTms2.length).toBeGreaterThan(0);
    expect(inTms2.length).toBeLessThan(inTms.length);
  });
});
