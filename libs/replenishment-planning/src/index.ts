// The replenishment engine and the what-if simulator: pure functions over agreement terms, stock and demand.

// Deciding one order: what a site holds and owes, the terms, the decision and its explanation.
export type {
  ClosedShortOrder,
  DemandClass,
  DemandOutlook,
  OpenOrder,
  PlanningTerms,
  ShortDispatch,
  ReplenishmentDecision,
  StockSituation,
} from './plan/planning-types';
export { planReplenishment } from './plan/replenishment-plan';
export { projectStock, type ProjectedDay, type StockProjection } from './plan/projected-stock';
export { agreedLevels } from './policy/reorder-levels';

// Sharing a supplier's limited capacity among the sites that ask for it.
export { allocateCapacity, type CapacityAllotment, type CapacityRequest } from './capacity/capacity-allocation';

// Days, exact quantities and the words explanations are written in, for code that explains its own steps.
export { DAY_MS } from './calendar/delivery-calendar';
export { stored } from './plan/exact-quantity';
export { dayWords, quantityWords } from './explanation/explanation-words';

// Safety stock from an item's own demand history, and the seeded randomness that makes it repeatable.
export {
  ENGINE_RESAMPLING,
  leadTimeDemandQuantile,
  levelForFillRate,
  RESAMPLINGS,
  type DemandHistory,
  type Resampling,
} from './safety-stock/lead-time-demand';
export { MIN_DEMANDS_FOR_PROMISE } from './safety-stock/safety-stock';
export { SeededRandom } from './safety-stock/seeded-random';

// What-if: replaying a demand history through an agreement line.
export {
  DEMAND_DISTRIBUTIONS,
  MAX_WHAT_IF_WORK,
  UNMET_DEMAND,
  WHAT_IF_TIME_BUDGET_MS,
  whatIfProblems,
  whatIfWork,
  type DemandDistribution,
  type UnmetDemand,
  type WhatIfInput,
} from './simulation/what-if-input';
export {
  simulateWhatIf,
  WhatIfTimeBudgetExceeded,
  type BucketTrace,
  type Deadline,
  type DemandOutlookSource,
  type WhatIfResult,
} from './simulation/what-if-simulator';
export { pastDemandOutlook } from './simulation/past-demand-outlook';
export { penaltyExposure, type PenaltyExposure } from './simulation/penalty-exposure';

// The service-level study: many items' histories replayed under one protocol, and the service reached per demand class.
export {
  groupOutcome,
  outcomesByGroup,
  promisedThroughout,
  replayItems,
  roseAfterWarmUp,
  serviceOutlooks,
  STUDY_WARM_UP_MONTHS,
  studyLine,
  type GroupOutcome,
  type ItemOutcome,
  type ReplayOptions,
  type StudyGroup,
  type StudyItem,
} from './replay/demand-history-replay';
export { parseCarparts } from './replay/carparts';
export { syntheticIntermittentItems, syntheticSmoothItems, type IntermittentProcess } from './replay/synthetic-demand';
export { lumpyDailyDemand, steadyDailyDemand } from './replay/synthetic-daily-demand';
export { sizesRelativeToItemMean } from './safety-stock/compound-demand';
