import { SlaBreach, StockLevel, siteItemKeyOf } from '@smi/contracts';
import { periodOf } from './sla-period';
import { assessLevel, levelsUnderAgreement, linePeriodKeyOf, watchStockouts } from './stockout-assessment';
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

describe('stockout assessment, worked examples (1 stockout allowed a month)', () => {
  it('5 → 0 → 0 → 3 → -2 in March: two stockouts, numbered in the month, claiming no money (penalties come when the month closes)', () => {
    const breaches = breachesOver([
      level(1, 5, '2026-03-02T08:00:00Z'),
      level(2, 0, '2026-03-03T08:00:00Z'),
      level(3, 0, '2026-03-04T08:00:00Z'),
      level(4, 3, '2026-03-05T08:00:00Z'),
      level(5, -2, '2026-03-06T08:00:00Z'),
    ]);
    expect(summary(breaches)).toEqual(['STOCKOUT 2026-03 #1 0', 'STOCKOUT 2026-03 #2 0']);
    expect(breaches.map((b) => b.stockLevelEventId)).toEqual(['lvl-2', 'lvl-5']);
    expect(breaches[1]).toEqual({
      eventId: 'lvl-5/stockout',
      kind: 'STOCKOUT',
      agreementId: 'AGR-1',
      buyerId: 'acme',
      supplierId: 'northwind',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      occurredAt: new Date('2026-03-06T08:00:00Z'),
      period: '2026-03',
      stockoutsInPeriod: 2,
      allowedStockoutsPerPeriod: 1,
      penaltyAmount: 0,
      currency: 'EUR',
      stockLevelEventId: 'lvl-5',
    });
  });

  it('counts afresh in a new month: one stockout on 31 January is the first of January, one on 1 February the first of February', () => {
    const breaches = breachesOver([
      level(1, 0, '2026-01-31T23:59:00Z'),
      level(2, 4, '2026-01-31T23:59:30Z'),
      level(3, 0, '2026-02-01T00:00:00Z'),
      level(4, 1, '2026-02-03T00:00:00Z'),
      level(5, 0, '2026-02-20T00:00:00Z'),
    ]);
    expect(summary(breaches)).toEqual(['STOCKOUT 2026-01 #1 0', 'STOCKOUT 2026-02 #1 0', 'STOCKOUT 2026-02 #2 0']);
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
    const breaches = breachesOver([
      level(3, 10, '2026-03-02T08:00:00Z'),
      level(2, 0, '2026-03-01T08:00:00Z'),
      level(4, 0, '2026-03-03T08:00:00Z'),
    ]);
    expect(breaches.map((b) => b.stockLevelEventId)).toEqual(['lvl-4']);
  });
});

describe('watching a batch of stock levels', () => {
  const strict = { ...agreement, agreementId: 'AGR-2', penalties: { allowedStockoutsPerMonth: 0, penaltyPerStockout: 99 } };
  const at = (item: string, sequence: number, onHand: number, asOf: string, eventId = `${item}-${sequence}`): StockLevel => ({
    ...level(sequence, onHand, asOf),
    eventId,
    itemId: item,
  });
  /** Items 'pad' and 'disc' under AGR-1, 'drum' under AGR-2; nothing else is agreed. */
  const termsOf = (l: StockLevel) => ({ pad: agreement, disc: agreement, drum: strict })[l.itemId];

  interface Stored {
    watches: Map<string, StockoutWatch>;
    stockouts: Map<string, number>;
    breaches: SlaBreach[];
  }
  const emptyStore = (): Stored => ({ watches: new Map(), stockouts: new Map(), breaches: [] });

  /** Judges levels one at a time, each with what is stored after the one before: the per-record service. */
  function oneByOne(levels: StockLevel[]): Stored {
    const stored = emptyStore();
    for (const l of levels) {
      const terms = termsOf(l);
      if (!terms) continue;
      const key = siteItemKeyOf(l);
      const line = linePeriodKeyOf({ agreementId: terms.agreementId, siteId: l.siteId, itemId: l.itemId, period: periodOf(l.asOf) });
      const assessment = assessLevel(stored.watches.get(key), l, terms, stored.stockouts.get(line) ?? 0);
      if (assessment.kind === 'stale') continue;
      stored.watches.set(key, assessment.watch);
      for (const b of assessment.breaches) {
        if (b.kind === 'STOCKOUT') stored.stockouts.set(line, b.stockoutsInPeriod);
        stored.breaches.push(b);
      }
    }
    return stored;
  }

  /** Judges levels in batches of `size`, carrying between batches only what the tables keep. */
  function inBatches(levels: StockLevel[], size: number): Stored {
    const stored = emptyStore();
    for (let start = 0; start < levels.length; start += size) {
      const { agreed } = levelsUnderAgreement(levels.slice(start, start + size), termsOf);
      const watched = watchStockouts(agreed, stored.watches, stored.stockouts);
      for (const w of watched.changed) stored.watches.set(siteItemKeyOf(w), w);
      for (const { breach } of watched.breaches) {
        stored.breaches.push(breach);
        const line = linePeriodKeyOf(breach);
        if (breach.kind === 'STOCKOUT') stored.stockouts.set(line, (stored.stockouts.get(line) ?? 0) + 1);
      }
    }
    return stored;
  }

  it('folds each site x item in order and changes each watch once; an unagreed item is not ours', () => {
    const levels = [
      at('pad', 1, 0, '2026-03-02T08:00:00Z'),
      at('disc', 1, 4, '2026-03-02T08:00:00Z'),
      at('pad', 2, 3, '2026-03-03T08:00:00Z'),
      at('bolt', 1, 0, '2026-03-03T08:00:00Z'),
      at('pad', 3, -1, '2026-03-04T08:00:00Z'),
      at('disc', 2, 0, '2026-03-05T08:00:00Z'),
    ];
    const { agreed, refused } = levelsUnderAgreement(levels, termsOf);
    expect(refused).toEqual([]);
    expect(agreed.map((a) => a.index)).toEqual([0, 1, 2, 4, 5]);
    const watched = watchStockouts(agreed, new Map(), new Map());
    expect(watched.changed.map((w) => [w.itemId, w.lastSequence, w.stockedOut])).toEqual([
      ['pad', 3, true],
      ['disc', 2, true],
    ]);
    expect(watched.breaches.map(({ index, breach }) => [index, breach.eventId, breach.stockoutsInPeriod])).toEqual([
      [0, 'pad-1/stockout', 1],
      [4, 'pad-3/stockout', 2],
      [5, 'disc-2/stockout', 1],
    ]);
  });

  it('continues the stored watch and the stored count of the line in its month', () => {
    const stored: StockoutWatch = {
      buyerId: 'acme',
      siteId: 'plant-lyon',
      itemId: 'pad',
      lastSequence: 7,
      stockedOut: false,
      lastLevelEventId: 'pad-7',
    };
    const levels = [at('pad', 7, 0, '2026-03-09T08:00:00Z', 'pad-7-again'), at('pad', 8, 0, '2026-03-10T08:00:00Z')];
    const { agreed } = levelsUnderAgreement(levels, termsOf);
    const counts = new Map([[linePeriodKeyOf({ agreementId: 'AGR-1', siteId: 'plant-lyon', itemId: 'pad', period: '2026-03' }), 3]]);
    const watched = watchStockouts(agreed, new Map([[siteItemKeyOf(stored), stored]]), counts);
    expect(watched.stale).toEqual([0]);
    expect(summary(watched.breaches.map((b) => b.breach))).toEqual(['STOCKOUT 2026-03 #4 0']);
  });

  it('refuses a malformed level by its place in the batch, naming the fields; the others are judged', () => {
    const levels = [at('pad', 1, 5, '2026-03-02T08:00:00Z'), { ...at('pad', 0, Number.NaN, '2026-03-02T09:00:00Z'), siteId: '' }];
    const { agreed, refused } = levelsUnderAgreement(levels, termsOf);
    expect(agreed.map((a) => a.index)).toEqual([0]);
    expect(refused).toEqual([
      {
        index: 1,
        reason: 'siteId must be a non-empty string; sequence must be a whole number >= 1 (got 0); onHand must be a finite number (got NaN)',
      },
    ]);
  });

  it('gives the same watches and breaches as judging the levels one by one, for any split of the stream into batches', () => {
    const items = ['pad', 'disc', 'drum', 'bolt'];
    const sequences = new Map<string, number>();
    const stream: StockLevel[] = [];
    for (let i = 0; i < 400; i++) {
      const item = items[(i * 7) % 4];
      const day = new Date(Date.UTC(2026, 0, 20) + i * 6 * 3_600_000).toISOString();
      const sequence = (sequences.get(item) ?? 0) + 1;
      sequences.set(item, sequence);
      const onHand = [4, 0, -2, 0, 3, 1, 0][(i * 5) % 7];
      stream.push(at(item, sequence, onHand, day));
      // Now and then a redelivery of a level already sent, and a late level older than the last.
      if (i % 11 === 3) stream.push(stream[stream.length - 1]);
      if (i % 13 === 5 && sequence > 2) stream.push(at(item, sequence - 2, 0, day, `${item}-late-${i}`));
    }
    const expected = oneByOne(stream);
    expect(expected.breaches.filter((b) => b.stockoutsInPeriod > 1).length).toBeGreaterThan(10);
    for (const size of [1, 7, 50, 500]) {
      const batched = inBatches(stream, size);
      expect(batched.breaches).toEqual(expected.breaches);
      expect(batched.watches).toEqual(expected.watches);
      expect(batched.stockouts).toEqual(expected.stockouts);
    }
  });
});
