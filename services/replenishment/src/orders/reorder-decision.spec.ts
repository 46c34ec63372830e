import fc from 'fast-check';
import { decideReplenishment } from './reorder-decision';

const terms = { minimum: 40, maximum: 120, packMultiple: 10 };

describe('replenishment decision', () => {
  it('orders up to the maximum in whole packs when on-hand falls below the minimum (35 -> 90)', () => {
    expect(decideReplenishment({ onHand: 35, onOrder: 0 }, terms)).toEqual({ kind: 'order', inventoryPosition: 35, quantity: 90 });
  });

  it('orders nothing while an open order already covers the need (35 on hand + 90 on order)', () => {
    expect(decideReplenishment({ onHand: 35, onOrder: 90 }, terms)).toEqual({ kind: 'none', inventoryPosition: 125 });
  });

  it('rounds a fractional shortfall up to the next pack (37.5 -> 82.5 -> 90)', () => {
    expect(decideReplenishment({ onHand: 37.5, onOrder: 0 }, terms)).toEqual({ kind: 'order', inventoryPosition: 37.5, quantity: 90 });
  });

  it('orders at exactly the minimum, not just below it', () => {
    expect(decideReplenishment({ onHand: 40, onOrder: 0 }, terms)).toEqual({ kind: 'order', inventoryPosition: 40, quantity: 80 });
    expect(decideReplenishment({ onHand: 40.5, onOrder: 0 }, terms)).toEqual({ kind: 'none', inventoryPosition: 40.5 });
  });

  it('orders again when the position with open orders is still at or below the minimum', () => {
    // 5 on hand + 30 on order = 35 -> 85 short -> 9 packs of 10
    expect(decideReplenishment({ onHand: 5, onOrder: 30 }, terms)).toEqual({ kind: 'order', inventoryPosition: 35, quantity: 90 });
  });

  it('makes up for a negative on-hand (consumption reported beyond the known stock)', () => {
    expect(decideReplenishment({ onHand: -12, onOrder: 0 }, terms)).toEqual({ kind: 'order', inventoryPosition: -12, quantity: 140 });
  });

  it('orders one pack when the minimum equals the maximum and the position sits on it', () => {
    expect(decideReplenishment({ onHand: 50, onOrder: 0 }, { minimum: 50, maximum: 50, packMultiple: 12 })).toEqual({
      kind: 'order',
      inventoryPosition: 50,
      quantity: 12,
    });
  });

  it('rounds decimal packs without binary drift (0.1 + 0.2 is 0.3 here)', () => {
    expect(decideReplenishment({ onHand: 0.1, onOrder: 0.2 }, { minimum: 0.5, maximum: 1, packMultiple: 0.1 })).toEqual({
      kind: 'order',
      inventoryPosition: 0.3,
      quantity: 0.7,
    });
  });

  describe('over many random situations', () => {
    // Quantities with up to three decimals, as sites report them; checks in millionths are exact.
    const quantity = (min: number, max: number) => fc.integer({ min: min * 1000, max: max * 1000 }).map((q) => q / 1000);
    const millionths = (q: number) => Math.round(q * 1e6);
    const situation = fc
      .record({
        onHand: quantity(-1000, 100_000),
        onOrder: quantity(0, 100_000),
        minimum: quantity(0, 100_000),
        aboveMinimum: quantity(0, 100_000).filter((q) => q > 0),
        packMultiple: quantity(0, 5_000).filter((q) => q > 0),
      })
      .map(({ aboveMinimum, ...s }) => ({ ...s, maximum: s.minimum + aboveMinimum }));

    it('orders exactly when the position is at or below the minimum', () => {
      fc.assert(
        fc.property(situation, (s) => {
          const decision = decideReplenishment(s, s);
          const position = millionths(s.onHand) + millionths(s.onOrder);
          expect(millionths(decision.inventoryPosition)).toBe(position);
          expect(decision.kind).toBe(position <= millionths(s.minimum) ? 'order' : 'none');
        }),
        { numRuns: 2000 },
      );
    });

    it('orders a positive whole number of packs that brings the position to the maximum but not a full pack beyond', () => {
      const short = situation.map((s) => ({ ...s, onHand: s.minimum - s.onOrder - Math.abs(s.onHand) }));
      fc.assert(
        fc.property(short, (s) => {
          const decision = decideReplenishment(s, s);
          if (decision.kind !== 'order') throw new Error(`expected an order for ${JSON.stringify(s)}`);
          const [quantity, pack, position, maximum] = [decision.quantity, s.packMultiple, decision.inventoryPosition, s.maximum].map(millionths);
          expect(quantity).toBeGreaterThan(0);
          expect(quantity % pack).toBe(0);
          expect(position + quantity).toBeGreaterThanOrEqual(maximum);
          expect(position + quantity).toBeLessThan(maximum + pack);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
