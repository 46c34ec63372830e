import { consumptionDays } from './stock-days';

describe('consumption days with the days out of stock', () => {
  it('lists every day from the first consumption, a day without consumption at 0', () => {
    expect(
      consumptionDays(
        [
          { day: 10, quantity: 4 },
          { day: 12, quantity: 1 },
          { day: 12, quantity: 2 },
        ],
        [],
        13,
      ),
    ).toEqual([
      { day: 10, quantity: 4, stockedOut: false },
      { day: 11, quantity: 0, stockedOut: false },
      { day: 12, quantity: 3, stockedOut: false },
      { day: 13, quantity: 0, stockedOut: false },
    ]);
  });

  it('marks the day on-hand fell to 0, and the days after until a level brings stock back', () => {
    const stock = [
      { day: 10, lowestOnHand: 5, closingOnHand: 5 },
      { day: 11, lowestOnHand: 0, closingOnHand: 0 },
      // nothing on day 12: still out
      { day: 13, lowestOnHand: 0, closingOnHand: 40 }, // began out, then a receipt
      { day: 14, lowestOnHand: 38, closingOnHand: 38 },
    ];
    const out = consumptionDays(
      [
        { day: 10, quantity: 2 },
        { day: 11, quantity: 5 },
        { day: 14, quantity: 2 },
      ],
      stock,
      15,
    ).map((d) => [d.day, d.stockedOut]);
    expect(out).toEqual([
      [10, false],
      [11, true],
      [12, true],
      [13, true],
      [14, false],
      [15, false],
    ]);
  });

  it('starts from the stock state before the first consumption', () => {
    const out = consumptionDays([{ day: 20, quantity: 1 }], [{ day: 18, lowestOnHand: 0, closingOnHand: 0 }], 20);
    expect(out).toEqual([{ day: 20, quantity: 1, stockedOut: true }]);
  });

  it('marks a backfilled day the buyer flagged out of stock, as a live stock-out is marked', () => {
    const out = consumptionDays(
      [
        { day: 10, quantity: 3, backfilled: true, stockedOut: false },
        { day: 11, quantity: 1, backfilled: true, stockedOut: true },
        { day: 12, quantity: 4 },
      ],
      [],
      12,
    );
    expect(out).toEqual([
      { day: 10, quantity: 3, stockedOut: false },
      { day: 11, quantity: 1, stockedOut: true },
      { day: 12, quantity: 4, stockedOut: false },
    ]);
  });

  it('has no days before any consumption', () => {
    expect(consumptionDays([], [{ day: 1, lowestOnHand: 0, closingOnHand: 0 }], 5)).toEqual([]);
  });
});
