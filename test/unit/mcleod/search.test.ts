import { describe, expect, it } from 'vitest';
import { buildSearchQuery } from '../../../electron/mcleod/search';
import type { ProspectSearch } from '../../../electron/mcleod/types';

describe('buildSearchQuery', () => {
  it.each<[string, ProspectSearch, string]>([
    [
      'adds the customer. prefix to a bare column',
      { criteria: [{ column: 'salesperson_id', value: 'JSMITH' }] },
      'customer.salesperson_id=JSMITH',
    ],
    [
      'keeps a column that already names its table',
      { criteria: [{ column: 'customer.zone_id', value: 'MW' }] },
      'customer.zone_id=MW',
    ],
    [
      'keeps the >= operator, encoded',
      { criteria: [{ column: 'potential', value: '>=5000' }] },
      'customer.potential=%3E%3D5000',
    ],
    [
      'keeps <> and a date shortcut inside a comparison',
      {
        criteria: [
          { column: 'status', value: '<>V' },
          { column: 'last_ship_date', value: '<=t-30' },
        ],
      },
      'customer.status=%3C%3EV&customer.last_ship_date=%3C%3Dt-30',
    ],
    [
      'leaves the * wildcard readable',
      { criteria: [{ column: 'name', value: 'mc*' }] },
      'customer.name=mc*',
    ],
    [
      'encodes a comma list (OR) as one value',
      { criteria: [{ column: 'salesperson_id', value: 'JSMITH,ADOE' }] },
      'customer.salesperson_id=JSMITH%2CADOE',
    ],
    [
      'encodes a plus sign in a value as %2B and a space as %20',
      { criteria: [{ column: 'name', value: 'A+B Foods' }] },
      'customer.name=A%2BB%20Foods',
    ],
    [
      'writes orderBy with a literal + between column and direction',
      {
        criteria: [],
        orderBy: [
          { column: 'name', direction: 'DESC' },
          { column: 'customer.id', direction: 'ASC' },
        ],
      },
      'orderBy=customer.name+DESC,customer.id+ASC',
    ],
    [
      'adds the incremental-refresh pair',
      { criteria: [], changedAfter: { date: 't-1', type: 'Update' } },
      'changedAfterDate=t-1&changedAfterType=Update',
    ],
  ])('%s', (_name, search, query) => {
    expect(buildSearchQuery(search)).toBe(query);
  });

  it('never writes %2B in orderBy, where it would be a plus sign to McLeod', () => {
    const query = buildSearchQuery({
      criteria: [{ column: 'city', value: 'Chicago' }],
      orderBy: [{ column: 'next_call_date', direction: 'ASC' }],
    });

    expect(query).toContain('orderBy=customer.next_call_date+ASC');
    expect(query).not.toContain('%2B');
  });

  it('appends the page after the search, in McLeod parameter names', () => {
    const query = buildSearchQuery(
      {
        criteria: [{ column: 'zone_id', value: 'MW' }],
        orderBy: [{ column: 'id', direction: 'DESC' }],
      },
      { length: 100, offset: 200 },
    );

    expect(query).toBe(
      'customer.zone_id=MW&orderBy=customer.id+DESC&recordLength=100&recordOffset=200',
    );
  });

  it('refuses a column name that could smuggle another parameter', () => {
    expect(() =>
      buildSearchQuery({ criteria: [{ column: 'name&recordLength=1', value: 'x' }] }),
    ).toThrow(/not a McLeod column/);
    expect(() =>
      buildSearchQuery({ criteria: [], orderBy: [{ column: 'name DESC', direction: 'ASC' }] }),
    ).toThrow(/not a McLeod column/);
  });

  it('refuses a page that is not made of whole numbers', () => {
    expect(() => buildSearchQuery({ criteria: [] }, { length: 10.5, offset: 0 })).toThrow();
    expect(() => buildSearchQuery({ criteria: [] }, { length: 10, offset: -1 })).toThrow();
  });
});
