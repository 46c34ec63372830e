/**
 * The facts a supplier's service is judged on, per agreement line, in business time. The live
 * monitor (sla-monitor) builds them from stock levels, shipments and forecast accuracy; the what-if
 * simulator from its simulated ledger. Both then call the same KPI and penalty rules, so the two
 * agree on the same demand to the cent.
 */

/** A calendar day in UTC, YYYY-MM-DD. */
export type Day = string;

/** One site x item day, as the stock record shows it. */
export interface LineDay {
  day: Day;
  /** On-hand at the end of the day (carried from the last level before it on a day without movements). */
  closingOnHand: number;
  /** Lowest on-hand at any moment of the day. At or below zero makes it a stockout day. */
  lowestOnHand: number;
  /** Hours of the day (0 to 24) the site x item spent at or below zero. */
  hoursStockedOut: number;
  /** Demand of the day: what was consumed, plus what could not be (estimated while stocked out). */
  demand: number;
  /** Demand met from stock. */
  metFromStock: number;
  /** Quantity issued (consumed) that day; the numerator of turnover. */
  issued: number;
  /** Ids of the stock level events behind the day, for evidence (the last of the day first). */
  stockLevelEventIds: string[];
  /** Stockouts that began this day: each moment on-hand went from above zero to at or below zero. */
  stockoutsBegun: StockoutMoment[];
  /** Stockouts that ended this day: each moment on-hand went from at or below zero back above zero. */
  stockoutsEnded: StockoutMoment[];
}

/** A moment a stockout began or ended, and the stock level that shows it. */
export interface StockoutMoment {
  at: Date;
  /** The stock level event of that moment (evidence STOCK_LEVEL); a simulated day names its own. */
  stockLevelEventId: string;
  /** On-hand right after it. */
  onHand: number;
}

/** One stock level of a site x item, as inventory-ingest announced it: what lineDaysFromLevels reads. */
export interface LevelFact {
  eventId: string;
  /** +1 per movement applied to the site x item: the order levels happened in. */
  sequence: number;
  /** occurredAt of the movement (business time). */
  asOf: Date;
  /** On-hand after the movement; negative when consumption was booked beyond the known stock. */
  onHand: number;
  movementKind: 'RECEIPT' | 'CONSUMPTION' | 'ADJUSTMENT' | 'COUNT';
  movementQuantity: number;
}

/** One order line's journey to the site: what was ordered, sent and received, and when. */
export interface DeliveryLine {
  orderId: string;
  shipmentId: string;
  siteId: string;
  itemId: string;
  /** When the order was placed (its decision, business time). */
  orderedAt: Date;
  /** When the order promised delivery. */
  promisedAt: Date;
  /** First arrival: the first matched goods receipt, else the delivery logistics reported; null while on its way. */
  deliveredAt: Date | null;
  orderedQuantity: number;
  /** What the advance shipping notice said left; null before dispatch. */
  dispatchedQuantity: number | null;
  receivedQuantity: number;
  /** Whether goods of another item were booked against this order. */
  wrongItemReceived: boolean;
  /** The agreed lead time (days) of the line version in force when the order was placed. */
  agreedLeadTimeDays: number;
  /** Ids of the goods receipts' stock level events matched to this line. */
  receiptEventIds: string[];
}

/** The penalty terms of one agreement version, as they apply to one line. */
export interface LinePenaltyRates {
  agreementVersion: number;
  currency: string;
  perStockoutDay?: number;
  perLateDelivery?: number;
  perShortDelivery?: number;
  fillRateFloor?: number;
  perFillRateShortfall?: number;
  allowedStockoutsPerMonth: number;
  penaltyPerStockout: number;
}

/** The agreement version in force on a day, for one line: the rule and amount of a breach that day. */
export type RatesOn = (day: Day) => LinePenaltyRates | undefined;
