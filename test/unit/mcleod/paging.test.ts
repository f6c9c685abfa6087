import { describe, expect, it } from 'vitest';
import { collectSearchPages } from '../../../electron/mcleod/paging';
import type { ProspectSearch } from '../../../electron/mcleod/types';

/**
 * A table of prospects answering raw search query strings the way a server would, with the
 * two paging faults seen in the field. The client-against-simulator tests cover the same over
 * HTTP; this one also counts pages and plays servers too broken for the simulator.
 */
function pagedTable(
  count: number,
  faults: { ignoreOffset?: boolean; ignoreLength?: boolean; ignoreIdFilter?: boolean } = {},
) {
  const ids = Array.from({ length: count }, (_, i) => String(1000 + i));
  const queries: string[] = [];

  const fetchPage = async (query: string) => {
    queries.push(query);
    const params = new Map(query.split('&').map((pair) => pair.split('=') as [string, string]));
    const byName = (params.get('orderBy') ?? '').startsWith('customer.name');
    const below = params.get('customer.id');
    let rows = [...ids].sort((a, b) => (byName ? a.localeCompare(b) : b.localeCompare(a)));

    if (below && !faults.ignoreIdFilter) {
      const bound = decodeURIComponent(below).slice(1);
      rows = rows.filter((id) => id < bound);
    }

    const length = Number(params.get('recordLength'));
    const offset = faults.ignoreOffset ? 0 : Number(params.get('recordOffset'));

    if (!faults.ignoreLength) rows = rows.slice(offset, offset + length);

    return rows.map((id) => ({ id }));
  };

  return { ids, queries, fetchPage };
}

const everyone: ProspectSearch = { criteria: [{ column: 'zone_id', value: 'MW' }] };
const descending = (ids: string[]) => [...ids].sort((a, b) => b.localeCompare(a));

describe('collectSearchPages', () => {
  it('reads every page of a well-behaved server and stops on the short page', async () => {
    const server = pagedTable(250);
    const rows = await collectSearchPages(everyone, server.fetchPage, { pageSize: 100 });

    expect(rows.map((row) => row.id)).toEqual(descending(server.ids));
    expect(server.queries).toHaveLength(3);
    expect(server.queries[2]).toContain('recordLength=100&recordOffset=200');
  });

  it('asks one more page when the last page happens to be full, and stops on the empty one',
    async () => {
      const server = pagedTable(200);
      const rows = await collectSearchPages(everyone, server.fetchPage, { pageSize: 100 });

      expect(rows).toHaveLength(200);
      expect(server.queries).toHaveLength(3);
    });

  it('takes everything at once from a server that ignores recordLength', async () => {
    const server = pagedTable(250, { ignoreLength: true });
    const rows = await collectSearchPages(everyone, server.fetchPage, { pageSize: 100 });

    expect(rows).toHaveLength(250);
    expect(server.queries).toHaveLength(1);
  });

  it('pages by id when the server ignores recordOffset, and finds every prospect once',
    async () => {
      const server = pagedTable(250, { ignoreOffset: true });
      const rows = await collectSearchPages(everyone, server.fetchPage, { pageSize: 100 });

      expect(rows.map((row) => row.id)).toEqual(descending(server.ids));
      expect(server.queries.at(-1)).toContain('customer.id=%3C1050');
    });

  it('walks again from the top in id order when the search was sorted another way',
    async () => {
      const server = pagedTable(250, { ignoreOffset: true });
      const search = { ...everyone, orderBy: [{ column: 'name', direction: 'ASC' as const }] };
      const rows = await collectSearchPages(search, server.fetchPage, { pageSize: 100 });

      expect(rows.map((row) => row.id)).toEqual(descending(server.ids));
      expect(server.queries.slice(2).every((q) => q.includes('orderBy=customer.id+DESC'))).toBe(
        true,
      );
    });

  it('honors the limit and stops asking once it is reached', async () => {
    const server = pagedTable(1000);
    const paging = { pageSize: 100, limit: 150 };
    const rows = await collectSearchPages(everyone, server.fetchPage, paging);

    expect(rows).toHaveLength(150);
    expect(server.queries).toHaveLength(2);
  });

  it('ends against a server that ignores offset and the id filter alike', async () => {
    const server = pagedTable(500, { ignoreOffset: true, ignoreIdFilter: true });
    const rows = await collectSearchPages(everyone, server.fetchPage, { pageSize: 100 });

    expect(rows).toHaveLength(100);
    expect(server.queries.length).toBeLessThanOrEqual(3);
  });

  it('never asks more pages than the cap', async () => {
    let pages = 0;
    // Every page is full and new: a server that never ends.
    const endless = async () => {
      pages++;
      return Array.from({ length: 10 }, (_, i) => ({ id: `${pages}-${i}` }));
    };
    const rows = await collectSearchPages(everyone, endless, { pageSize: 10, maxPages: 25 });

    expect(pages).toBe(25);
    expect(rows).toHaveLength(250);
  });
});
