import { describe, expect, it } from 'vitest';
import { profileToQuery } from '../../../electron/calllist/profile-search';
import type { CallListProfile, Prospect, ProspectAction } from '../../../electron/mcleod/types';

const today = new Date(2026, 2, 10, 14, 30);

function profile(fields: Partial<CallListProfile>): CallListProfile {
  return { id: 'P1', descr: 'Test list', ...fields };
}

function prospect(fields: Partial<Prospect>): Prospect {
  return { id: 'C1', name: 'Acme Foods', isActive: true, contacts: [], comments: [], ...fields };
}

/** An ISO date `days` from `today` (negative: in the past), at 10:00 machine time. */
function daysFromToday(days: number): string {
  return new Date(2026, 2, 10 + days, 10, 0).toISOString();
}

function action(activityId: string, daysAgo: number): ProspectAction {
  const actionDate = daysFromToday(-daysAgo);

  return { id: `A-${activityId}-${daysAgo}`, customerId: 'C1', activityId, actionDate };
}

interface Case {
  name: string;
  fields: Partial<CallListProfile>;
  criteria: [string, string][];
  unmapped?: [string, string][];
  client?: 'none' | 'without history' | 'with history';
}

const cases: Case[] = [
  { name: 'an empty profile has no criteria', fields: {}, criteria: [] },
  {
    name: 'salesperson alone',
    fields: { salespersonId: 'JSMITH' },
    criteria: [['customer.salesperson_id', 'JSMITH']],
  },
  {
    name: 'a comma list of salespeople, spaces dropped (OR)',
    fields: { salespersonId: ' JSMITH , TJONES ,' },
    criteria: [['customer.salesperson_id', 'JSMITH,TJONES']],
  },
  {
    name: 'sales manager alone',
    fields: { salesManagerId: 'MGR1' },
    criteria: [['customer.sales_manager_id', 'MGR1']],
  },
  {
    name: 'operations user alone',
    fields: { operationsUser: 'OPS2' },
    criteria: [['customer.operations_user', 'OPS2']],
  },
  {
    name: 'a comma list of zones',
    fields: { zoneId: 'MW,SE' },
    criteria: [['customer.zone_id', 'MW,SE']],
  },
  {
    name: 'prospect type alone',
    fields: { prospectTypeId: 'SHIP' },
    criteria: [['customer.prospect_type_id', 'SHIP']],
  },
  {
    name: 'one customer id becomes the customer row id',
    fields: { customerId: 'ACMEFOOD' },
    criteria: [['customer.id', 'ACMEFOOD']],
  },
  {
    name: 'status is the sales status',
    fields: { status: 'HOT,WARM' },
    criteria: [['customer.sales_status_id', 'HOT,WARM']],
  },
  { name: 'type of alone', fields: { typeOf: 'P' }, criteria: [['customer.type_of', 'P']] },
  {
    name: 'min value without a currency',
    fields: { minValue: { amount: 5000 } },
    criteria: [['customer.potential', '>=5000']],
  },
  {
    name: 'min value with a currency also fixes the currency',
    fields: { minValue: { amount: 2500.5, currency: 'CAD' } },
    criteria: [
      ['customer.potential', '>=2500.5'],
      ['customer.potential_c', 'CAD'],
    ],
  },
  { name: 'a zero min value is no criterion', fields: { minValue: { amount: 0 } }, criteria: [] },
  {
    name: 'act days alone: due for a call within N days, on the server',
    fields: { actDays: 7 },
    criteria: [['customer.next_call_date', '<=t7']],
  },
  {
    name: 'act days of 0 means due today',
    fields: { actDays: 0 },
    criteria: [['customer.next_call_date', '<=t']],
  },
  {
    name: 'act days with act type go to the client with history',
    fields: { actDays: 14, actType: 'CALL,VM' },
    criteria: [],
    client: 'with history',
  },
  {
    name: 'last order days go to the client without history',
    fields: { lastOrderDays: 90 },
    criteria: [],
    client: 'without history',
  },
  {
    name: 'resp code, resp level and opportunity are listed as unmapped',
    fields: { respCode: 'R1', respLevel: ' 2 ', opportunityId: 'OPP7' },
    criteria: [],
    unmapped: [
      ['opportunity_id', 'OPP7'],
      ['resp_code', 'R1'],
      ['resp_level', '2'],
    ],
  },
  {
    name: 'blank and comma-only values are no criteria',
    fields: { salespersonId: '  ', zoneId: ' , ,', respCode: ' ' },
    criteria: [],
  },
  {
    name: 'owner, colours and column to color are not criteria',
    fields: { userId: 'JSMITH', highPriorityColor: 'red', columnToColor: 'potential' },
    criteria: [],
  },
  {
    name: 'a combination keeps every criterion',
    fields: {
      salespersonId: 'JSMITH',
      status: 'HOT',
      zoneId: 'MW',
      minValue: { amount: 10000, currency: 'USD' },
      actDays: 3,
      lastOrderDays: 30,
      respLevel: 'A',
    },
    criteria: [
      ['customer.salesperson_id', 'JSMITH'],
      ['customer.zone_id', 'MW'],
      ['customer.sales_status_id', 'HOT'],
      ['customer.potential', '>=10000'],
      ['customer.potential_c', 'USD'],
      ['customer.next_call_date', '<=t3'],
    ],
    unmapped: [['resp_level', 'A']],
    client: 'without history',
  },
];

describe('profileToQuery', () => {
  it.each(cases)('$name', ({ fields, criteria, unmapped = [], client = 'none' }) => {
    const query = profileToQuery(profile(fields), today);

    expect(query.search.criteria.map((c) => [c.column, c.value])).toEqual(criteria);
    expect(query.unmapped.map((u) => [u.field, u.value])).toEqual(unmapped);
    const filterKind = query.needsHistory ? 'with history' : 'without history';

    expect(query.clientFilter === undefined ? 'none' : filterKind).toBe(client);
  });

  it('asks the server for overdue first, then the highest potential', () => {
    expect(profileToQuery(profile({}), today).search.orderBy).toEqual([
      { column: 'customer.next_call_date', direction: 'ASC' },
      { column: 'customer.potential', direction: 'DESC' },
    ]);
  });

  it('keeps prospects that have not shipped for N days or never shipped', () => {
    const filter = profileToQuery(profile({ lastOrderDays: 90 }), today).clientFilter!;

    expect(filter(prospect({ lastShipDate: daysFromToday(-100) }))).toBe(true);
    expect(filter(prospect({ lastShipDate: daysFromToday(-90) }))).toBe(true);
    expect(filter(prospect({ lastShipDate: daysFromToday(-89) }))).toBe(false);
    expect(filter(prospect({ lastShipDate: daysFromToday(-5) }))).toBe(false);
    expect(filter(prospect({}))).toBe(true);
  });

  it('keeps a prospect due for a call or without a recent action of the listed types', () => {
    const query = profileToQuery(profile({ actDays: 14, actType: 'CALL, VM' }), today);
    const filter = query.clientFilter!;
    const later = prospect({ nextCallDate: daysFromToday(30) });

    expect(filter(later, [action('CALL', 3)])).toBe(false);
    expect(filter(later, [action('VM', 14)])).toBe(false);
    expect(filter(later, [action('CALL', 15)])).toBe(true);
    expect(filter(later, [action('TALK', 1)])).toBe(true);
    expect(filter(later, [])).toBe(true);
    expect(filter(later, undefined)).toBe(true);
    expect(filter(prospect({ nextCallDate: daysFromToday(14) }), [action('CALL', 1)])).toBe(true);
    expect(filter(prospect({ nextCallDate: daysFromToday(15) }), [action('CALL', 1)])).toBe(false);
  });

  it('with act days of 0, keeps prospects due today or not called today', () => {
    const filter = profileToQuery(profile({ actDays: 0, actType: 'CALL' }), today).clientFilter!;
    const later = prospect({ nextCallDate: daysFromToday(2) });

    expect(filter(later, [action('CALL', 0)])).toBe(false);
    expect(filter(later, [action('CALL', 1)])).toBe(true);
    expect(filter(prospect({ nextCallDate: daysFromToday(0) }), [action('CALL', 0)])).toBe(true);
  });

  it('with an act type alone, keeps only prospects never called with that type', () => {
    const filter = profileToQuery(profile({ actType: 'MEET' }), today).clientFilter!;

    expect(filter(prospect({}), [action('MEET', 400), action('CALL', 1)])).toBe(false);
    expect(filter(prospect({}), [action('CALL', 1)])).toBe(true);
  });

  it('needs every client rule to pass when several apply', () => {
    const fields = { lastOrderDays: 60, actDays: 7, actType: 'CALL' };
    const filter = profileToQuery(profile(fields), today).clientFilter!;
    const lapsed = prospect({ lastShipDate: daysFromToday(-200) });
    const recent = prospect({ lastShipDate: daysFromToday(-10) });

    expect(filter(lapsed, [])).toBe(true);
    expect(filter(lapsed, [action('CALL', 2)])).toBe(false);
    expect(filter(recent, [])).toBe(false);
  });
});
