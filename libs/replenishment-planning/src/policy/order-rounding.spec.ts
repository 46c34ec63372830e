import fc from 'fast-check';
import { roundOrderQuantity } from './order-rounding';

describe('order rounding', () => {
  it('raises to the minimum order quantity, then rounds up to whole packs (17 -> MOQ 50 -> 5 packs of 12 = 60)', () => {
    expect(roundOrderQuantity(17, { minimumOrderQuantity: 50, packMultiple: 12 })).toEqual({
      quantity: 60,
      steps: [
        { rule: 'minimum-order-quantity', before: 17, after: 50, note: 'raised to the minimum order quantity 50' },
        { rule: 'pack-multiple', before: 50, after: 60, note: 'rounded up to 5 whole packs of 12' },
      ],
    });
  });

  it('records a check that changed nothing, so the buyer sees every rule was applied', () => {
    expect(roundOrderQuantity(72, { minimumOrderQuantity: 50, packMultiple: 12, maximumLot: 100 }).steps.map((s) => s.note)).toEqual([
      'meets the minimum order quantity 50',
      'already 6 whole packs of 12',
      'within the maximum lot 100',
    ]);
  });

  it('caps at the maximum lot rounded DOWN to whole packs (130 -> 132 -> lot 100 -> 96)', () => {
    const rounded = roundOrderQuantity(130, { packMultiple: 12, maximumLot: 100 });
    expect(rounded.quantity).toBe(96);
    expect(rounded.steps[1]).toEqual({
      rule: 'maximum-lot',
      before: 132,
      after: 96,
      note: 'capped at the maximum lot 100, as 8 whole packs of 12',
    });
  });

  it('never caps below the minimum order quantity, and says the lot cannot be met (MOQ 50, lot 40, packs of 12 -> 60)', () => {
    const rounded = roundOrderQuantity(200, { minimumOrderQuantity: 50, packMultiple: 12, maximumLot: 40 });
    expect(rounded.quantity).toBe(60);
    expect(rounded.steps[2]).toEqual({
      rule: 'maximum-lot',
      before: 204,
      after: 60,
      note: 'maximum lot 40 cannot be met: it is below the minimum order quantity in whole packs of 12 (60), so 60 is ordered',
    });
  });

  it('orders one pack for a need of zero: an order is never empty', () => {
    expect(roundOrderQuantity(0, { packMultiple: 12 }).quantity).toBe(12);
  });

  it('rounds decimal packs without binary drift (0.7 in packs of 0.1 stays 0.7)', () => {
    expect(roundOrderQuantity(0.7, { packMultiple: 0.1 }).quantity).toBe(0.7);
    expect(roundOrderQuantity(0.30000000000000004, { packMultiple: 0.1 }).quantity).toBe(0.3);
  });

  it('refuses a pack multiple below the stored precision, naming it', () => {
    expect(() => roundOrderQuantity(5, { packMultiple: 0 })).toThrow('packMultiple must be at least 0.000001 (got 0)');
  });

  it('always respects the minimum order quantity, the pack multiple and a maximum lot that can carry them', () => {
    const millionths = (q: number) => Math.round(q * 1e6);
    const quantity = (max: number) => fc.integer({ min: 1, max: max * 1000 }).map((q) => q / 1000);
    fc.assert(
      fc.property(quantity(10_000), quantity(500), fc.option(quantity(2_000)), fc.option(quantity(20_000)), (needed, pack, moq, lot) => {
        const terms = { packMultiple: pack, minimumOrderQuantity: moq ?? undefined, maximumLot: lot ?? undefined };
        const { quantity: ordered, steps } = roundOrderQuantity(needed, terms);
        const smallestLot = Math.max(1, Math.ceil(millionths(moq ?? 0) / millionths(pack))) * millionths(pack);
        expect(millionths(ordered) % millionths(pack)).toBe(0);
        expect(millionths(ordered)).toBeGreaterThanOrEqual(Math.max(millionths(moq ?? 0), millionths(pack)));
        if (lot !== null && millionths(lot) >= smallestLot) expect(millionths(ordered)).toBeLessThanOrEqual(millionths(lot));
        if (lot === null) expect(millionths(ordered)).toBeGreaterThanOrEqual(millionths(needed));
        expect(steps[steps.length - 1].after).toBe(ordered);
      }),
    );
  });
});
