/**
 * Builds the raw query string of `GET /crm/prospects/search`.
 *
 * It is written by hand rather than with URLSearchParams because McLeod reads a literal `+`
 * in `orderBy` as the space between column and direction, while URLSearchParams would send
 * `%2B` (a plus sign) or `+` for every space in every value alike.
 */
import type { ProspectSearch, SearchOrder } from './types';

export interface SearchPage {
  length: number;
  offset: number;
}

const columnPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** Column names without a table get `customer.`: the search runs on the customer table. */
export function customerColumn(column: string): string {
  const name = column.trim();

  if (!columnPattern.test(name)) {
    throw new Error(`"${column}" is not a McLeod column name.`);
  }

  return name.includes('.') ? name : `customer.${name}`;
}

/**
 * The query string (without `?`) for a prospect search. Values are percent-encoded, so
 * McLeod operator prefixes (`>=5000`, `<>V`, `<=t-30`) and wildcards arrive as given.
 */
export function buildSearchQuery(search: ProspectSearch, page?: SearchPage): string {
  const pairs = search.criteria.map(
    (criterion) => `${customerColumn(criterion.column)}=${encodeURIComponent(criterion.value)}`,
  );

  if (search.orderBy && search.orderBy.length > 0) {
    pairs.push(`orderBy=${search.orderBy.map(orderTerm).join(',')}`);
  }

  if (search.changedAfter) {
    pairs.push(`changedAfterDate=${encodeURIComponent(search.changedAfter.date)}`);
    pairs.push(`changedAfterType=${encodeURIComponent(search.changedAfter.type)}`);
  }

  if (page) {
    pairs.push(`recordLength=${wholeNumber(page.length, 'recordLength')}`);
    pairs.push(`recordOffset=${wholeNumber(page.offset, 'recordOffset')}`);
  }

  return pairs.join('&');
}

function orderTerm(order: SearchOrder): string {
  if (order.direction !== 'ASC' && order.direction !== 'DESC') {
    throw new Error(`Sort direction must be ASC or DESC, not "${String(order.direction)}".`);
  }

  // The literal + is McLeod's space; the column name itself needs no encoding.
  return `${customerColumn(order.column)}+${order.direction}`;
}

function wholeNumber(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number.`);

  return value;
}
