/**
 * Advanced prospect search, as `GET /crm/prospects/search` reads it: column criteria with
 * wildcards, comparison prefixes, comma lists (OR) and date shortcuts; `orderBy`; paging;
 * `changedAfterDate`/`changedAfterType`. The raw query string is parsed here rather than with
 * URLSearchParams so the McLeod rules stay visible: `+` is a space, `%2B` is a plus sign.
 */
import { customerColumns, type ColumnKind } from './columns';
import { chicagoMidnight, parseDateInput, storedDateEpoch } from './dates';
import { SimFailure } from './failure';
import type { CompanyData, StoredRow } from './state';

export interface QueryParam {
  key: string;
  value: string;
}

function decodeQueryPart(part: string): string {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new SimFailure(400, `Malformed query string: ${part}`);
  }
}

/** Splits a raw query string (without `?`) into ordered key/value pairs. */
export function parseRawQuery(raw: string): QueryParam[] {
  return raw.split('&').filter((pair) => pair !== '').map((pair) => {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);

    return { key: decodeQueryPart(key), value: decodeQueryPart(value) };
  });
}

/** Parameters of the search service that are not customer columns. */
export const searchControlParams = new Set([
  'orderby', 'recordlength', 'recordoffset', 'changedafterdate', 'changedaftertype',
  'includecontacts', 'includecomments',
]);

function customerColumn(name: string): { column: string; kind: ColumnKind } {
  const column = name.trim().toLowerCase().replace(/^customer\./, '');
  const kind = customerColumns[column];
  if (!kind) {
    throw new SimFailure(500, 'com.mcleodsoftware.sql.InvalidColumnException: '
      + `Column "${name}" does not exist in table customer`);
  }

  return { column, kind };
}

type Operator = '=' | '<>' | '>' | '>=' | '<' | '<=';

function splitOperator(text: string): { operator: Operator; operand: string } {
  for (const operator of ['>=', '<=', '<>', '>', '<'] as const) {
    if (text.startsWith(operator)) return { operator, operand: text.slice(operator.length) };
  }

  return { operator: '=', operand: text };
}

function compareWith(operator: Operator, order: number): boolean {
  switch (operator) {
    case '=': return order === 0;
    case '<>': return order !== 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
  }
}

function isTrue(value: string): boolean {
  return /^(y|yes|t|true|1|on)$/i.test(value.trim());
}

function wildcardMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

  return new RegExp(`^${escaped.join('.*')}$`, 'i').test(value);
}

interface DateOperand {
  start: number;
  /** Start of the next day for a date without time; equal to start otherwise. */
  end: number;
  dateOnly: boolean;
}

type DateResolver = (operand: string) => DateOperand;

/** Resolves each date operand once per search rather than once per row. */
function dateResolver(nowMs: number): DateResolver {
  const known = new Map<string, DateOperand>();

  return (operand) => {
    const cached = known.get(operand);
    if (cached) return cached;
    const resolved = parseDateInput(operand, nowMs);
    if (!resolved) {
      throw new SimFailure(500, `java.text.ParseException: Unparseable date: "${operand}"`);
    }
    const start = resolved.epochMs;
    const end = resolved.dateOnly ? chicagoMidnight(start, 1) : start;
    const operandDate = { start, end, dateOnly: resolved.dateOnly };
    known.set(operand, operandDate);

    return operandDate;
  };
}

function dateMatches(operator: Operator, operand: DateOperand, stored: number): boolean {
  if (!operand.dateOnly) return compareWith(operator, Math.sign(stored - operand.start));

  // A date without a time names a whole day, as a DATE column would compare.
  const order = stored < operand.start ? -1 : stored >= operand.end ? 1 : 0;

  return compareWith(operator, order);
}

/** One comma-separated alternative of a criterion against one row's value. */
function alternativeMatches(
  kind: ColumnKind, text: string, value: string | number | undefined, resolveDate: DateResolver,
): boolean {
  const { operator, operand } = splitOperator(text.trim());
  // Comparing against a missing value is false, except "is not".
  if (value === undefined) return operator === '<>';
  if (operand.includes('*')) {
    const matches = wildcardMatches(operand, String(value));

    return operator === '<>' ? !matches : matches;
  }

  switch (kind) {
    case 'number': {
      const wanted = Number(operand);
      if (operand.trim() === '' || !Number.isFinite(wanted)) {
        throw new SimFailure(500,
          `java.lang.NumberFormatException: For input string: "${operand}"`);
      }

      return compareWith(operator, Math.sign(Number(value) - wanted));
    }
    case 'date': {
      const stored = storedDateEpoch(value);

      if (stored === undefined) return operator === '<>';

      return dateMatches(operator, resolveDate(operand), stored);
    }
    case 'flag': {
      const same = isTrue(String(value)) === isTrue(operand);

      return operator === '<>' ? !same : operator === '=' ? same : false;
    }
    case 'string': {
      const left = String(value).toUpperCase();
      const right = operand.toUpperCase();

      return compareWith(operator, left < right ? -1 : left > right ? 1 : 0);
    }
  }
}

interface Criterion {
  column: string;
  kind: ColumnKind;
  alternatives: string[];
}

export interface OrderTerm {
  column: string;
  kind: ColumnKind;
  descending: boolean;
}

function parseOrderBy(text: string): OrderTerm[] {
  return text.split(',').filter((term) => term.trim() !== '').map((term) => {
    const [name = '', direction = 'ASC', ...rest] = term.trim().split(/\s+/);
    const { column, kind } = customerColumn(name);
    if (rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      throw new SimFailure(500, `java.lang.IllegalArgumentException: Invalid orderBy "${term}"`);
    }

    return { column, kind, descending: /^desc$/i.test(direction) };
  });
}

function sortValue(kind: ColumnKind, value: string | number | undefined): number | string | null {
  if (value === undefined || value === '') return null;
  if (kind === 'number') return Number(value);
  if (kind === 'date') return storedDateEpoch(value) ?? null;

  return String(value).toUpperCase();
}

/** Sorts rows by the terms; nulls first ascending, as SQL Server does, id as last resort. */
export function sortCustomers(rows: StoredRow[], terms: OrderTerm[]): StoredRow[] {
  const all = [...terms, { column: 'id', kind: 'string' as const, descending: true }];

  return [...rows].sort((a, b) => {
    for (const term of all) {
      const left = sortValue(term.kind, a[term.column]);
      const right = sortValue(term.kind, b[term.column]);
      if (left === right) continue;
      const order = left === null ? -1 : right === null ? 1 : left < right ? -1 : 1;

      return term.descending ? -order : order;
    }

    return 0;
  });
}

export interface SearchRequest {
  params: QueryParam[];
  nowMs: number;
}

function changedAfterFilter(params: QueryParam[], company: CompanyData, nowMs: number) {
  const find = (name: string) => params.find((p) => p.key.toLowerCase() === name)?.value;
  const date = find('changedafterdate');
  const type = find('changedaftertype');
  if (date === undefined && type === undefined) return () => true;
  if (type !== 'Add' && type !== 'Update') {
    throw new SimFailure(400, `Invalid changedAfterType "${type ?? ''}": expected Add or Update`);
  }
  const since = date === undefined ? undefined : parseDateInput(date, nowMs);
  if (!since) throw new SimFailure(400, `Invalid changedAfterDate "${date ?? ''}"`);

  return (row: StoredRow) => {
    const meta = company.customerMeta[String(row.id)];
    if (!meta) return false;

    return (type === 'Add' ? meta.addedAt : meta.changedAt) > since.epochMs;
  };
}

/** Every customer row matching the search, ordered; paging is left to the caller. */
export function searchCustomers(company: CompanyData, request: SearchRequest): StoredRow[] {
  const criteria: Criterion[] = [];
  let order: OrderTerm[] = [{ column: 'id', kind: 'string', descending: true }];
  for (const { key, value } of request.params) {
    const lower = key.toLowerCase();
    if (lower === 'orderby') order = parseOrderBy(value);
    if (searchControlParams.has(lower)) continue;
    const { column, kind } = customerColumn(key);
    criteria.push({ column, kind, alternatives: value.split(',') });
  }
  const changedAfter = changedAfterFilter(request.params, company, request.nowMs);
  const resolveDate = dateResolver(request.nowMs);

  const rows = Object.values(company.customers).filter((row) => changedAfter(row)
    && criteria.every((criterion) => criterion.alternatives.some((alternative) =>
      alternativeMatches(criterion.kind, alternative, row[criterion.column], resolveDate))));

  return sortCustomers(rows, order);
}

/** Quick find: id or name containing the text, case-insensitive; exact id first. */
export function quickFind(company: CompanyData, text: string): StoredRow[] {
  const wanted = text.trim().toUpperCase().replace(/\*/g, '');
  const rows = Object.values(company.customers).filter((row) =>
    String(row.id).toUpperCase().includes(wanted)
    || String(row.name ?? '').toUpperCase().includes(wanted));

  return [...rows].sort((a, b) => {
    const exact = Number(String(b.id).toUpperCase() === wanted)
      - Number(String(a.id).toUpperCase() === wanted);

    return exact !== 0 ? exact : String(a.name ?? '').localeCompare(String(b.name ?? ''));
  });
}
