import type { SafetyStockRule, ServiceLevelTarget } from '@smi/agreements';
import { dayWords, percentWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { leadTimeDemandQuantile, levelForFillRate, type UnmetDemandHandling } from './lead-time-demand';
import { inverseNormalCdf, inverseNormalLoss } from './normal-distribution';
import type { DemandClass, DemandOutlook } from '../plan/planning-types';
import { compoundHistoryOf } from './compound-demand';
import { continuousLevelFromHistory, type Undershoot } from './undershoot';

/** How safety stock was set, as the explanation names it. */
export type SafetyStockMethod = 'fixed' | 'days-of-cover' | 'normal' | 'bootstrap' | 'minimum';

export interface SafetyStockQuestion {
  rule?: SafetyStockRule;
  serviceLevel?: ServiceLevelTarget;
  demand: Pick<DemandOutlook, 'perDay' | 'stdDevPerDay' | 'history' | 'leadTimeError' | 'similarSizes'>;
  /** Whether unmet demand waits for the next receipt (default) or is lost. */
  unmetDemand?: UnmetDemandHandling;
  /** The demand class the decision goes by: the forecast's, else the history's. */
  demandClass?: DemandClass;
  /** Days the stock must cover: lead time (plus waiting for a delivery day), plus the review period for periodic policies. */
  protectionDays: number;
  leadTimeStdDevDays: number;
  /** Review period of a periodic policy, 0 for continuous ones: the part of the protection interval one order serves. */
  reviewDays: number;
  /**
   * Expected demand per replenishment cycle, which a fill rate is measured
   * against: the order quantity for continuous policies, the review period's
   * demand for periodic ones.
   */
  cycleDemand: number;
  /**
   * For continuous policies: how far the position passes below the reorder
   * point before an order is placed (undershoot.ts). A service-level target
   * then covers lead-time demand plus the undershoot.
   */
  undershoot?: Undershoot;
}

export interface SafetyStock {
  method: Exclude<SafetyStockMethod, 'minimum'>;
  quantity: number;
  /** Expected undershoot the reorder point covers on top of expected demand and the safety stock (continuous review); absent: none. */
  undershoot?: number;
  serviceLevelTarget: number | null;
  /**
   * The service level the engine stands behind for this stock, by its own
   * demand model: the target itself for normal theory, at least the target
   * for the item's own distribution (whole units overshoot it), and null
   * when it has no ground for one: no target agreed, normal theory on
   * intermittent demand, or fewer than MIN_DEMANDS_FOR_PROMISE demands seen.
   */
  promisedServiceLevel: number | null;
  /** How it was set, in words, with the numbers. */
  basis: string;
}

/**
 * Fewer buckets with demand than this in the item's history and the engine
 * promises no service level: one demand in years says neither how often nor
 * how much. It still plans the stock its method gives.
 */
export const MIN_DEMANDS_FOR_PROMISE = 2;

/** Demand classes whose demand over the protection interval is far from normal: many zero days, occasional large orders. */
const NON_NORMAL_CLASSES: readonly DemandClass[] = ['intermittent', 'lumpy'];

/**
 * Safety stock for a line, or undefined when none is agreed (neither a rule nor
 * a service level): then the agreement's minimum acts as the reorder point.
 * - fixed: the agreed quantity.
 * - days-of-cover: days × forecast per day.
 * - service level (the rule, or a service level with no rule): normal theory over
 *   the protection interval P, SS = z·√(P·σd² + d²·σL²); for intermittent and
 *   lumpy demand the item's own history instead (bootstrap), falling back to
 *   normal theory, and saying so, when the history is too short.
 */
export function safetyStockFor(question: SafetyStockQuestion): SafetyStock | undefined {
  const { rule, serviceLevel } = question;
  if (rule?.method === 'fixed') {
    return {
      method: 'fixed',
      quantity: rule.quantity,
      serviceLevelTarget: null,
      promisedServiceLevel: null,
      basis: `fixed safety stock ${quantityWords(rule.quantity)} as agreed`,
    };
  }
  if (rule?.method === 'days-of-cover') {
    const quantity = rule.days * question.demand.perDay;
    return {
      method: 'days-of-cover',
      quantity,
      serviceLevelTarget: null,
      promisedServiceLevel: null,
      basis: `safety stock of ${dayWords(rule.days)} of cover at ${statisticWords(question.demand.perDay)} a day = ${statisticWords(quantity)}`,
    };
  }
  if (!serviceLevel) {
    if (rule?.method === 'service-level') throw new RangeError('serviceLevel is required for safetyStock.method service-level (got none)');
    return undefined;
  }
  const distributionAware = question.demandClass !== undefined && NON_NORMAL_CLASSES.includes(question.demandClass);
  if (distributionAware) {
    // Continuous review: the resampled lead-time demand plus the undershoot.
    const fromHistory = question.undershoot
      ? continuousLevelFromHistory(question, serviceLevel, question.undershoot)
      : bootstrapSafetyStock(question, serviceLevel);
    if (fromHistory) return withinEvidence(fromHistory, question);
    const normal = normalSafetyStock(question, serviceLevel);
    const history = question.demand.history;
    const why = history
      ? `its history (${history.quantities.length} buckets of ${dayWords(history.bucketDays)}) is too short`
      : 'it has no demand history';
    // Normal theory is known to miss on such demand: no promise.
    return {
      ...normal,
      promisedServiceLevel: null,
      basis: `${normal.basis}; normal theory although demand is ${question.demandClass}, because ${why} for its own distribution, so no service level is promised`,
    };
  }
  return withinEvidence(normalSafetyStock(question, serviceLevel), question);
}

/** The promise withdrawn, saying why, when the history holds fewer than MIN_DEMANDS_FOR_PROMISE demands. */
function withinEvidence(stock: SafetyStock, question: SafetyStockQuestion): SafetyStock {
  const history = question.demand.history;
  const demands = history?.quantities.filter((q) => q > 0).length;
  if (demands !== undefined && demands < MIN_DEMANDS_FOR_PROMISE) {
    const seen = demands === 0 ? 'no demand' : 'one demand';
    return {
      ...stock,
      promisedServiceLevel: null,
      basis: `${stock.basis}; no service level is promised: ${seen} in ${history!.quantities.length} buckets of history`,
    };
  }
  if (stock.promisedServiceLevel === null || stock.promisedServiceLevel === stock.serviceLevelTarget) return stock;
  return { ...stock, basis: `${stock.basis}, promising ${(stock.promisedServiceLevel * 100).toFixed(1)}% (stock comes in whole units)` };
}

/**
 * σ of demand over the protection interval P, demand and lead time both
 * varying: √(P·σd² + d²·σL²). With the forecast's backtest error over its
 * lead time, P·σd² is that error's mean square scaled to P days.
 */
export function protectionIntervalStdDev(question: Pick<SafetyStockQuestion, 'demand' | 'protectionDays' | 'leadTimeStdDevDays'>): number {
  return Math.sqrt(demandVarianceOver(question) + question.demand.perDay ** 2 * question.leadTimeStdDevDays ** 2);
}

function demandVarianceOver({ demand, protectionDays }: Pick<SafetyStockQuestion, 'demand' | 'protectionDays'>): number {
  const error = demand.leadTimeError;
  if (error && error.overDays > 0 && Number.isFinite(error.variance)) return (error.variance * protectionDays) / error.overDays;
  return protectionDays * demand.stdDevPerDay ** 2;
}

function normalSafetyStock(question: SafetyStockQuestion, serviceLevel: ServiceLevelTarget): SafetyStock {
  const undershoot = question.undershoot;
  const demandSigma = protectionIntervalStdDev(question);
  // The undershoot adds its mean to the level and its variance to the spread (independent of lead-time demand).
  const sigma = undershoot ? Math.sqrt(demandSigma ** 2 + undershoot.variance) : demandSigma;
  const error = question.demand.leadTimeError;
  const source = error ? ` (forecast error ${statisticWords(Math.sqrt(error.variance))} over ${dayWords(error.overDays)} in backtest)` : '';
  const withUndershoot = undershoot ? `, the undershoot's σ ${statisticWords(Math.sqrt(undershoot.variance))} included` : '';
  const over = `σ ${statisticWords(sigma)} over ${dayWords(question.protectionDays)}${source}${withUndershoot}`;
  const target = serviceLevel.target;
  const expectedUndershoot = undershoot && { undershoot: undershoot.mean };
  if (serviceLevel.measure === 'cycle-service-level') {
    const z = inverseNormalCdf(target);
    return {
      method: 'normal',
      quantity: z * sigma,
      ...expectedUndershoot,
      serviceLevelTarget: target,
      promisedServiceLevel: target,
      basis: `normal theory: z ${statisticWords(z)} for a ${percentWords(target)} cycle service level × ${over} = ${statisticWords(z * sigma)}`,
    };
  }
  // Fill rate: expected shortage per cycle = (1 − fill rate) × demand per cycle = σ·G(k).
  const shortage = (1 - target) * question.cycleDemand;
  if (sigma === 0 || shortage <= 0) {
    const why = sigma === 0 ? 'demand does not vary' : 'a cycle carries no expected demand';
    return {
      method: 'normal',
      quantity: 0,
      ...expectedUndershoot,
      serviceLevelTarget: target,
      promisedServiceLevel: target,
      basis: `no safety stock for a ${percentWords(target)} fill rate: ${why}`,
    };
  }
  const k = inverseNormalLoss(shortage / sigma);
  return {
    method: 'normal',
    quantity: k * sigma,
    ...expectedUndershoot,
    serviceLevelTarget: target,
    promisedServiceLevel: target,
    basis:
      `normal theory: k ${statisticWords(k)} from G(k) = expected shortage ${statisticWords(shortage)} ` +
      `(${percentWords(1 - target)} of ${statisticWords(question.cycleDemand)} a cycle) / ${over}, for a ${percentWords(target)} fill rate = ${statisticWords(k * sigma)}`,
  };
}

/** What a promise on intermittent or lumpy demand rests on, in words. */
function compoundBasis(
  demandClass: DemandClass | undefined,
  history: NonNullable<SafetyStockQuestion['demand']['history']>,
  perDay: number,
  similarSizes: readonly number[] | undefined,
): string {
  const demands = history.quantities.filter((q) => q > 0).length;
  const sizes = similarSizes?.length
    ? `its own ${demands} sizes weighed against ${similarSizes.length} sizes of similar items`
    : `its own ${demands} sizes`;
  return (
    `${demandClass ?? 'intermittent'} demand, compound: level ${statisticWords(perDay * history.bucketDays)} a bucket of ${dayWords(history.bucketDays)} ` +
    `from the forecast; chance of demand from ${demands} of ${history.quantities.length} buckets, with its uncertainty; ${sizes}, with the uncertainty of their mean`
  );
}

function bootstrapSafetyStock(question: SafetyStockQuestion, serviceLevel: ServiceLevelTarget): SafetyStock | undefined {
  const history = question.demand.history;
  if (!history) return undefined;
  const { protectionDays } = question;
  const target = serviceLevel.target;
  const fillRate = serviceLevel.measure === 'fill-rate';
  const { perDay, similarSizes } = question.demand;
  const unmetDemand = question.unmetDemand ?? 'backorder';
  // The forecast sets the level, the history the shape around it (compound-demand.ts).
  const model = compoundHistoryOf(question.demand)!;
  // A periodic order serves the review period's demand; a continuous one is measured over the whole interval.
  const cycleDays = question.reviewDays > 0 ? question.reviewDays : protectionDays;
  const found = fillRate
    ? levelForFillRate(model, protectionDays, target, cycleDays, undefined, unmetDemand)
    : leadTimeDemandQuantile(model, protectionDays, target);
  if (found === undefined) return undefined;
  const { level, promised } = found;
  const expected = perDay * protectionDays;
  const measure = fillRate
    ? `meets a ${percentWords(target)} fill rate${unmetDemand === 'lost' ? ' with unmet demand lost' : ''}`
    : `covers ${dayWords(protectionDays)} of demand with ${percentWords(target)} probability`;
  return {
    method: 'bootstrap',
    quantity: level - expected,
    serviceLevelTarget: target,
    promisedServiceLevel: promised,
    basis: `${compoundBasis(question.demandClass, history, perDay, similarSizes)}: stock of ${statisticWords(level)} ${measure}, ${statisticWords(expected)} of it expected demand`,
  };
}
