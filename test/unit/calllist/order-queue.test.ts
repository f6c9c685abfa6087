import { describe, expect, it } from 'vitest';
import { orderQueue } from '../../../electron/calllist/queue';
import type { Prospect } from '../../../electron/mcleod/types';

const now = new Date(2026, 2, 10, 14, 30);

function prospect(
  id: string,
  name: string,
  days: number | undefined,
  potential?: number,
): Prospect {
  return {
    id,
    name,
    isActive: true,
    contacts: [],
    comments: [],
    ...(days === undefined ? {} : { nextCallDate: new Date(2026, 2, 10 + days, 9).toISOString() }),
    ...(potential === undefined ? {} : { potential: { amount: potential, currency: 'USD' } }),
  };
}

describe('orderQueue', () => {
  it('puts the most overdue first, then by due date, undated last', () => {
    const ordered = orderQueue(
      [
        prospect('1', 'Undated Steel', undefined, 90_000),
        prospect('2', 'Next Week Paper', 7, 1_000),
        prospect('3', 'Overdue Produce', -20, 10),
        prospect('4', 'Due Today Beverages', 0, 5),
        prospect('5', 'Yesterday Lumber', -1, 50_000),
      ],
      now,
    );

    expect(ordered.map((p) => p.id)).toEqual(['3', '5', '4', '2', '1']);
  });

  it('breaks ties on the same day by potential, highest first, then by name', () => {
    const ordered = orderQueue(
      [
        prospect('a', 'Zeta Foods', -2, 5_000),
        prospect('b', 'Alpha Foods', -2, 5_000),
        prospect('c', 'Mid Foods', -2, 25_000),
        prospect('d', 'No Potential Foods', -2),
        prospect('e', 'Undated Big', undefined, 80_000),
        prospect('f', 'Undated Small', undefined, 100),
      ],
      now,
    );

    expect(ordered.map((p) => p.id)).toEqual(['c', 'b', 'a', 'd', 'e', 'f']);
  });

  it('treats different hours of the same day as a tie', () => {
    const at = (hour: number) => new Date(2026, 2, 10, hour).toISOString();
    const early = { ...prospect('early', 'Early Co', 0, 10), nextCallDate: at(7) };
    const late = { ...prospect('late', 'Late Co', 0, 900), nextCallDate: at(16) };

    expect(orderQueue([early, late], now).map((p) => p.id)).toEqual(['late', 'early']);
  });

  it('compares potentials in the home currency when McLeod gives it', () => {
    const cad = {
      ...prospect('cad', 'Maple Freight', 1),
      potential: { amount: 10_000, currency: 'CAD', homeAmount: 7_300 },
    };
    const usd = prospect('usd', 'Buckeye Freight', 1, 8_000);

    expect(orderQueue([cad, usd], now).map((p) => p.id)).toEqual(['usd', 'cad']);
  });

  it('does not change the list it was given', () => {
    const input = [prospect('1', 'B', 3), prospect('2', 'A', 1)];

    orderQueue(input, now);
    expect(input.map((p) => p.id)).toEqual(['1', '2']);
  });
});
