import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim/index';
import { chicagoDay, dayOf, mcleodInstant, SimSession, type Row } from './sim-session';

let sim: RunningSim;
let session: SimSession;
let prospect: Row;

beforeAll(async () => {
  sim = await startSimulator({ faults: {}, quirks: {} });
  session = await SimSession.open(sim);
  [prospect] = (await session.rows('/crm/prospects/search?recordLength=1&orderBy=id+ASC')) as [Row];
});

afterAll(async () => {
  await sim.stop();
});

describe('McLeod simulator: logging actions', () => {
  it('prefills a new action from the prospect without saving it', async () => {
    const draft = await session.row(`/crm/prospectActions/new?prospectId=${prospect.id}`);

    expect(draft.__type).toBe('prospect_action');
    expect(draft.customer_id).toBe(prospect.id);
    expect(draft.activity_id).toBe('CALL');
    expect(draft.priority).toBe('M');
    expect(draft.id).toBeUndefined();
    expect(Math.abs(mcleodInstant(draft.action_date).getTime() - Date.now())).toBeLessThan(5000);
    if (prospect.salesperson_id) expect(draft.salesperson_id).toBe(prospect.salesperson_id);
  });

  it('stores a create with shortcuts resolved and returns it with its description', async () => {
    const before = await session.rows(`/crm/prospects/${prospect.id}/history`);
    const stored = await session.putRow('/crm/prospectActions/create', {
      __type: 'prospect_action',
      customer_id: prospect.id,
      activity_id: 'VM',
      action_date: 'n',
      next_act_id: 'FOLLOW',
      next_act_date: 't3 0930',
      remarks: 'Left a message for shipping',
      method: 0,
      some_field_the_server_does_not_know: 'ignored',
    });

    expect(stored.id).toMatch(/^\d+$/);
    expect(stored.__activityDescr).toBe('Left voicemail');
    expect(stored.__nextActivityDescr).toBe('Follow-up call');
    expect(Math.abs(mcleodInstant(stored.action_date).getTime() - Date.now())).toBeLessThan(5000);
    expect(dayOf(stored.next_act_date)).toBe(chicagoDay(3));
    expect(String(stored.next_act_date).slice(8, 14)).toBe('093000');
    expect(stored).not.toHaveProperty('some_field_the_server_does_not_know');

    const fetched = await session.row(`/crm/prospectActions/${stored.id}`);
    expect(fetched.remarks).toBe('Left a message for shipping');
    const history = await session.rows(`/crm/prospects/${prospect.id}/history`);
    expect(history).toHaveLength(before.length + 1);
    expect(history[0]!.id).toBe(stored.id);
    const upcoming = await session.rows(`/crm/prospects/${prospect.id}/upcoming`);
    expect(upcoming.map((row) => row.id)).toContain(stored.id);
    const card = await session.row(`/crm/prospects/${prospect.id}`);
    expect(card.next_call_date).toBe(stored.next_act_date);
  });

  it('rejects an unknown activity code with a permanent validation message', async () => {
    const response = await session.put('/crm/prospectActions/create', {
      customer_id: prospect.id, activity_id: 'XYZ',
    });

    expect(response.status).toBe(500);
    expect(await response.text())
      .toBe('com.mcleodsoftware.ValidationException: Activity code "XYZ" does not exist');
  });

  it('rejects an action for a prospect that does not exist', async () => {
    const response = await session.put('/crm/prospectActions/create', {
      customer_id: 'NOSUCH99', activity_id: 'CALL',
    });

    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/ValidationException: Customer "NOSUCH99"/);
  });

  it('clears a field sent as "NULL" on update and leaves omitted fields alone', async () => {
    const created = await session.putRow('/crm/prospectActions/create', {
      customer_id: prospect.id, activity_id: 'TALK', remarks: 'Wants a quote',
      next_act_id: 'CALL', next_act_date: 't7', call_length: '12',
    });
    const updated = await session.putRow('/crm/prospectActions/update', {
      __type: 'prospect_action', id: created.id, next_act_date: 'NULL', next_act_id: 'NULL',
    });

    expect(updated.next_act_date).toBeUndefined();
    expect(updated.next_act_id).toBeUndefined();
    expect(updated.remarks).toBe('Wants a quote');
    expect(Number(updated.call_length)).toBe(12);
    const fetched = await session.row(`/crm/prospectActions/${created.id}`);
    expect(fetched).not.toHaveProperty('next_act_date');
  });

  it('creates the action on update when the id does not exist yet', async () => {
    const updated = await session.putRow('/crm/prospectActions/update', {
      id: '99000001', customer_id: prospect.id, activity_id: 'EMAIL', action_date: 't-1 1000',
    });

    expect(updated.id).toBe('99000001');
    expect(dayOf(updated.action_date)).toBe(chicagoDay(-1));
    const fetched = await session.row('/crm/prospectActions/99000001');
    expect(fetched.__activityDescr).toBe('Email');
  });

  it('lists upcoming actions scheduled in the future and keeps them out of history', async () => {
    const meeting = await session.putRow('/crm/prospectActions/create', {
      customer_id: prospect.id, activity_id: 'MEET', action_date: 't5 1400',
    });
    const history = await session.rows(`/crm/prospects/${prospect.id}/history`);
    const upcoming = await session.rows(`/crm/prospects/${prospect.id}/upcoming`);

    expect(history.map((row) => row.id)).not.toContain(meeting.id);
    expect(upcoming.map((row) => row.id)).toContain(meeting.id);
    const dates = history.map((row) => mcleodInstant(row.action_date).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });
});

describe('McLeod simulator: prospects', () => {
  it('embeds contacts and comments only when asked', async () => {
    const plain = await session.row(`/crm/prospects/${prospect.id}`);
    const full = await session.row(
      `/crm/prospects/${prospect.id}?includeContacts=true&includeComments=true`);

    expect(plain).not.toHaveProperty('contacts');
    expect(Array.isArray(full.contacts)).toBe(true);
    expect(Array.isArray(full.comments)).toBe(true);
  });

  it('creates a prospect from the server defaults and updates it with NULL clearing', async () => {
    const draft = await session.row('/crm/prospects/new');
    const created = await session.putRow('/crm/prospects/create', {
      ...draft, name: 'Zephyr Test Shipper', city: 'Chicago', state_id: 'IL',
      remarks: 'Met at a trade show', next_call_date: 't1',
    });

    expect(created.id).toMatch(/^ZEPH/);
    expect(dayOf(created.next_call_date)).toBe(chicagoDay(1));
    const updated = await session.putRow('/crm/prospects/update', {
      __type: 'customer', id: created.id, remarks: 'NULL', zip_code: '60606',
    });
    expect(updated).not.toHaveProperty('remarks');
    expect(updated.zip_code).toBe('60606');
    expect(updated.name).toBe('Zephyr Test Shipper');
    const found = await session.rows('/crm/prospects?q=zephyr');
    expect(found.map((row) => row.id)).toEqual([created.id]);
  });

  it('answers 404 for a prospect that does not exist', async () => {
    const response = await session.get('/crm/prospects/NOSUCH99');

    expect(response.status).toBe(404);
  });
});

describe('McLeod simulator: restart', () => {
  it('serves the same data, including new actions, after a restart on the same port', async () => {
    const own = await startSimulator({ faults: {}, quirks: {} });
    const first = await SimSession.open(own);
    const created = await first.putRow('/crm/prospectActions/create', {
      customer_id: prospect.id, activity_id: 'QUOTE', remarks: 'before restart',
    });
    await own.stop();

    const again = await startSimulator({ state: own.state, port: own.port, faults: {} });
    try {
      expect(again.port).toBe(own.port);
      const second = await SimSession.open(again);
      const fetched = await second.row(`/crm/prospectActions/${created.id}`);
      expect(fetched.remarks).toBe('before restart');
      const next = await second.putRow('/crm/prospectActions/create', {
        customer_id: prospect.id, activity_id: 'CALL',
      });
      expect(Number(next.id)).toBeGreaterThan(Number(created.id));
    } finally {
      await again.stop();
    }
  });

  it('closes keep-alive connections at once on stop', async () => {
    const own = await startSimulator({ faults: {} });
    const token = (await SimSession.open(own)).token;
    expect(token).not.toBe('');
    const started = Date.now();
    await own.stop();

    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${own.url}/users/current`)).rejects.toThrow();
  });
});
