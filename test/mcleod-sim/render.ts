/**
 * Turns stored rows into what goes on the wire: `__type` first, nulls omitted, number columns
 * as strings or JSON numbers per the seed's `numberStyle`, code descriptions as `__` extras,
 * children embedded. Also renders the same values as XML for clients that forget
 * `Accept: application/json`.
 */
import {
  categories, codeDescr, prospectTypes, salesStatuses, simActivityCodes, simObjectionCodes,
} from './codes';
import type { ColumnKind } from './columns';
import {
  actionColumns, commentColumns, contactColumns, customerColumns, profileColumns,
} from './columns';
import type { CompanyData, SimState, StoredRow } from './state';

export type WireValue = string | number | WireRow | WireRow[];
export type WireRow = { __type: string } & { [key: string]: WireValue };

function wireRow(
  state: SimState, table: string, columns: Record<string, ColumnKind>, row: StoredRow,
): WireRow {
  const wire: WireRow = { __type: table };
  for (const [column, value] of Object.entries(row)) {
    if (!(column in columns)) continue;
    if (typeof value === 'number' && state.numberStyle[`${table}.${column}`] === 'string') {
      wire[column] = String(value);
    } else {
      wire[column] = value;
    }
  }

  return wire;
}

function addExtra(wire: WireRow, key: string, value: string | undefined): void {
  if (value !== undefined) wire[key] = value;
}

export interface CustomerChildren {
  contacts?: boolean;
  comments?: boolean;
}

export function renderCustomer(
  state: SimState, company: CompanyData, row: StoredRow, children: CustomerChildren = {},
): WireRow {
  const wire = wireRow(state, 'customer', customerColumns, row);
  addExtra(wire, '__salesStatusDescr', codeDescr(salesStatuses, row.sales_status_id));
  addExtra(wire, '__prospectTypeDescr', codeDescr(prospectTypes, row.prospect_type_id));
  addExtra(wire, '__categoryDescr', codeDescr(categories, row.category));
  addExtra(wire, '__nxtActionCodeDescr', codeDescr(simActivityCodes, row.nxt_action_code_id));
  const id = String(row.id);
  if (children.contacts) {
    wire.contacts = (company.contacts[id] ?? []).map((contact) =>
      wireRow(state, 'contact', contactColumns, contact));
  }
  if (children.comments) {
    wire.comments = (company.comments[id] ?? []).map((comment) =>
      wireRow(state, 'comments', commentColumns, comment));
  }

  return wire;
}

export function renderAction(
  state: SimState, company: CompanyData, row: StoredRow, withCustomer = false,
): WireRow {
  const wire = wireRow(state, 'prospect_action', actionColumns, row);
  addExtra(wire, '__activityDescr', codeDescr(simActivityCodes, row.activity_id));
  addExtra(wire, '__nextActivityDescr', codeDescr(simActivityCodes, row.next_act_id));
  addExtra(wire, '__objection1Descr', codeDescr(simObjectionCodes, row.objection_id1));
  addExtra(wire, '__objection2Descr', codeDescr(simObjectionCodes, row.objection_id2));
  const customer = company.customers[String(row.customer_id)];
  if (withCustomer && customer) wire.customer = renderCustomer(state, company, customer);

  return wire;
}

export function renderProfile(state: SimState, row: StoredRow): WireRow {
  return wireRow(state, 'call_list_profile', profileColumns, row);
}

const xmlEscapes: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => xmlEscapes[char] ?? char);
}

function rowToXml(row: WireRow, indent: string): string {
  const inner = `${indent}  `;
  const lines = Object.entries(row).filter(([key]) => key !== '__type').map(([key, value]) => {
    if (Array.isArray(value)) {
      const items = value.map((child) => rowToXml(child, `${inner}  `)).join('\n');

      return `${inner}<${key}>\n${items}\n${inner}</${key}>`;
    }
    if (typeof value === 'object') return rowToXml(value, inner);

    return `${inner}<${key}>${escapeXml(String(value))}</${key}>`;
  });

  return `${indent}<${row.__type}>\n${lines.join('\n')}\n${indent}</${row.__type}>`;
}

/** The XML a McLeod server sends when the client did not ask for JSON. */
export function toXml(body: WireRow | WireRow[]): string {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  if (!Array.isArray(body)) return `${head}${rowToXml(body, '')}\n`;

  const rows = body.map((row) => rowToXml(row, '  ')).join('\n');

  return `${head}<list>\n${rows}${rows ? '\n' : ''}</list>\n`;
}
