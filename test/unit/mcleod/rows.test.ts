import { describe, expect, it } from 'vitest';
import { McLeodError } from '../../../electron/mcleod/errors';
import {
  parseAction,
  parseBoolean,
  parseContact,
  parseNumber,
  parseProfile,
  parseProspect,
} from '../../../electron/mcleod/rows';

describe('McLeod values', () => {
  it.each([
    ['Y', true], ['y', true], ['yes', true], ['YES', true], ['t', true], ['True', true],
    ['1', true], ['on', true], [' Y ', true], [true, true], [1, true],
    ['N', false], ['no', false], ['0', false], ['', false], ['X', false], [undefined, false],
    [null, false], [0, false], ['yess', false],
  ])('reads the flag %j as %s', (value, flag) => {
    expect(parseBoolean(value)).toBe(flag);
  });

  it.each([
    ['30', 30], [30, 30], ['-5.25', -5.25], [' 12 ', 12], ['.5', 0.5], ['1e3', 1000],
    ['', undefined], ['abc', undefined], ['12abc', undefined], [undefined, undefined],
    [Number.NaN, undefined], [{}, undefined],
  ])('reads the number %j as %s', (value, number) => {
    expect(parseNumber(value)).toBe(number);
  });
});

describe('parseProspect', () => {
  const customer = {
    __type: 'customer',
    id: '3089050',
    name: 'Prairie Steel Coil Co.  ',
    city: 'Peoria',
    state_id: 'IL',
    zip_code: '61602',
    main_phone: '(309) 555-0142',
    is_active: 'Y',
    potential: '125000.50',
    potential_c: 'USD',
    potential_d: '20240101000000-0600',
    potential_r: 1,
    potential_n: 125000.5,
    confidence_level: 40,
    monthly_order_goal: '12',
    days_between_calls: '14',
    last_ship_date: '20240115093000-0600',
    next_call_date: '20240301',
    __salesStatusDescr: 'Warm',
    sales_status_id: 'WARM',
    business_hours: '07:30-16:00',
    some_future_column: 'ignored',
    __someExtra: 1,
    contacts: [
      { __type: 'contact', id: 'C1', name: 'Dana Ruiz', title: 'Traffic Manager',
        phone: '309.555.0143', is_active: 'Y' },
      { __type: 'contact', id: 7, contact_name: 'Lee Park', is_active: 'N' },
    ],
    comments: [{ __type: 'comments', id: 'K1', comments: 'Ships coils weekly to Gary.' }],
  };

  it('reads a customer row with numbers as strings and as JSON numbers', () => {
    const prospect = parseProspect(customer);

    expect(prospect).toEqual({
      id: '3089050',
      name: 'Prairie Steel Coil Co.',
      city: 'Peoria',
      state: 'IL',
      zip: '61602',
      mainPhone: '(309) 555-0142',
      isActive: true,
      potential: { amount: 125000.5, currency: 'USD', homeAmount: 125000.5 },
      confidenceLevel: 40,
      monthlyOrderGoal: 12,
      daysBetweenCalls: 14,
      lastShipDate: '2024-01-15T09:30:00-06:00',
      nextCallDate: '2024-03-01',
      salesStatusId: 'WARM',
      salesStatusDescr: 'Warm',
      businessHours: '07:30-16:00',
      contacts: [
        { id: 'C1', name: 'Dana Ruiz', title: 'Traffic Manager', phone: '309.555.0143',
          isActive: true },
        { id: '7', name: 'Lee Park', isActive: false },
      ],
      comments: ['Ships coils weekly to Gary.'],
    });
  });

  it('leaves omitted (null) fields undefined and lists empty', () => {
    const prospect = parseProspect({ __type: 'customer', id: 'ZZ1', name: 'Bare' });

    expect(prospect).toEqual({ id: 'ZZ1', name: 'Bare', isActive: true, contacts: [],
      comments: [] });
    expect('potential' in prospect).toBe(false);
  });

  it('shows an unreadable date as missing instead of losing the prospect', () => {
    expect(parseProspect({ ...customer, last_ship_date: 'soon' }).lastShipDate).toBeUndefined();
  });

  it('refuses a prospect without an id as a format error', () => {
    const { id: _id, ...withoutId } = customer;

    expect(() => parseProspect(withoutId)).toThrow(McLeodError);
    expect(() => parseProspect(withoutId)).toThrow(/no id/);
    expect(() => parseProspect({ ...customer, id: '  ' })).toThrow(/no id/);
    expect(() => parseProspect('not a row')).toThrow(McLeodError);
  });
});

describe('parseAction, parseProfile, parseContact', () => {
  it('reads an action with its extras and a call length sent as a string', () => {
    const action = parseAction({
      __type: 'prospect_action',
      id: 'A1',
      customer_id: '3089050',
      activity_id: 'VM',
      __activityDescr: 'Left voicemail',
      action_date: '20240301101500-0600',
      next_act_id: 'FOLLOW',
      next_act_date: '20240304090000-0600',
      call_length: '3',
      priority: 'M',
      objection_id1: 'PRICE',
      __objection1Descr: 'Price',
      remarks: 'Asked for Dana.',
    });

    expect(action).toEqual({
      id: 'A1',
      customerId: '3089050',
      activityId: 'VM',
      activityDescr: 'Left voicemail',
      actionDate: '2024-03-01T10:15:00-06:00',
      nextActivityId: 'FOLLOW',
      nextActionDate: '2024-03-04T09:00:00-06:00',
      callLength: 3,
      priority: 'M',
      objectionId1: 'PRICE',
      objection1Descr: 'Price',
      remarks: 'Asked for Dana.',
    });
  });

  it('takes the prospect of an action from the embedded customer without customer_id', () => {
    const action = parseAction({ __type: 'prospect_action', id: 9, customer: { id: 'P7' } });

    expect(action).toEqual({ id: '9', customerId: 'P7' });
  });

  it('refuses an action that names no prospect', () => {
    expect(() => parseAction({ __type: 'prospect_action', id: 'A2' })).toThrow(/prospect id/);
  });

  it('reads a call list profile with its minimum value as money', () => {
    expect(
      parseProfile({
        __type: 'call_list_profile',
        id: 'P1',
        descr: 'High potential reefer',
        min_value: '5000',
        min_value_c: 'USD',
        act_days: 7,
        last_order_days: '90',
        salesperson_id: 'JSMITH',
      }),
    ).toEqual({
      id: 'P1',
      descr: 'High potential reefer',
      minValue: { amount: 5000, currency: 'USD' },
      actDays: 7,
      lastOrderDays: 90,
      salespersonId: 'JSMITH',
    });
  });

  it('reads a contact whose name is in contact_name and whose flag is absent', () => {
    expect(parseContact({ __type: 'contact', id: 'C9', contact_name: 'Ann Cho' })).toEqual({
      id: 'C9',
      name: 'Ann Cho',
      isActive: true,
    });
  });
});
