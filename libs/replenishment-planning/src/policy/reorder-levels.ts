import type { AgreementLine } from '@smi/agreements';
import { dayWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { fromMillionths, stored, toMillionths } from '../plan/exact-quantity';
import type { DemandClass, DemandOutlook } from '../plan/planning-types';
import { fixedOrderQuantityOf, PERIODIC_POLICIES } from './reorder-policy';
import type { UnmetDemandHandling } from '../safety-stock/lead-time-demand';
import { safetyStockFor, type SafetyStock, type SafetyStockMethod } from '../safety-stock/safety-stock';
import { undershootOf, undershootWords, type Undershoot } from '../safety-stock/undershoot';
import { belowExpectedWhy, statedSafetyStock } from './stated-safety-stock';

export interface LevelQuestion {
  line: AgreementLine;
  demand: DemandOutlook;
  demandClass?: DemandClass;
  /** Days the stock must cover until the next order can arrive. */
  protectionDays: number;
  /** Review period in days for periodic policies, 0 for continuous ones. */
  reviewDays: number;
  /** Whether unmet demand waits for the next receipt (default) or is lost. */
  unmetDemand?: UnmetDemandHandling;
}

/** The levels a policy compares the inventory position with, in units. */
export interface ReorderLevels {
  /** The agreement's minimum and maximum, in units (converted from days of supply if so agreed). */
  minimum: number;
  maximum: number;
  /** Expected demand over the protection interval. */
  expectedDemand: number;
  /** Expected undershoot the reorder point covers (continuous review with a service-level target), else 0. */
  expectedUndershoot: number;
  safetyStockMethod: SafetyStockMethod;
  /**
   * The safety stock the reorder point carries: reorder point − expected
   * demand − expected undershoot, never below 0; when the reorder point is
   * below what it is expected to cover, the basis says so and why.
   */
  safetyStock: number;
  serviceLevelTarget: number | null;
  /** The service the engine stands behind (SafetyStock.promisedServiceLevel); null without one or with an agreed reorder point. */
  promisedServiceLevel: number | null;
  reorderPoint: number;
  orderUpTo: number;
  /** How the reorder point and the order-up-to level were set, in words. */
  basis: string[];
}

/**
 * Reorder point and order-up-to level of a line:
 * - an explicit reorderPoint wins;
 * - else with a safety-stock rule or a service level: expected demand over the
 *   protection interval + safety stock;
 * - else the agreement's minimum (today's min/max behaviour).
 * The order-up-to level is the agreement's maximum, raised to the reorder point
 * + one pack when the reorder point reaches it: ordering up to a level at or
 * below the reorder point would leave the position where it triggers again.
 * For order-up-to (R,S) it is raised to the reorder point itself: (R,S) orders
 * at every review, never at a reorder point, and that level is the textbook S.
 * For fixed-quantity it is the reorder point + Q, the most an order brings.
 * With levelsIn 'days-of-supply', minimum, maximum and reorderPoint are days × forecast per day.
 */
export function reorderLevelsFor(question: LevelQuestion): ReorderLevels {
  const { line, demand, protectionDays } = question;
  const inDays = line.levelsIn === 'days-of-supply';
  const units = (level: number) => inUnits(level, line, demand.perDay);
  const { minimum, maximum } = agreedLevels(line, demand.perDay);
  const basis: string[] = [];
  if (inDays) {
    basis.push(
      `minimum ${dayWords(line.minimum)} and maximum ${dayWords(line.maximum)} of supply at ${statisticWords(demand.perDay)} a day are ${quantityWords(minimum)} and ${quantityWords(maximum)}`,
    );
  }
  const expectedDemand = demand.perDay * protectionDays;
  const policy = line.policy ?? 'min-max';
  // Continuous review orders when the position is already below the reorder point by the undershoot; a target must cover it.
  const targeted = line.serviceLevel !== undefined && (line.safetyStock === undefined || line.safetyStock.method === 'service-level');
  const continuous = targeted && !PERIODIC_POLICIES.includes(policy);
  const safetyStockAt = (cycleDemand: number, undershoot?: Undershoot) =>
    safetyStockFor({
      rule: line.safetyStock,
      serviceLevel: line.serviceLevel,
      demand,
      demandClass: question.demandClass,
      protectionDays,
      leadTimeStdDevDays: line.leadTimeStdDevDays ?? 0,
      reviewDays: question.reviewDays,
      cycleDemand,
      ...(undershoot && { undershoot }),
      ...(question.unmetDemand && { unmetDemand: question.unmetDemand }),
    });
  const computedLevel = (stock: SafetyStock) => stored(expectedDemand + (stock.undershoot ?? 0) + stock.quantity);
  let undershoot = continuous ? undershootOf(demand) : undefined;
  let safetyStock: SafetyStock | undefined;
  if (policy === 'min-max' && undershoot) {
    // (s,S) starts each cycle at S: its undershoot depends on S − s, and an order brings S − s plus the undershoot,
    // the demand per cycle a fill rate counts. s depends on both, so settle them in a few rounds.
    const moq = line.minimumOrderQuantity ?? 0;
    const bandOf = (level: number) => Math.max(level >= maximum ? line.packMultiple : maximum - level, moq);
    let level = expectedDemand + undershoot.mean;
    for (let round = 0; round < 4; round++) {
      undershoot = undershootOf(demand, bandOf(level))!;
      safetyStock = safetyStockAt(Math.max(bandOf(level), line.packMultiple) + undershoot.mean, undershoot);
      if (!safetyStock || computedLevel(safetyStock) === level) break;
      level = computedLevel(safetyStock);
    }
  } else {
    safetyStock = safetyStockAt(cycleDemandOf(line, demand.perDay, question.reviewDays, maximum - minimum), undershoot);
  }

  let reorderPoint: number;
  if (line.reorderPoint !== undefined) {
    reorderPoint = units(line.reorderPoint);
    basis.push(
      `reorder point ${quantityWords(reorderPoint)} as agreed` +
        (safetyStock ? `, overriding the computed ${statisticWords(computedLevel(safetyStock))} (${safetyStock.basis})` : ''),
    );
  } else if (safetyStock) {
    reorderPoint = computedLevel(safetyStock);
    const undershootPart = safetyStock.undershoot !== undefined && undershoot ? ` + ${undershootWords(undershoot)}` : '';
    basis.push(
      `reorder point ${statisticWords(reorderPoint)} = expected demand ${statisticWords(expectedDemand)} over ${dayWords(protectionDays)}${undershootPart} + ${safetyStock.basis}`,
    );
  } else {
    reorderPoint = minimum;
    basis.push(`reorder point is the agreed minimum ${quantityWords(minimum)} (no safety stock or service level agreed)`);
  }
  const expectedUndershoot = line.reorderPoint === undefined ? (safetyStock?.undershoot ?? 0) : 0;
  const stated = statedSafetyStock({
    reorderPoint,
    expectedDemand,
    expectedUndershoot,
    protectionDays,
    why: belowExpectedWhy(line, safetyStock),
  });
  if (stated.words) basis.push(stated.words);

  let orderUpTo = maximum;
  if (policy === 'fixed-quantity') {
    // (s,Q) has no order-up-to level of its own: an order lifts the position to at most s + Q.
    const q = fixedOrderQuantityOf(line);
    orderUpTo = fromMillionths(toMillionths(reorderPoint) + toMillionths(q));
    basis.push(
      `an order lifts the position to at most the reorder point + the fixed quantity ${quantityWords(q)} = ${statisticWords(orderUpTo)}`,
    );
  } else if (policy === 'order-up-to') {
    // (R,S) orders up to S at every review and never at a reorder point, so S may be the reorder point itself
    // (demand over the review period and lead time at the service level); a pack more would overshoot the target.
    if (reorderPoint > maximum) {
      orderUpTo = reorderPoint;
      basis.push(
        `order-up-to level raised from the maximum ${quantityWords(maximum)} to the reorder point ${statisticWords(reorderPoint)}, which covers the review period and the lead time`,
      );
    }
  } else if (reorderPoint >= maximum) {
    orderUpTo = fromMillionths(toMillionths(reorderPoint) + toMillionths(line.packMultiple));
    basis.push(
      `order-up-to level raised from the maximum ${quantityWords(maximum)} to the reorder point + one pack = ${statisticWords(orderUpTo)}`,
    );
  }

  return {
    minimum,
    maximum,
    expectedDemand,
    expectedUndershoot,
    safetyStockMethod: safetyStock?.method ?? 'minimum',
    safetyStock: stated.quantity,
    serviceLevelTarget: safetyStock?.serviceLevelTarget ?? null,
    // An agreed reorder point overrides the level the promise was made for.
    promisedServiceLevel: line.reorderPoint === undefined ? (safetyStock?.promisedServiceLevel ?? null) : null,
    reorderPoint,
    orderUpTo,
    basis,
  };
}

/** The agreement's minimum and maximum in units: days of supply × forecast per day when so agreed. */
export function agreedLevels(
  line: Pick<AgreementLine, 'minimum' | 'maximum' | 'levelsIn'>,
  perDay: number,
): { minimum: number; maximum: number } {
  return { minimum: inUnits(line.minimum, line, perDay), maximum: inUnits(line.maximum, line, perDay) };
}

const inUnits = (level: number, line: Pick<AgreementLine, 'levelsIn'>, perDay: number): number =>
  stored(line.levelsIn === 'days-of-supply' ? level * perDay : level);

/**
 * Expected demand per replenishment cycle, which a fill rate is measured
 * against: the review period's demand for periodic policies, the fixed order
 * quantity for fixed-quantity, and for min-max the band between minimum and
 * maximum (what a typical order brings), at least one pack and the minimum
 * order quantity. Min-max with its undershoot settles it with its reorder
 * point instead (reorderLevelsFor).
 */
function cycleDemandOf(line: AgreementLine, perDay: number, reviewDays: number, band: number): number {
  switch (line.policy ?? 'min-max') {
    case 'order-up-to':
    case 'periodic-min-max':
      return perDay * reviewDays;
    case 'fixed-quantity':
      return fixedOrderQuantityOf(line);
    case 'min-max':
      return Math.max(band, line.packMultiple, line.minimumOrderQuantity ?? 0);
  }
}
