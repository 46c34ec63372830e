import { SlaBreach, StockLevel } from '@smi/contracts';
import { periodOf } from './sla-period';
import { assessLevel } from './stockout-assessment';
import { StockoutWatch } from './stockout-watch';

const agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
};

const level = (sequence: number, onHand: number, asOf: string): StockLevel => ({
  eventId: `lvl-${sequence}`,
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  onHand,
  unit: 'EA',
  sequence,
  asOf: new Date(asOf),
  movementId: `mv-${sequence}`,
  movementKind: 'CONSUMPTION',
  movementQuantity: 1,
  orderReference: null,
});

/** Runs levels through the assessment as the service does, counting stockouts per period as its table does. */
function breachesOver(levels: StockLevel[]): SlaBreach[] {
  let watch: StockoutWatch | undefined;
  const stockoutsByPeriod = new Map<string, number>();
  const out: SlaBreach[] = [];
  for (const l of levels) {
    const assessment = assessLevel(watch, l, agreement, stockoutsByPeriod.get(periodOf(l.asOf)) ?? 0);
    if (assessment.kind === 'stale') continue;
    watch = assessment.watch;
    for (const b of assessment.breaches) {
      if (b.kind === 'STOCKOUT') stockoutsByPeriod.set(b.period, b.stockoutsInPeriod);
      out.push(b);
    }
  }
  return out;
}

const summary = (breaches: SlaBreach[]) => breaches.map((b) => `${b.kind} ${b.period} #${b.stockoutsInPeriod} ${b.penaltyAmount}`);

describe('stockout assessment, worked examples (1 stockout allowed a month, 250 EUR each beyond)', () => {
  it('5 → 0 → 0 → 3 → -2 in March: the second stockout costs a penalty', () => {
    const breaches = breachesOver([
      level(1, 5, '2026-03-02T08:00:00Z'),
      level(2, 0, '2026-03-03T08:00:00Z'),
      level(3, 0, '2026-03-04T08:00:00Z'),
      level(4, 3, '2026-03-05T08:00:00Z'),
      level(5, -2, '2026-03-06T08:00:00Z'),
    ]);
    expect(summary(breaches)).toEqual(['STOCKOUT 2026-03 #1 0', 'STOCKOUT 2026-03 #2 0', 'PENALTY 2026-03 #2 250']);
    expect(breaches.map((b) => b.stockLevelEventId)).toEqual(['lvl-2', 'lvl-5', 'lvl-5']);
  });

  it('counts afresh in a new month: one stockout on 31 January and one on 1 February cost nothing', () => {
    const breaches = breachesOver([
      level(1, 0, '2026-01-31T23:59:00Z'),
      level(2, 4, '2026-01-31T23:59:30Z'),
      level(3, 0, '2026-02-01T00:00:00Z'),
      level(4, 1, '2026-02-03T00:00:00Z'),
      level(5, 0, '2026-02-20T00:00:00Z'),
    ]);
    expect(summary(breaches)).toEqual(['STOCKOUT 2026-01 #1 0', 'STOCKOUT 2026-02 #1 0', 'STOCKOUT 2026-02 #2 0', 'PENALTY 2026-02 #2 250']);
  });

  it('a stockout running across the month boundary counts once, in the month it began', () => {
    const breaches = breachesOver([
      level(1, 0, '2026-01-31T22:00:00Z'),
      level(2, -3, '2026-02-01T06:00:00Z'),
      level(3, 0, '2026-02-02T06:00:00Z'),
    ]);
    expect(summary(breaches)).toEqual(['STOCKOUT 2026-01 #1 0']);
  });

  it('ignores stale levels: a late empty level does not start a stockout', () => {
    const breaches = breachesOver([level(3, 10, '2026-03-02T08:00:00Z'), level(2, 0, '2026-03-01T08:00:00Z'), level(4, 0, '2026-03-03T08:00:00Z')]);
    expect(breaches.map((b) => b.stockLevelEventId)).toEqual(['lvl-4']);
  });
});
