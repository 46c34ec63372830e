import { Agreement } from '@smi/agreements';
import { SlaBreach, StockLevel, siteItemKeyOf } from '@smi/contracts';
import { periodOf } from './sla-period';
import { levelProblems, observeLevel, StockoutWatch } from './stockout-watch';

/** What of an agreement the stockout watch reads. */
export type AgreementTerms = Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId' | 'currency' | 'penalties'>;

/**
 * The STOCKOUT event of a stockout that just began, numbered in its agreement line's month. It
 * claims no money (penaltyAmount 0): penalties are computed when the month closes, on
 * smi.penalties.v1. Its id derives from the stock level's, so a replay yields the same event.
 */
export function stockoutBreach(
  level: Pick<StockLevel, 'eventId' | 'siteId' | 'itemId' | 'asOf'>,
  stockoutsInPeriod: number,
  agreement: AgreementTerms,
): SlaBreach {
  return {
    eventId: `${level.eventId}/stockout`,
    kind: 'STOCKOUT',
    agreementId: agreement.agreementId,
    buyerId: agreement.buyerId,
    supplierId: agreement.supplierId,
    siteId: level.siteId,
    itemId: level.itemId,
    occurredAt: level.asOf,
    period: periodOf(level.asOf),
    stockoutsInPeriod,
    allowedStockoutsPerPeriod: agreement.penalties.allowedStockoutsPerMonth,
    penaltyAmount: 0,
    currency: agreement.currency,
    stockLevelEventId: level.eventId,
  };
}

export type Assessment = { kind: 'stale' } | { kind: 'applied'; watch: StockoutWatch; breaches: SlaBreach[] };

/**
 * Judges one stock level of a site x item under its agreement: updates the
 * watch and, when a stockout begins, counts it in the calendar month of the
 * level's asOf.
 * `stockoutsEarlierInPeriod` is how many stockouts this agreement line already
 * has in periodOf(level.asOf), as stored.
 */
export function assessLevel(
  watch: StockoutWatch | undefined,
  level: StockLevel,
  agreement: AgreementTerms,
  stockoutsEarlierInPeriod: number,
): Assessment {
  const observed = observeLevel(watch, level);
  if (observed.kind === 'stale') return { kind: 'stale' };
  if (!observed.stockoutBegan) return { kind: 'applied', watch: observed.watch, breaches: [] };
  return { kind: 'applied', watch: observed.watch, breaches: [stockoutBreach(level, stockoutsEarlierInPeriod + 1, agreement)] };
}

/** A well-formed stock level of a site x item an agreement covers at its asOf, and its place in the batch. */
export interface AgreedLevel {
  index: number;
  level: StockLevel;
  terms: AgreementTerms;
}

/** One agreement line in one period: what a stockout's number in its month counts over. */
export interface LinePeriod {
  agreementId: string;
  siteId: string;
  itemId: string;
  period: string;
}

/** The key of one buyer site x item, as watches are kept. */

export const linePeriodKeyOf = (v: LinePeriod): string => `${v.agreementId}|${v.siteId}|${v.itemId}|${v.period}`;

/** The agreement line and month a stockout beginning at this level counts in. */
export const linePeriodOf = ({ level, terms }: AgreedLevel): LinePeriod => ({
  agreementId: terms.agreementId,
  siteId: level.siteId,
  itemId: level.itemId,
  period: periodOf(level.asOf),
});

/**
 * Sorts a batch of stock levels: malformed ones are refused (by their place in the batch, the
 * reason naming each field), those nobody agreed on are not ours, the rest are watched under
 * the agreement `termsOf` finds in force at their asOf.
 */
export function levelsUnderAgreement(
  levels: readonly StockLevel[],
  termsOf: (level: StockLevel) => AgreementTerms | undefined,
): { agreed: AgreedLevel[]; refused: Array<{ index: number; reason: string }> } {
  const agreed: AgreedLevel[] = [];
  const refused: Array<{ index: number; reason: string }> = [];
  levels.forEach((level, index) => {
    const problems = levelProblems(level);
    if (problems.length > 0) {
      refused.push({ index, reason: problems.join('; ') });
      return;
    }
    const terms = termsOf(level);
    if (terms) agreed.push({ index, level, terms });
  });
  return { agreed, refused };
}

export interface StockoutsWatched {
  /** The new watch of every site x item the batch moved on, once each. */
  changed: StockoutWatch[];
  /** The breaches to record and announce, in order; `index` is the causing level's place in the batch. */
  breaches: Array<{ index: number; breach: SlaBreach }>;
  /** Levels not newer than one already applied (redelivered or out of order), by their place in the batch. */
  stale: number[];
}

/**
 * Judges a batch of agreed levels, each site x item's in order, exactly as judging them one by
 * one would: each level continues its key's watch and its line's stockout count in its month.
 * `watches` holds the stored watch of every key that has one; `stockoutsSoFar` the stored
 * stockout count of every line and period, keyed by linePeriodKeyOf (absent means none).
 */
export function watchStockouts(
  agreed: readonly AgreedLevel[],
  watches: ReadonlyMap<string, StockoutWatch>,
  stockoutsSoFar: ReadonlyMap<string, number>,
): StockoutsWatched {
  const watch = new Map(watches);
  const stockouts = new Map(stockoutsSoFar);
  const changed = new Set<string>();
  const result: StockoutsWatched = { changed: [], breaches: [], stale: [] };
  for (const one of agreed) {
    const key = siteItemKeyOf(one.level);
    const line = linePeriodKeyOf(linePeriodOf(one));
    const assessment = assessLevel(watch.get(key), one.level, one.terms, stockouts.get(line) ?? 0);
    if (assessment.kind === 'stale') {
      result.stale.push(one.index);
      continue;
    }
    watch.set(key, assessment.watch);
    changed.add(key);
    for (const breach of assessment.breaches) {
      if (breach.kind === 'STOCKOUT') stockouts.set(line, breach.stockoutsInPeriod);
      result.breaches.push({ index: one.index, breach });
    }
  }
  result.changed = [...changed].map((key) => watch.get(key)!);
  return result;
}
