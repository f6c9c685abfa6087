/**
 * Parsers from McLeod rows (wire form, snake_case) to the domain types in types.ts.
 *
 * Servers differ in small ways: numbers come as strings or JSON numbers, null fields are left
 * out, flags are "Y"/"N". Every value is read leniently (a field that cannot be read becomes
 * undefined) except the row id: a row without one cannot be acted on, so it is a format error.
 */
import { z } from 'zod';
import { parseMcLeodDate } from './dates';
import { McLeodError } from './errors';
import type {
  CallListProfile,
  Contact,
  McLeodRow,
  Money,
  Prospect,
  ProspectAction,
} from './types';

const truthyFlags = new Set(['y', 'yes', 't', 'true', '1', 'on']);
const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** McLeod's boolean: Y/yes/t/true/1/on in any case is true, anything else false. */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;

  if (typeof value === 'number') return value === 1;

  return typeof value === 'string' && truthyFlags.has(value.trim().toLowerCase());
}

/** A number sent as a JSON number or as a string (`"30"`, `"-5.25"`); anything else undefined. */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;

  if (typeof value !== 'string' || !numberPattern.test(value.trim())) return undefined;

  return Number(value.trim());
}

// ---- field readers: each takes whatever the server sent and never throws ------------------

const id = z
  .union([z.string().trim().min(1, 'the row has no id'), z.number()], {
    error: 'the row has no id',
  })
  .transform(String);

const text = z.unknown().transform((value): string | undefined => {
  if (typeof value === 'number') return String(value);

  if (typeof value !== 'string') return undefined;

  // McLeod pads fixed-width columns with spaces; an all-blank value means nothing was typed.
  return value.trim() === '' ? undefined : value.trim();
}).optional();

const number = z.unknown().transform(parseNumber).optional();

// A flag left out (null) does not hide a prospect or contact: absent reads as active.
const flag = z
  .unknown()
  .transform((value) => (value === null ? undefined : parseBoolean(value)))
  .optional();

const date = z.unknown().transform((value): string | undefined => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;

  try {
    return parseMcLeodDate(value);
  } catch {
    // A date the app cannot read is shown as missing rather than losing the whole row.
    return undefined;
  }
}).optional();

function money(row: Record<string, unknown>, column: string): Money | undefined {
  const amount = parseNumber(row[column]);

  if (amount === undefined) return undefined;

  const currency = text.parse(row[`${column}_c`]);
  const homeAmount = parseNumber(row[`${column}_n`]);

  return {
    amount,
    ...(currency !== undefined && { currency }),
    ...(homeAmount !== undefined && { homeAmount }),
  };
}

/** Drops undefined keys so parsed rows compare and serialize cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as T;
}

// ---- rows ---------------------------------------------------------------------------------

const contactRow = z.looseObject({
  id,
  name: text,
  contact_name: text,
  title: text,
  phone: text,
  mobile_phone: text,
  email: text,
  is_active: flag,
});

const commentRow = z.union([
  z.string(),
  z.looseObject({ comments: text, comment: text, text: text, descr: text, remarks: text }),
]);

const prospectRow = z.looseObject({
  id,
  name: text,
  address1: text,
  address2: text,
  city: text,
  state_id: text,
  zip_code: text,
  main_phone: text,
  primary_contact: text,
  website_url: text,
  salesperson_id: text,
  sales_manager_id: text,
  sales_status_id: text,
  __salesStatusDescr: text,
  prospect_type_id: text,
  __prospectTypeDescr: text,
  category: text,
  __categoryDescr: text,
  zone_id: text,
  is_active: flag,
  type_of: text,
  confidence_level: number,
  revenue: number,
  monthly_order_goal: number,
  last_ship_date: date,
  next_call_date: date,
  days_between_calls: number,
  nxt_action_code_id: text,
  nxt_action_date: date,
  activity_count: number,
  business_hours: text,
  primary_commodity_id: text,
  primary_trailer_type: text,
  expected_close: date,
  remarks: text,
  contacts: z.array(contactRow).optional(),
  comments: z.array(commentRow).optional().catch(undefined),
});

const actionRow = z.looseObject({
  id,
  customer_id: text,
  customer: z.looseObject({ id: text }).optional().catch(undefined),
  activity_id: text,
  __activityDescr: text,
  action_date: date,
  remarks: text,
  next_act_id: text,
  __nextActivityDescr: text,
  next_act_date: date,
  call_length: number,
  status: text,
  priority: text,
  objection_id1: text,
  __objection1Descr: text,
  objection_id2: text,
  __objection2Descr: text,
  salesperson_id: text,
  phone: text,
  email: text,
  primary_contact: text,
  descr: text,
});

const profileRow = z.looseObject({
  id,
  descr: text,
  user_id: text,
  salesperson_id: text,
  sales_manager_id: text,
  operations_user: text,
  prospect_type_id: text,
  status: text,
  zone_id: text,
  type_of: text,
  customer_id: text,
  act_type: text,
  act_days: number,
  last_order_days: number,
  opportunity_id: text,
  resp_code: text,
  resp_level: text,
  high_priority_color: text,
  medium_priority_color: text,
  low_priority_color: text,
  column_to_color: text,
});

function read<T extends z.ZodType>(schema: T, row: unknown, what: string): z.output<T> {
  const result = schema.safeParse(row);

  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';

  throw new McLeodError(
    'format',
    `McLeod sent a ${what} this app cannot read: ${issue?.message ?? 'unexpected shape'}${where}.`,
  );
}

/** A contact row (`__type: contact`). */
export function parseContact(row: unknown): Contact {
  const contact = read(contactRow, row, 'contact');

  return defined({
    id: contact.id,
    name: contact.name ?? contact.contact_name ?? '',
    title: contact.title,
    phone: contact.phone,
    mobilePhone: contact.mobile_phone,
    email: contact.email,
    isActive: contact.is_active ?? true,
  });
}

/** A customer row seen as a prospect, with its `contacts` and `comments` children if sent. */
export function parseProspect(row: unknown): Prospect {
  const customer = read(prospectRow, row, 'prospect');

  return defined({
    id: customer.id,
    name: customer.name ?? '',
    address1: customer.address1,
    address2: customer.address2,
    city: customer.city,
    state: customer.state_id,
    zip: customer.zip_code,
    mainPhone: customer.main_phone,
    primaryContact: customer.primary_contact,
    websiteUrl: customer.website_url,
    salespersonId: customer.salesperson_id,
    salesManagerId: customer.sales_manager_id,
    salesStatusId: customer.sales_status_id,
    salesStatusDescr: customer.__salesStatusDescr,
    prospectTypeId: customer.prospect_type_id,
    prospectTypeDescr: customer.__prospectTypeDescr,
    category: customer.category,
    categoryDescr: customer.__categoryDescr,
    zoneId: customer.zone_id,
    isActive: customer.is_active ?? true,
    typeOf: customer.type_of,
    potential: money(customer, 'potential'),
    confidenceLevel: customer.confidence_level,
    revenue: customer.revenue,
    monthlyOrderGoal: customer.monthly_order_goal,
    lastShipDate: customer.last_ship_date,
    nextCallDate: customer.next_call_date,
    daysBetweenCalls: customer.days_between_calls,
    nextActionCodeId: customer.nxt_action_code_id,
    nextActionDate: customer.nxt_action_date,
    activityCount: customer.activity_count,
    businessHours: customer.business_hours,
    primaryCommodityId: customer.primary_commodity_id,
    primaryTrailerType: customer.primary_trailer_type,
    expectedClose: customer.expected_close,
    remarks: customer.remarks,
    contacts: (customer.contacts ?? []).map(parseContact),
    comments: (customer.comments ?? []).flatMap(commentText),
  });
}

function commentText(comment: z.output<typeof commentRow>): string[] {
  const body =
    typeof comment === 'string'
      ? comment.trim()
      : (comment.comments ?? comment.comment ?? comment.text ?? comment.descr ?? comment.remarks);

  return body ? [body] : [];
}

/** A `prospect_action` row. Its customer comes from `customer_id` or the embedded customer. */
export function parseAction(row: unknown): ProspectAction {
  const action = read(actionRow, row, 'prospect action');
  const customerId = action.customer_id ?? action.customer?.id;

  if (customerId === undefined) {
    throw new McLeodError('format', `McLeod sent action ${action.id} without its prospect id.`);
  }

  return defined({
    id: action.id,
    customerId,
    activityId: action.activity_id,
    activityDescr: action.__activityDescr,
    actionDate: action.action_date,
    remarks: action.remarks,
    nextActivityId: action.next_act_id,
    nextActivityDescr: action.__nextActivityDescr,
    nextActionDate: action.next_act_date,
    callLength: action.call_length,
    status: action.status,
    priority: action.priority,
    objectionId1: action.objection_id1,
    objection1Descr: action.__objection1Descr,
    objectionId2: action.objection_id2,
    objection2Descr: action.__objection2Descr,
    salespersonId: action.salesperson_id,
    phone: action.phone,
    email: action.email,
    primaryContact: action.primary_contact,
    descr: action.descr,
  });
}

/** A `call_list_profile` row. */
export function parseProfile(row: unknown): CallListProfile {
  const profile = read(profileRow, row, 'call list profile');

  return defined({
    id: profile.id,
    descr: profile.descr ?? profile.id,
    userId: profile.user_id,
    salespersonId: profile.salesperson_id,
    salesManagerId: profile.sales_manager_id,
    operationsUser: profile.operations_user,
    prospectTypeId: profile.prospect_type_id,
    status: profile.status,
    zoneId: profile.zone_id,
    typeOf: profile.type_of,
    customerId: profile.customer_id,
    actType: profile.act_type,
    actDays: profile.act_days,
    lastOrderDays: profile.last_order_days,
    minValue: money(profile, 'min_value'),
    opportunityId: profile.opportunity_id,
    respCode: profile.resp_code,
    respLevel: profile.resp_level,
    highPriorityColor: profile.high_priority_color,
    mediumPriorityColor: profile.medium_priority_color,
    lowPriorityColor: profile.low_priority_color,
    columnToColor: profile.column_to_color,
  });
}

/** Checks that a reply is a row (a JSON object); fills `__type` if the server left it out. */
export function parseRow(value: unknown, table: string): McLeodRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new McLeodError('format', `McLeod sent something other than a ${table} row.`);
  }

  const row = value as Record<string, unknown>;

  return { ...row, __type: typeof row.__type === 'string' ? row.__type : table };
}
