/**
 * Reads every page of a prospect search, including from servers that get paging wrong.
 *
 * Pages are asked with recordLength/recordOffset. Two server faults are seen in the field:
 * - recordLength ignored: the first page holds everything. A page longer than asked is taken
 *   whole and ends the walk.
 * - recordOffset ignored: every page is the first. Detected when a full page brings no id not
 *   already seen; the walk then pages by id instead (`customer.id=<lastId`, ordered
 *   `customer.id DESC`). In that case the result is in customer.id descending order, whatever
 *   orderBy asked for, because that is the only order the id cursor can walk.
 * A hard cap on the number of pages guarantees the walk ends even against a server that
 * answers nonsense.
 */
import { log } from '../logging/log';
import { buildSearchQuery } from './search';
import type { ProspectSearch, SearchCriterion } from './types';

const logger = log.scope('mcleod');

export interface PagingOptions {
  /** Rows asked per page (recordLength); default 100. */
  pageSize?: number;
  /** Stop once this many rows are collected. */
  limit?: number;
  /** Safety stop; default 1000 pages. */
  maxPages?: number;
}

/** Fetches one page given the raw query string of `/crm/prospects/search`. */
export type PageFetcher<Row extends { id: string }> = (query: string) => Promise<Row[]>;

const idColumns = new Set(['id', 'customer.id']);

/** Every row of a search, in the server's order, without duplicates. */
export async function collectSearchPages<Row extends { id: string }>(
  search: ProspectSearch,
  fetchPage: PageFetcher<Row>,
  options: PagingOptions = {},
): Promise<Row[]> {
  const pageSize = options.pageSize ?? 100;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const maxPages = options.maxPages ?? 1000;

  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('pageSize must be at least 1.');

  const walk = new Walk<Row>(limit);

  for (let offset = 0; walk.pages < maxPages; offset += pageSize) {
    const query = buildSearchQuery(search, { length: pageSize, offset });
    const rows = await walk.fetch(fetchPage, query);

    if (rows.length > pageSize) {
      logger.warn('search answered more rows than asked: server ignores recordLength', {
        asked: pageSize,
        got: rows.length,
      });
      walk.take(rows);
      break;
    }

    const fresh = walk.take(rows);

    if (walk.full || rows.length < pageSize) break;

    if (fresh === 0 && offset > 0) {
      logger.warn('search repeated a page: server ignores recordOffset, paging by id instead');

      return pageById(search, fetchPage, pageSize, walk, maxPages);
    }
  }

  if (walk.pages >= maxPages) logger.warn('search stopped at the page cap', { maxPages });

  return walk.result();
}

/** Rows collected so far, the ids seen, and the page count. */
class Walk<Row extends { id: string }> {
  pages = 0;
  private rows: Row[] = [];
  private seen = new Set<string>();

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.rows.length >= this.limit;
  }

  get lastId(): string | undefined {
    return this.rows.at(-1)?.id;
  }

  async fetch(fetchPage: PageFetcher<Row>, query: string): Promise<Row[]> {
    this.pages++;

    return fetchPage(query);
  }

  /** Keeps the rows not seen before; answers how many that was. */
  take(rows: Row[]): number {
    let fresh = 0;

    for (const row of rows) {
      if (this.seen.has(row.id)) continue;

      this.seen.add(row.id);
      this.rows.push(row);
      fresh++;
    }

    return fresh;
  }

  /** Starts over, keeping the page count, for a walk in another order. */
  restart(): void {
    this.rows = [];
    this.seen.clear();
  }

  result(): Row[] {
    return Number.isFinite(this.limit) ? this.rows.slice(0, this.limit) : this.rows;
  }
}

async function pageById<Row extends { id: string }>(
  search: ProspectSearch,
  fetchPage: PageFetcher<Row>,
  pageSize: number,
  walk: Walk<Row>,
  maxPages: number,
): Promise<Row[]> {
  if (search.criteria.some((criterion) => idColumns.has(criterion.column.trim()))) {
    // A second customer.id criterion would clash with the search's own; keep what we have.
    logger.warn('cannot page by id: the search already filters on customer.id');

    return walk.result();
  }

  const byId: ProspectSearch = {
    ...search,
    orderBy: [{ column: 'customer.id', direction: 'DESC' }],
  };
  const alreadyById =
    !search.orderBy?.length ||
    (search.orderBy.length === 1 &&
      idColumns.has(search.orderBy[0]!.column.trim()) &&
      search.orderBy[0]!.direction === 'DESC');

  // Rows read in another order are no prefix of the id order: walk again from the top.
  if (!alreadyById) walk.restart();

  let cursor = alreadyById ? walk.lastId : undefined;

  while (walk.pages < maxPages && !walk.full) {
    const criteria: SearchCriterion[] = cursor
      ? [...search.criteria, { column: 'customer.id', value: `<${cursor}` }]
      : search.criteria;
    const rows = await walk.fetch(
      fetchPage,
      buildSearchQuery({ ...byId, criteria }, { length: pageSize, offset: 0 }),
    );
    const fresh = walk.take(rows);

    if (fresh === 0 || rows.length !== pageSize) break;

    cursor = rows.at(-1)!.id;
  }

  return walk.result();
}
