/**
 * What the CRMService does with request bodies: shortcuts resolved, `"NULL"` clears a column,
 * omitted columns stay as they are, unknown fields are ignored, codes are validated, and a new
 * action updates its prospect's next call the way McLeod's own screens do [guess].
 */
import { codeDescr, simActivityCodes, simObjectionCodes } from './codes';
import { actionColumns, customerColumns, type ColumnKind } from './columns';
import { formatMcLeodDate, parseDateInput } from './dates';
import { validationFailure } from './failure';
import { customerCode } from './seed';
import type { CompanyData, SimState, StoredRow } from './state';

export type RequestBody = Record<string, unknown>;

const clear = Symbol('clear');

function normalize(
  kind: ColumnKind, column: string, value: unknown, nowMs: number,
): string | number | typeof clear | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === 'NULL') return clear;

  switch (kind) {
    case 'date': {
      const resolved = typeof value === 'string' ? parseDateInput(value, nowMs) : undefined;
      if (!resolved) throw validationFailure(`Invalid date "${String(value)}" for ${column}`);

      return formatMcLeodDate(resolved.epochMs);
    }
    case 'number': {
      if (typeof value === 'string' && value.trim() === '') return clear;
      const number = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'object' || !Number.isFinite(number)) {
        throw validationFailure(`Invalid number "${String(value)}" for ${column}`);
      }

      return number;
    }
    case 'flag':
      return /^(y|yes|t|true|1|on)$/i.test(String(value).trim()) ? 'Y' : 'N';
    case 'string':
      if (typeof value === 'object') return undefined;

      return typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value);
  }
}

/** Copies the known columns of `body` onto `row`; `"NULL"`/null removes the column. */
function applyColumns(
  row: StoredRow, body: RequestBody, columns: Record<string, ColumnKind>, nowMs: number,
): void {
  for (const [column, kind] of Object.entries(columns)) {
    if (column === 'id') continue;
    const value = normalize(kind, column, body[column], nowMs);
    if (value === clear) delete row[column];
    else if (value !== undefined) row[column] = value;
  }
}

function requireObject(body: unknown): RequestBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationFailure('Request body must be one row as a JSON object');
  }

  return body as RequestBody;
}

function checkCode(codes: typeof simActivityCodes, what: string, value: unknown): void {
  if (value === undefined) return;
  if (codeDescr(codes, value) === undefined) {
    throw validationFailure(`${what} "${String(value)}" does not exist`);
  }
}

function validateAction(company: CompanyData, action: StoredRow): void {
  const customerId = action.customer_id;
  if (customerId === undefined) throw validationFailure('Customer ID is required');
  if (!company.customers[String(customerId)]) {
    throw validationFailure(`Customer "${String(customerId)}" does not exist`);
  }
  if (action.activity_id === undefined) throw validationFailure('Activity code is required');
  checkCode(simActivityCodes, 'Activity code', action.activity_id);
  checkCode(simActivityCodes, 'Activity code', action.next_act_id);
  checkCode(simObjectionCodes, 'Objection code', action.objection_id1);
  checkCode(simObjectionCodes, 'Objection code', action.objection_id2);
}

function upperCodes(action: StoredRow): void {
  for (const column of ['activity_id', 'next_act_id', 'objection_id1', 'objection_id2']) {
    const value = action[column];
    if (typeof value === 'string') action[column] = value.toUpperCase();
  }
}

/** Keeps the prospect's counters and next call in step with a newly stored action. */
function touchProspect(company: CompanyData, action: StoredRow, isNew: boolean, nowMs: number) {
  const customerId = String(action.customer_id);
  const customer = company.customers[customerId];
  if (!customer) return;

  if (isNew) customer.activity_count = Number(customer.activity_count ?? 0) + 1;
  if (typeof action.next_act_date === 'string') {
    customer.next_call_date = action.next_act_date;
    customer.nxt_action_date = action.next_act_date;
    if (action.next_act_id !== undefined) customer.nxt_action_code_id = action.next_act_id;
  }
  const meta = company.customerMeta[customerId];
  if (meta) meta.changedAt = nowMs;
}

function indexAction(company: CompanyData, action: StoredRow, previousCustomer?: string) {
  const id = String(action.id);
  const customerId = String(action.customer_id);
  if (previousCustomer !== undefined && previousCustomer !== customerId) {
    const old = company.actionsByCustomer[previousCustomer] ?? [];
    company.actionsByCustomer[previousCustomer] = old.filter((other) => other !== id);
  }
  const ids = company.actionsByCustomer[customerId] ?? [];
  if (!ids.includes(id)) ids.push(id);
  company.actionsByCustomer[customerId] = ids;
  company.actions[id] = action;
}

function storeNewAction(
  state: SimState, company: CompanyData, body: RequestBody, id: string, nowMs: number,
): StoredRow {
  const action: StoredRow = { id };
  applyColumns(action, body, actionColumns, nowMs);
  upperCodes(action);
  if (action.action_date === undefined) action.action_date = formatMcLeodDate(nowMs);
  validateAction(company, action);
  indexAction(company, action);
  touchProspect(company, action, true, nowMs);

  return action;
}

/** `PUT /crm/prospectActions/create`: a new id every time; the body's `id` is ignored. */
export function createAction(
  state: SimState, company: CompanyData, input: unknown, nowMs: number,
): StoredRow {
  const body = requireObject(input);
  const id = String(state.nextActionId);
  const action = storeNewAction(state, company, body, id, nowMs);
  state.nextActionId += 1;

  return action;
}

/** `PUT /crm/prospectActions/update`: merges into the action, or creates it under that id. */
export function updateAction(
  state: SimState, company: CompanyData, input: unknown, nowMs: number,
): StoredRow {
  const body = requireObject(input);
  if (body.id === undefined || body.id === null || String(body.id).trim() === '') {
    throw validationFailure('Action ID is required for an update');
  }
  const id = String(body.id);
  const existing = company.actions[id];
  if (!existing) {
    const created = storeNewAction(state, company, body, id, nowMs);
    if (/^\d+$/.test(id)) state.nextActionId = Math.max(state.nextActionId, Number(id) + 1);

    return created;
  }

  const updated: StoredRow = { ...existing };
  applyColumns(updated, body, actionColumns, nowMs);
  upperCodes(updated);
  validateAction(company, updated);
  indexAction(company, updated, String(existing.customer_id));
  touchProspect(company, updated, false, nowMs);

  return updated;
}

/** `GET /crm/prospectActions/new`: the defaults McLeod fills in, not saved. */
export function newAction(company: CompanyData, prospectId: string, nowMs: number): StoredRow {
  const customer = company.customers[prospectId];
  if (!customer) throw validationFailure(`Customer "${prospectId}" does not exist`);

  const action: StoredRow = {
    customer_id: prospectId,
    activity_id: 'CALL',
    action_date: formatMcLeodDate(nowMs),
    status: 'C',
    priority: 'M',
    next_action: 'N',
    call_length: 0,
  };
  for (const column of ['salesperson_id', 'primary_contact']) {
    const value = customer[column];
    if (value !== undefined) action[column] = value;
  }
  if (customer.main_phone) action.phone = customer.main_phone;

  return action;
}

/** `GET /crm/prospects/new`: an unsaved prospect with the server's defaults. */
export function newProspect(salespersonId: string | undefined, nowMs: number): StoredRow {
  const prospect: StoredRow = {
    is_active: 'Y',
    type_of: 'P',
    sales_status_id: 'PROS',
    potential: 0,
    potential_c: 'USD',
    potential_d: formatMcLeodDate(nowMs),
    potential_r: 1,
    potential_n: 0,
    activity_count: 0,
  };
  if (salespersonId) prospect.salesperson_id = salespersonId;

  return prospect;
}

/** `PUT /crm/prospects/create`: stores a new prospect, choosing an id when none is sent. */
export function createProspect(company: CompanyData, input: unknown, nowMs: number): StoredRow {
  const body = requireObject(input);
  const prospect: StoredRow = { is_active: 'Y', type_of: 'P', sales_status_id: 'PROS' };
  applyColumns(prospect, body, customerColumns, nowMs);
  if (typeof prospect.name !== 'string' || prospect.name.trim() === '') {
    throw validationFailure('Name is required');
  }

  let id = typeof body.id === 'string' ? body.id.trim().toUpperCase() : '';
  if (id !== '' && company.customers[id]) {
    throw validationFailure(`Customer ID "${id}" already exists`);
  }
  if (id === '') {
    id = customerCode(prospect.name, String(prospect.city ?? ''),
      new Set(Object.keys(company.customers)));
  }
  prospect.id = id;
  company.customers[id] = { id, ...prospect };
  company.customerMeta[id] = { addedAt: nowMs, changedAt: nowMs };
  company.contacts[id] = [];
  company.actionsByCustomer[id] = [];

  return company.customers[id]!;
}

/** `PUT /crm/prospects/update`: changes the columns sent, leaves the others. */
export function updateProspect(company: CompanyData, input: unknown, nowMs: number): StoredRow {
  const body = requireObject(input);
  const id = body.id === undefined || body.id === null ? '' : String(body.id);
  const existing = company.customers[id];
  if (!existing) throw validationFailure(`Customer "${id}" does not exist`);

  const updated: StoredRow = { ...existing };
  applyColumns(updated, body, customerColumns, nowMs);
  company.customers[id] = updated;
  const meta = company.customerMeta[id];
  if (meta) meta.changedAt = nowMs;

  return updated;
}
