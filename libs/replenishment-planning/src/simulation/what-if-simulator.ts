import { DAY_MS, arrivalOf } from '../calendar/delivery-calendar';
import { stored } from '../plan/exact-quantity';
import type { DemandOutlook, OpenOrder, PlanningTerms } from '../plan/planning-types';
import { PERIODIC_POLICIES } from '../policy/reorder-policy';
import { planReplenishment } from '../plan/replenishment-plan';
import { pastDemandOutlook } from './past-demand-outlook';
import type { LineDay } from '@smi/service-levels';
import { monthsBelowFloor, penaltyExposure, simulatedRates, type PenaltyExposure } from './penalty-exposure';
import { serviceCycles, type MeasuredWindow } from './service-measures';
import { StockLedger } from './stock-ledger';
import {
  DEFAULT_CURRENCY,
  DEFAULT_VALID_FROM,
  NO_AGREEMENT_PENALTIES,
  whatIfProblems,
  type UnmetDemand,
  type WhatIfInput,
} from './what-if-input';

/**
 * The what-if simulator: replays a demand history (or a forecast scenario)
 * through an agreement line's terms and the replenishment engine, and reports
 * the service and the stock it would have given.
 *
 * The clock runs day by day from validFrom. Each day, first the orders due by
 * its start arrive (owed demand is served first). On the first day of a bucket
 * the engine decides, on what it could know then (pastDemandOutlook: the
 * buckets before, never the one coming), and an order it places is released at
 * once and arrives exactly when due; then the bucket's whole demand comes, met
 * from stock as far as it goes. Demand inside a bucket has no finer timing, so
 * it all counts on the bucket's first day: the engine reviews at the grain of
 * the demand, and stock must be there when the bucket starts.
 *
 * Demand not met from stock is owed and met at the next receipt ('backorder',
 * the textbook setting for cycle service level and fill rate), or lost.
 * Lead times are as agreed, never late or short; approval is not simulated.
 *
 * A caller may supply the outlook instead (a forecasting method's forecast and
 * backtest error, to compare methods by the stock and service they give); it is
 * handed the buckets before the one starting and nothing after, so it cannot
 * see the demand it plans for.
 */
export function simulateWhatIf(input: WhatIfInput, outlookFrom?: DemandOutlookSource, deadline?: Deadline): WhatIfResult {
  const problems = whatIfProblems(input);
  if (problems.length > 0) throw new RangeError(`invalid what-if input:\n  ${problems.join('\n  ')}`);
  const { line, demand, bucketDays } = input;
  const validFrom = input.validFrom ?? DEFAULT_VALID_FROM;
  const unmetDemand: UnmetDemand = input.unmetDemand ?? 'backorder';
  const terms: PlanningTerms = { line, agreementVersion: input.agreementVersion ?? 1, validFrom, unmetDemand };
  const distribution = input.distribution ?? 'by-demand-class';
  const start = Date.parse(`${validFrom}T00:00:00Z`);
  const days = demand.length * bucketDays;
  const measuredFrom = (input.warmUpBuckets ?? 0) * bucketDays;
  const periodic = PERIODIC_POLICIES.includes(line.policy ?? 'min-max');

  const ledger = new StockLedger(input.initialOnHand ?? (line.levelsIn === 'days-of-supply' ? 0 : line.maximum), unmetDemand);
  const open: OpenOrder[] = [];
  const orders: SimulatedOrder[] = [];
  const buckets: BucketTrace[] = [];
  /** Days a replenishment cycle starts: a review's regular arrival (periodic policies), or a receipt (continuous ones). */
  const cycleStarts: number[] = [];
  const stockedOutOn = new Uint8Array(days);
  const onHandAtEnd = new Float64Array(days);
  const metOn = new Float64Array(days);
  const demandOn = new Float64Array(days);
  const issuedOn = new Float64Array(days);
  /** On-hand as the buyer's books would show it (demand owed is negative stock), at the end of each day. */
  const netAtEnd = new Float64Array(days);
  /** Whether a stockout began (on-hand went from above zero to at or below it) or ended that day. */
  const stockoutBegan = new Uint8Array(days);
  const stockoutEnded = new Uint8Array(days);
  const netOnHand = () => stored(ledger.onHand - ledger.backorders);
  let net = netOnHand();
  let lastReviewAt: Date | undefined;
  /** The engine's promise at each measured decision (null: none). */
  const promises: (number | null)[] = [];

  for (let day = 0; day < days; day++) {
    const issuedBefore = ledger.issued;
    // An order arrives on the first day that starts at or after it is due.
    const due = open.filter((order) => order.dueAt.getTime() <= start + day * DAY_MS);
    if (due.length > 0) {
      for (const order of due) open.splice(open.indexOf(order), 1);
      ledger.receive(due.reduce((sum, order) => sum + order.quantity, 0));
      if (!periodic) cycleStarts.push(day);
    }
    // Receipts come at the start of the day, then the bucket's demand: both at its first moment.
    if (net <= 0 && netOnHand() > 0) stockoutEnded[day] = 1;
    net = netOnHand();
    if (day % bucketDays === 0) {
      if (deadline && deadline.now() > deadline.at) throw new WhatIfTimeBudgetExceeded(day, days);
      const now = new Date(start + day * DAY_MS);
      const bucket = day / bucketDays;
      const decision = planReplenishment(terms, {
        now,
        onHand: ledger.onHand,
        backorders: ledger.backorders,
        openOrders: [...open],
        // The engine reviews once a bucket: each past bucket's demand is what one review saw.
        demand: {
          ...(outlookFrom ? outlookFrom(demand.slice(0, bucket), bucketDays) : pastDemandOutlook(demand, bucket, bucketDays, distribution)),
          demandPerReview: demand.slice(0, bucket),
        },
        lastReviewAt,
      });
      if (day >= measuredFrom) promises.push(decision.explanation.promisedServiceLevel);
      if (decision.reviewedAt) {
        lastReviewAt = decision.reviewedAt;
        cycleStarts.push(Math.ceil((arrivalOf(now, line).dueAt.getTime() - start) / DAY_MS));
      }
      if (decision.kind === 'order') {
        const order = { orderId: `what-if-${orders.length + 1}`, quantity: decision.quantity, dueAt: decision.dueAt };
        open.push(order);
        orders.push({
          day,
          orderedAt: now.toISOString(),
          quantity: order.quantity,
          emergency: decision.emergency,
          dueAt: order.dueAt.toISOString(),
        });
      }
      demandOn[day] = demand[bucket];
      metOn[day] = ledger.demand(demand[bucket]);
      // Receipts only add stock within a bucket: after its demand, on hand is at its lowest.
      buckets.push({
        start: now.toISOString().slice(0, 10),
        demand: demand[bucket],
        metFromStock: metOn[day],
        lowestOnHand: ledger.onHand,
        backorders: ledger.backorders,
      });
    }
    if (net > 0 && netOnHand() <= 0) stockoutBegan[day] = 1;
    net = netOnHand();
    netAtEnd[day] = net;
    issuedOn[day] = ledger.issued - issuedBefore;
    stockedOutOn[day] = ledger.stockedOut ? 1 : 0;
    onHandAtEnd[day] = ledger.onHand;
  }

  const window: MeasuredWindow = { from: measuredFrom, to: days };
  const measured = (day: number) => day >= window.from;
  const total = (values: Float64Array) => stored(values.subarray(window.from).reduce((sum, v) => sum + v, 0));
  const demandTotal = total(demandOn);
  const metFromStock = total(metOn);
  const unmet = stored(demandTotal - metFromStock);
  const measuredDays = days - window.from;
  const averageOnHand = total(onHandAtEnd) / measuredDays;
  // The measured days as the live monitor sees a site x item's days: the same facts, priced by the same rules.
  const lineDays: LineDay[] = [];
  for (let day = window.from; day < window.to; day++) {
    const moment = (): LineDay['stockoutsBegun'] => [
      { at: new Date(start + day * DAY_MS), stockLevelEventId: `what-if/${dayOf(start, day)}`, onHand: netAtEnd[day] },
    ];
    lineDays.push({
      day: dayOf(start, day),
      closingOnHand: netAtEnd[day],
      // Receipts only add after the day's first moment: the day ends at its lowest.
      lowestOnHand: netAtEnd[day],
      hoursStockedOut: netAtEnd[day] <= 0 ? 24 : 0,
      demand: demandOn[day],
      metFromStock: metOn[day],
      issued: issuedOn[day],
      stockLevelEventIds: [],
      stockoutsBegun: stockoutBegan[day] ? moment() : [],
      stockoutsEnded: stockoutEnded[day] ? moment() : [],
    });
  }
  const stockoutDays = lineDays.filter((day) => day.lowestOnHand <= 0).length;
  const cycles = serviceCycles(cycleStarts, stockedOutOn, window);
  const measuredOrders = orders.filter((order) => measured(order.day));
  const promised = promises.filter((p): p is number => p !== null);
  const monthsBelowFillRateFloor = monthsBelowFloor(lineDays, line.penalties?.fillRateFloor);
  const rates = simulatedRates(
    line,
    terms.agreementVersion,
    input.agreementPenalties ?? NO_AGREEMENT_PENALTIES,
    input.currency ?? DEFAULT_CURRENCY,
  );
  return {
    measuredFrom: dayOf(start, window.from),
    measuredTo: dayOf(start, days - 1),
    measuredDays,
    demand: demandTotal,
    metFromStock,
    backordered: unmetDemand === 'backorder' ? unmet : 0,
    lost: unmetDemand === 'lost' ? unmet : 0,
    fillRate: demandTotal > 0 ? metFromStock / demandTotal : null,
    cycles: cycles.count,
    cyclesWithStockout: cycles.withStockout,
    cycleServiceLevel: cycles.count > 0 ? 1 - cycles.withStockout / cycles.count : null,
    promisedServiceLevel: promised.length > 0 ? promised.reduce((sum, p) => sum + p, 0) / promised.length : null,
    decisionsWithoutPromise: promises.length - promised.length,
    stockoutDays,
    averageOnHand,
    inventoryTurns: averageOnHand > 0 ? ((total(issuedOn) / measuredDays) * 365) / averageOnHand : null,
    orders: measuredOrders.length,
    emergencyOrders: measuredOrders.filter((order) => order.emergency).length,
    orderedQuantity: stored(measuredOrders.reduce((sum, order) => sum + order.quantity, 0)),
    monthsBelowFillRateFloor,
    penaltyExposure: penaltyExposure(lineDays, rates),
    orderLog: orders.map(({ day, ...order }) => ({ ...order, measured: measured(day) })),
    buckets,
  };
}

/** The engine's outlook at the start of a bucket from the buckets before it (oldest first). */
/** When a run must give up (`at`, in the clock's milliseconds), and the clock to read. */
export interface Deadline {
  at: number;
  now: () => number;
}

/** A run that went past its deadline: the caller asked for more than it may wait for. */
export class WhatIfTimeBudgetExceeded extends Error {
  constructor(
    readonly simulatedDays: number,
    readonly askedDays: number,
  ) {
    super(`the simulation ran out of its time budget after ${simulatedDays} of ${askedDays} days`);
  }
}

export type DemandOutlookSource = (pastBuckets: readonly number[], bucketDays: number) => DemandOutlook;

const dayOf = (start: number, day: number) => new Date(start + day * DAY_MS).toISOString().slice(0, 10);

/** One bucket of the replay, warm-up included. */
export interface BucketTrace {
  /** First day (YYYY-MM-DD). */
  start: string;
  demand: number;
  metFromStock: number;
  /** On hand right after the bucket's demand: receipts only add to it until the next bucket. */
  lowestOnHand: number;
  /** Demand owed at that moment. */
  backorders: number;
}

interface SimulatedOrder {
  day: number;
  orderedAt: string;
  quantity: number;
  emergency: boolean;
  dueAt: string;
}

/** What the replay gave over the measured buckets (after the warm-up). */
export interface WhatIfResult {
  /** First and last day measured (YYYY-MM-DD), and how many days. */
  measuredFrom: string;
  measuredTo: string;
  measuredDays: number;
  demand: number;
  metFromStock: number;
  /** Demand owed when it came (unmetDemand 'backorder'), met later from receipts. */
  backordered: number;
  /** Demand lost (unmetDemand 'lost'). demand = metFromStock + backordered + lost. */
  lost: number;
  /** Share of demand met from stock when it came; null without demand. */
  fillRate: number | null;
  /**
   * Replenishment cycles: for periodic policies from each review's regular
   * arrival to the next's, for continuous ones from receipt to receipt.
   */
  cycles: number;
  cyclesWithStockout: number;
  /** Share of cycles without a stockout; null without a whole cycle measured. */
  cycleServiceLevel: number | null;
  /**
   * The service level the engine promised (explanation.promisedServiceLevel),
   * averaged over the measured decisions that carried a promise; null when
   * none did.
   */
  promisedServiceLevel: number | null;
  /** Measured decisions without a promise: no target, or too little demand history to stand behind one. */
  decisionsWithoutPromise: number;
  /** Days on which on-hand (demand owed counting as negative stock) was at or below zero, as the live monitor counts them. */
  stockoutDays: number;
  /** On hand at the end of the day, averaged over the days measured. */
  averageOnHand: number;
  /** Units handed to the buyer per year over the average on hand; null with nothing on hand. */
  inventoryTurns: number | null;
  /** Orders placed in the measured days, and how many were emergency orders. */
  orders: number;
  emergencyOrders: number;
  orderedQuantity: number;
  monthsBelowFillRateFloor: number;
  /**
   * Penalties the terms would claim, month by month, by the live monitor's own rules
   * (@smi/service-levels penaltiesFor): per stockout day, per month below the fill-rate
   * floor, and per stockout beyond the agreement's monthly allowance. Deliveries arrive
   * on time and in full here, so no late- or short-delivery penalties.
   */
  penaltyExposure: PenaltyExposure;
  /** Every order placed, warm-up included (measured: false). */
  orderLog: { orderedAt: string; quantity: number; emergency: boolean; dueAt: string; measured: boolean }[];
  buckets: BucketTrace[];
}
