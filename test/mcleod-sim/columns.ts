/** The columns the simulator knows per table, with the kind of value each holds. */
export type ColumnKind = 'string' | 'number' | 'date' | 'flag';

export const customerColumns: Record<string, ColumnKind> = {
  id: 'string',
  name: 'string',
  address1: 'string',
  address2: 'string',
  city: 'string',
  state_id: 'string',
  zip_code: 'string',
  main_phone: 'string',
  primary_contact: 'string',
  website_url: 'string',
  salesperson_id: 'string',
  sales_manager_id: 'string',
  operations_user: 'string',
  sales_status_id: 'string',
  prospect_type_id: 'string',
  category: 'string',
  zone_id: 'string',
  is_active: 'flag',
  type_of: 'string',
  potential: 'number',
  potential_c: 'string',
  potential_d: 'date',
  potential_r: 'number',
  potential_n: 'number',
  confidence_level: 'number',
  revenue: 'number',
  monthly_order_goal: 'number',
  last_ship_date: 'date',
  next_call_date: 'date',
  days_between_calls: 'number',
  rec_call_days: 'number',
  next_rec_call: 'date',
  nxt_action_code_id: 'string',
  nxt_action_date: 'date',
  activity_count: 'number',
  business_hours: 'string',
  primary_commodity_id: 'string',
  primary_trailer_type: 'string',
  expected_close: 'date',
  remarks: 'string',
};

export const actionColumns: Record<string, ColumnKind> = {
  id: 'string',
  customer_id: 'string',
  activity_id: 'string',
  action_date: 'date',
  remarks: 'string',
  next_act_id: 'string',
  next_act_date: 'date',
  call_length: 'number',
  status: 'string',
  priority: 'string',
  next_action: 'flag',
  objection_id1: 'string',
  objection_id2: 'string',
  salesperson_id: 'string',
  phone: 'string',
  email: 'string',
  primary_contact: 'string',
  opportunity_id: 'string',
  carrier_id: 'string',
  descr: 'string',
  date_due: 'date',
  start_date: 'date',
};

export const profileColumns: Record<string, ColumnKind> = {
  id: 'string',
  descr: 'string',
  user_id: 'string',
  salesperson_id: 'string',
  sales_manager_id: 'string',
  operations_user: 'string',
  prospect_type_id: 'string',
  status: 'string',
  zone_id: 'string',
  type_of: 'string',
  customer_id: 'string',
  act_type: 'string',
  act_days: 'number',
  last_order_days: 'number',
  min_value: 'number',
  min_value_c: 'string',
  min_value_d: 'date',
  min_value_r: 'number',
  min_value_n: 'number',
  opportunity_id: 'string',
  resp_code: 'string',
  resp_level: 'string',
  high_priority_color: 'string',
  medium_priority_color: 'string',
  low_priority_color: 'string',
  column_to_color: 'string',
};

export const contactColumns: Record<string, ColumnKind> = {
  id: 'string',
  parent_row_id: 'string',
  name: 'string',
  contact_name: 'string',
  title: 'string',
  phone: 'string',
  mobile_phone: 'string',
  email: 'string',
  is_active: 'flag',
  comments: 'string',
};

export const commentColumns: Record<string, ColumnKind> = {
  id: 'string',
  parent_row_id: 'string',
  comment_type_id: 'string',
  comments: 'string',
  entered_date: 'date',
  entered_user_id: 'string',
};

/** `table.column` names of every number column, for deciding how each goes on the wire. */
export function numberColumnKeys(): string[] {
  const tables: [string, Record<string, ColumnKind>][] = [
    ['customer', customerColumns],
    ['prospect_action', actionColumns],
    ['call_list_profile', profileColumns],
  ];

  return tables.flatMap(([table, columns]) =>
    Object.entries(columns).filter(([, kind]) => kind === 'number').map(([c]) => `${table}.${c}`));
}
