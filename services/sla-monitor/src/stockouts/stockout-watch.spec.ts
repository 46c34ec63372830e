import { StockLevel } from '@smi/contracts';
import { levelProblems, observeLevel, StockoutWatch } from './stockout-watch';

const level = (sequence: number, onHand: number): StockLevel => ({
  eventId: `lvl-${sequence}`,
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  onHand,
  unit: 'EA',
  sequence,
  asOf: new Date('2026-03-10T08:00:00Z'),
  movementId: `mv-${sequence}`,
  movementKind: 'CONSUMPTION',
  movementQuantity: 1,
  orderReference: null,
});

/** Feeds levels in order and says, per level, whether a stockout began ('began'), nothing happened ('-') or it was ignored ('stale'). */
function watchOver(levels: StockLevel[]): string[] {
  let watch: StockoutWatch | undefined;
  return levels.map((l) => {
    const observed = observeLevel(watch, l);
    if (observed.kind === 'stale') return 'stale';
    watch = observed.watch;
    return observed.stockoutBegan ? 'began' : '-';
  });
}

describe('stockout detection', () => {
  it('counts a run of empty levels as one stockout, and a recovery ends it: 5 → 0 → 0 → 3 → -2 is two stockouts', () => {
    expect(watchOver([level(1, 5), level(2, 0), level(3, 0), level(4, 3), level(5, -2)])).toEqual(['-', 'began', '-', '-', 'began']);
  });

  it('treats a first level at or below zero as a stockout beginning', () => {
    expect(watchOver([level(1, 0)])).toEqual(['began']);
    expect(watchOver([level(7, -4)])).toEqual(['began']);
  });

  it('ignores a level not newer than the last applied: equal or lower sequence', () => {
    expect(watchOver([level(3, 10), level(2, 0), level(3, 0), level(4, 0)])).toEqual(['-', 'stale', 'stale', 'began']);
  });

  it('follows a sequence with gaps: only order matters', () => {
    expect(watchOver([level(1, 4), level(5, 0), level(9, 2), level(20, 0)])).toEqual(['-', 'began', '-', 'began']);
  });

  it('remembers how far it read and whether the shelf is empty', () => {
    const observed = observeLevel(undefined, level(4, 0));
    expect(observed).toEqual({
      kind: 'applied',
      stockoutBegan: true,
      watch: { buyerId: 'acme', siteId: 'plant-lyon', itemId: 'brake-pad', lastSequence: 4, stockedOut: true, lastLevelEventId: 'lvl-4' },
    });
  });

  it('names each field a malformed level breaks', () => {
    expect(levelProblems(level(1, 0))).toEqual([]);
    expect(levelProblems({ ...level(0, Number.NaN), siteId: '' })).toEqual([
      'siteId must be a non-empty string',
      'sequence must be a whole number >= 1 (got 0)',
      'onHand must be a finite number (got NaN)',
    ]);
  });
});
