import { SlaBreach, StockLevel, siteItemKeyOf } from '@smi/contracts';
import { AgreementTerms, breachesForStockout } from './penalty-rule';
import { periodOf } from './sla-period';
import { levelProblems, observeLevel, StockoutWatch } from './stockout-watch';

export type Assessment = { kind: 'stale' } | { kind: 'applied'; watch: StockoutWatch; breaches: SlaBreach[] };

/**
 * Judges one stock level of a site x item under its agreement: updates the
 * watch and, when a stockout begins, counts it in the calendar month of the
 * level's asOf and applies the penalty rule.
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
  const breaches = breachesForStockout({ level, period: periodOf(level.asOf), stockoutsInPeriod: stockoutsEarlierInPeriod + 1 }, agreement);
  return { kind: 'applied', watch: observed.watch, breaches };
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
