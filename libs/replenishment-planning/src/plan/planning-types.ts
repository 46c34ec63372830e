import type { AgreementLine } from '@smi/agreements';
import type { OrderExplanation } from '@smi/contracts';
import type { DemandClass } from '@smi/forecasting';
import type { UnmetDemandHandling } from '../safety-stock/lead-time-demand';

/**
 * The inputs and outputs of the replenishment engine. The engine is pure: it
 * reads a situation and an agreement line and returns a decision with its
 * explanation; the service and the what-if simulator both call it.
 */

/** Syntetos-Boylan class: one definition, in @smi/forecasting. */
export type { DemandClass } from '@smi/forecasting';

/** What the engine knows about future demand for one site x item. */
export interface DemandOutlook {
  /** Expected demand per day. */
  perDay: number;
  /** Standard deviation of demand per day. */
  stdDevPerDay: number;
  /** Syntetos-Boylan class, as the forecasting service publishes it; absent when unknown. */
  demandClass?: DemandClass;
  /**
   * The item's own demand history, oldest first, in buckets of bucketDays
   * (1 = daily, 7 = weekly, 30 = monthly). Distribution-aware safety stock
   * resamples it; absent or too short and the engine falls back to normal theory.
   */
  history?: { bucketDays: number; quantities: readonly number[] };
  /**
   * Demand sizes of similar items, each over its own item's mean size: the
   * engine draws sizes from them for an item that has seen few demands of its
   * own (safety-stock/compound-demand.ts). Absent, the item's own sizes only.
   */
  similarSizes?: readonly number[];
  /**
   * How far the forecast has missed demand summed over overDays days, from its
   * own backtest: the mean squared error of that sum. When present, normal
   * theory takes the demand part of its σ from it (scaled to the protection
   * interval) rather than from the spread of demand, since a forecast that
   * follows a trend misses by less than demand varies.
   */
  leadTimeError?: { variance: number; overDays: number };
  /**
   * The demand each past review saw, oldest first, when the caller reviews at
   * a fixed grain (the what-if simulator: once a bucket, before its demand).
   * A continuous policy with a service-level target then covers the
   * undershoot: the position is already below the reorder point by part of
   * one review's demand when the order is placed (safety-stock/undershoot.ts).
   * Absent (the live service reviews every stock movement), none is planned.
   */
  demandPerReview?: readonly number[];
}

/** An order released or awaiting approval and not yet received in full. */
export interface OpenOrder {
  orderId: string;
  /** What is still due: ordered less what partial receipts already brought (those goods are in on-hand). */
  quantity: number;
  /** What partial receipts already brought of it, when any did: the explanation shows it. */
  received?: number;
  /**
   * A short shipment: what the supplier dispatched and what was ordered, when it dispatched less.
   * Only the dispatched part is still due; the explanation shows the shortfall.
   */
  short?: ShortDispatch;
  /** When it is due to arrive. */
  dueAt: Date;
}

/** An order whose supplier dispatched less than it asked for: the rest will never come. */
export interface ShortDispatch {
  ordered: number;
  dispatched: number;
}

/** An order closed short: all that was dispatched arrived, the shortfall never will (it is no longer on order). */
export interface ClosedShortOrder extends ShortDispatch {
  orderId: string;
}

/** The stock situation the engine decides on. */
export interface StockSituation {
  /** Time of the decision. */
  now: Date;
  onHand: number;
  /** Demand owed to the buyer and not yet met. */
  backorders: number;
  openOrders: readonly OpenOrder[];
  /** Orders closed short since this line last ordered: they count 0, and the explanation says why. */
  closedShort?: readonly ClosedShortOrder[];
  demand: DemandOutlook;
  /**
   * When the periodic policies last reviewed this line: the reviewedAt of the
   * decision before. Absent, a periodic policy reviews now; a caller that calls
   * only at review moments (the simulator) need not keep it.
   */
  lastReviewAt?: Date;
}

/** The agreement line in force, with its version and the agreement's validity start (anchor of review calendars). */
export interface PlanningTerms {
  line: AgreementLine;
  agreementVersion: number;
  validFrom: string;
  /** Whether demand not met from stock waits for the next receipt (default) or is lost: a fill rate's level depends on it. */
  unmetDemand?: UnmetDemandHandling;
}

export type ReplenishmentDecision =
  | {
      kind: 'none';
      explanation: OrderExplanation;
      /** Set when a periodic policy reviewed the line now: keep it as the next call's lastReviewAt. */
      reviewedAt?: Date;
    }
  | {
      kind: 'order';
      quantity: number;
      emergency: boolean;
      /** Lead time used: the emergency lead time for an emergency order. */
      leadTimeDays: number;
      dueAt: Date;
      /** quantity x unit price (0 without a price). */
      orderValue: number;
      explanation: OrderExplanation;
      /** Set when a periodic policy reviewed the line now: keep it as the next call's lastReviewAt. */
      reviewedAt?: Date;
    };
