import { Agreement } from '@smi/agreements';
import { SlaBreach, StockLevel } from '@smi/contracts';
import { breachesForStockout } from './penalty-rule';
import { periodOf } from './sla-period';
import { observeLevel, StockoutWatch } from './stockout-watch';

export type Assessment =
  | { kind: 'stale' }
  | { kind: 'applied'; watch: StockoutWatch; breaches: SlaBreach[] };

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
  agreement: Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId' | 'currency' | 'penalties'>,
  stockoutsEarlierInPeriod: number,
): Assessment {
  const observed = observeLevel(watch, level);
  if (observed.kind === 'stale') return { kind: 'stale' };
  if (!observed.stockoutBegan) return { kind: 'applied', watch: observed.watch, breaches: [] };
  const breaches = breachesForStockout({ level, period: periodOf(level.asOf), stockoutsInPeriod: stockoutsEarlierInPeriod + 1 }, agreement);
  return { kind: 'applied', watch: observed.watch, breaches };
}
