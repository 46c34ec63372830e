import { StockLevel } from '@smi/contracts';
import { DemandOutlook, demandOverDays, StockWatchState, stockKeyOf, watchedLineOf, watchStockLevels, WatchedLine } from './stock-watch';

const line: WatchedLine = { supplierId: 'northwind-parts', minimum: 20, maximum: 100, leadTimeDays: 3 };
let sequence = 0;
const level = (onHand: number, overrides: Partial<StockLevel> = {}): StockLevel => ({
  eventId: `lvl-${++sequence}`,
  buyerId: 'acme-motors',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  onHand,
  unit: 'EA',
  sequence,
  asOf: new Date(Date.UTC(2026, 10, 1, sequence)),
  movementId: `mov-${sequence}`,
  movementKind: 'CONSUMPTION',
  movementQuantity: 1,
  orderReference: null,
  ...overrides,
});
const outlook: DemandOutlook = {
  buyerId: 'acme-motors',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  periodDays: 1,
  demandPerPeriod: 5,
  horizonDemand: [4, 6, 8],
  generatedAt: new Date('2026-11-01T00:00:00Z'),
};
const watch = (levels: StockLevel[], stored = new Map<string, StockWatchState>(), withOutlook = true) =>
  watchStockLevels(
    levels,
    stored,
    () => (withOutlook ? outlook : undefined),
    () => line,
  );

describe('demand over the lead time', () => {
  it('sums the forecast horizon period by period, the last one pro rata, then the flat demand beyond it', () => {
    expect(demandOverDays(outlook, 3)).toBe(4 + 6 + 8);
    expect(demandOverDays(outlook, 2.5)).toBe(4 + 6 + 4);
    expect(demandOverDays(outlook, 5)).toBe(4 + 6 + 8 + 5 + 5);
    expect(demandOverDays({ ...outlook, horizonDemand: [] }, 3)).toBe(15);
  });

  it('counts weekly periods as seven days', () => {
    expect(demandOverDays({ ...outlook, periodDays: 7, horizonDemand: [70], demandPerPeriod: 35 }, 14)).toBe(70 + 35);
  });
});

describe('stock projected below the minimum within the lead time', () => {
  it('alerts buyer and supplier when on-hand less the lead-time forecast falls below the minimum', () => {
    // 37 on hand - 18 forecast over 3 days = 19 < 20.
    const { alerts } = watch([level(40), level(37)]);
    expect(alerts.map((a) => [a.recipientId, a.topic])).toEqual([
      ['acme-motors', 'PROJECTED_BELOW_MIN'],
      ['northwind-parts', 'PROJECTED_BELOW_MIN'],
    ]);
    expect(alerts[0].subject).toBe(
      'Stock of brake-pad-bp100 at plant-lyon projected below its minimum within the lead time: 37 EA on hand, 18 forecast over 3 days leaves 19 < minimum 20',
    );
  });

  it('alerts once per crossing: not again while it stays below, again after it came back above', () => {
    const levels = [level(30), level(25), level(50), level(30)];
    const { alerts } = watch(levels);
    expect(alerts.filter((a) => a.recipientId === 'acme-motors').map((a) => a.causedByEventId)).toEqual([
      levels[0].eventId,
      levels[3].eventId,
    ]);
  });

  it('without a forecast compares the on-hand itself with the minimum', () => {
    expect(watch([level(25)], new Map(), false).alerts).toEqual([]);
    expect(watch([level(19)], new Map(), false).alerts.map((a) => a.topic)).toEqual(['PROJECTED_BELOW_MIN', 'PROJECTED_BELOW_MIN']);
  });
});

describe('stock above the maximum', () => {
  it('alerts once per crossing', () => {
    const levels = [level(101), level(120), level(90), level(130)];
    const { alerts } = watch(levels);
    expect(alerts.filter((a) => a.recipientId === 'acme-motors').map((a) => [a.topic, a.causedByEventId])).toEqual([
      ['ABOVE_MAX', levels[0].eventId],
      ['ABOVE_MAX', levels[3].eventId],
    ]);
    expect(alerts[0].subject).toBe('Stock of brake-pad-bp100 at plant-lyon above its maximum: 101 EA > maximum 100');
  });
});

describe('the stock watch over a batch', () => {
  it('ignores a level no newer than the last seen, so a redelivery alerts nothing', () => {
    const first = watch([level(10)]);
    expect(first.alerts).toHaveLength(2);
    const stored = new Map(first.states.map((s) => [stockKeyOf(s), s]));
    const again = watch([{ ...level(10), sequence: first.states[0].sequence }], stored);
    expect(again.alerts).toEqual([]);
    expect(again.states).toEqual([]);
  });

  it('gives the same alerts and final state as the levels one by one', () => {
    const levels = Array.from({ length: 40 }, (_, i) =>
      level([10, 60, 120, 50][i % 4] + i, { siteId: i % 3 === 0 ? 'plant-b' : 'plant-lyon' }),
    );
    const batch = watch(levels);
    let stored = new Map<string, StockWatchState>();
    const alone = levels.flatMap((l) => {
      const decided = watch([l], stored);
      stored = new Map([...stored, ...decided.states.map((s) => [stockKeyOf(s), s] as const)]);
      return decided.alerts;
    });
    expect(batch.alerts).toEqual(alone);
    expect(new Map(batch.states.map((s) => [stockKeyOf(s), s]))).toEqual(stored);
    expect(batch.alerts.length).toBeGreaterThan(10);
  });

  it('converts a line in days of supply with the forecast, and skips it without one', () => {
    const inForce = { agreement: { supplierId: 's' }, line: { levelsIn: 'days-of-supply', minimum: 2, maximum: 10, leadTimeDays: 3 } };
    expect(watchedLineOf(inForce, outlook)).toEqual({ supplierId: 's', minimum: 10, maximum: 50, leadTimeDays: 3 });
    expect(watchedLineOf(inForce, undefined)).toBeUndefined();
  });
});
