import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  faultsFromEnv, quirksFromEnv, startSimulator, type RunningSim,
} from '../../mcleod-sim/index';
import { SimSession, type Row } from './sim-session';

let sim: RunningSim;
let session: SimSession;
let prospectId: string;

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  session = await SimSession.open(sim);
  const [first] = (await session.rows('/crm/prospects/search?recordLength=1')) as [Row];
  prospectId = String(first.id);
});

afterAll(async () => {
  await sim.stop();
});

async function historyCount(): Promise<number> {
  return (await session.rows(`/crm/prospects/${prospectId}/history`)).length;
}

describe('McLeod simulator: injected faults', () => {
  it('answers 500 with a Java exception text and does not do the work', async () => {
    const before = await historyCount();
    sim.setFaults({ error500Rate: 1 });
    const response = await session.put('/crm/prospectActions/create', {
      customer_id: prospectId, activity_id: 'CALL',
    });
    sim.setFaults({});

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/^java\.lang\.\w+Exception/);
    expect(await historyCount()).toBe(before);
  });

  it('answers 502 with an HTML proxy page and does not do the work', async () => {
    const before = await historyCount();
    sim.setFaults({ proxy502Rate: 1 });
    const response = await session.put('/crm/prospectActions/create', {
      customer_id: prospectId, activity_id: 'CALL',
    });
    sim.setFaults({});

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<title>502 Bad Gateway<\/title>/);
    expect(await historyCount()).toBe(before);
  });

  it('stores a create, then drops the connection before answering', async () => {
    const before = await historyCount();
    sim.setFaults({ dropAfterCommitRate: 1 });
    const attempt = session.put('/crm/prospectActions/create', {
      customer_id: prospectId, activity_id: 'NOANS', remarks: 'dropped answer',
    });

    await expect(attempt).rejects.toThrow();
    sim.setFaults({});
    const history = await session.rows(`/crm/prospects/${prospectId}/history`);
    expect(history).toHaveLength(before + 1);
    expect(history.some((row) => row.remarks === 'dropped answer')).toBe(true);
  });

  it('does not drop answers to reads', async () => {
    sim.setFaults({ dropAfterCommitRate: 1 });
    const response = await session.get(`/crm/prospects/${prospectId}`);
    sim.setFaults({});

    expect(response.status).toBe(200);
  });

  it('delays every response by the configured latency', async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await session.get('/users/current');
    sim.setFaults({});

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts every request it serves', async () => {
    const before = sim.requestCount();
    await session.get('/users/current');
    await fetch(`${sim.url}/nowhere`);

    expect(sim.requestCount()).toBe(before + 2);
  });

  it('makes the same fault decisions for the same seed', async () => {
    const outcomes = async () => {
      const own = await startSimulator({ seed: 7, faults: {} });
      const own500 = await SimSession.open(own);
      own.setFaults({ error500Rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await own500.get('/users/current')).status);
      await own.stop();

      return statuses;
    };
    const first = await outcomes();

    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it('reads faults and quirks from the environment', () => {
    expect(faultsFromEnv({
      SIM_LATENCY_MS: '25', SIM_500_RATE: '0.1', SIM_DROP_RATE: '0.2', SIM_502_RATE: '2',
      SIM_TOKEN_EXPIRES_AFTER: '50',
    })).toEqual({
      latencyMs: 25, error500Rate: 0.1, dropAfterCommitRate: 0.2, proxy502Rate: 1,
      tokenExpiresAfter: 50,
    });
    expect(faultsFromEnv({})).toEqual({});
    expect(quirksFromEnv({ SIM_IGNORE_OFFSET: '1', SIM_IGNORE_LENGTH: '0' }))
      .toEqual({ ignoreOffset: true });
  });
});

describe('McLeod simulator: load', () => {
  it('takes 1,000 creates and still answers history by prospect quickly', async () => {
    const before = await historyCount();
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      const response = await session.put('/crm/prospectActions/create', {
        customer_id: prospectId, activity_id: 'CALL', action_date: 'n', remarks: `soak ${i}`,
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const history = await session.rows(`/crm/prospects/${prospectId}/history`);

    expect(history).toHaveLength(before + 1000);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
