import type { AgreementLine } from '@smi/agreements';
import { dayWords, percentWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import type { SafetyStock } from '../safety-stock/safety-stock';

/**
 * The safety stock an explanation states: what the reorder point holds above
 * the demand it is expected to cover before an order arrives (expected demand
 * over the protection interval, plus the expected undershoot for continuous
 * review). A reorder point may sit below that (an agreed reorder point or
 * minimum, a level from an item's own history whose demand is mostly zero);
 * a negative safety stock then would read as nonsense, so the stated one is 0
 * and the words say that the reorder point covers less than expected, and why.
 */
export function statedSafetyStock(levels: {
  reorderPoint: number;
  expectedDemand: number;
  expectedUndershoot: number;
  protectionDays: number;
  /** Why the reorder point may sit below what it covers, in words. */
  why: string;
}): { quantity: number; words?: string } {
  const covered = levels.expectedDemand + levels.expectedUndershoot;
  const above = levels.reorderPoint - covered;
  // Below a millionth (the stored precision) is rounding, not a shortfall.
  if (above >= -5e-7) return { quantity: Math.max(0, above) };
  const undershoot = levels.expectedUndershoot > 0 ? ` and the expected undershoot ${statisticWords(levels.expectedUndershoot)}` : '';
  return {
    quantity: 0,
    words:
      `no safety stock: the reorder point ${statisticWords(levels.reorderPoint)} covers less than the expected demand ` +
      `${statisticWords(levels.expectedDemand)} over ${dayWords(levels.protectionDays)}${undershoot}, because ${levels.why}`,
  };
}

/** Why a line's reorder point may sit below the demand it is expected to cover, by how it was set. */
export function belowExpectedWhy(line: Pick<AgreementLine, 'reorderPoint' | 'minimum'>, safetyStock: SafetyStock | undefined): string {
  if (line.reorderPoint !== undefined) return 'the reorder point is agreed, not computed';
  if (!safetyStock)
    return `the reorder point is the agreed minimum ${quantityWords(line.minimum)} and no safety stock or service level is agreed`;
  const target = safetyStock.serviceLevelTarget;
  const met = target === null ? 'the agreed safety stock' : `the ${percentWords(target)} target`;
  if (safetyStock.method === 'bootstrap') {
    return (
      `${met} is met with less than the expected demand: by the item's own history most protection intervals see less demand ` +
      'than the average, which its occasional large demands raise'
    );
  }
  return `${met} is met with less than the expected demand: the shortage it allows per cycle is more than demand's spread brings at the expected demand`;
}
