// Generated from schemas/*.avsc by `npm run contracts:generate`. Do not edit.

export type ProposalStep = 'PROPOSED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export const ProposalStepValues = ['PROPOSED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;

export type ProposedChange = 'CREATE' | 'AMEND' | 'RETIRE';
export const ProposedChangeValues = ['CREATE', 'AMEND', 'RETIRE'] as const;

/** Agreement-wide stockout penalty. */
export interface AgreementPenaltyTerms {
  /** Stockouts per calendar month per line tolerated without a penalty. */
  allowedStockoutsPerMonth: number;
  /** Amount due for each stockout beyond the allowance. */
  penaltyPerStockout: number;
}

/** How often the parties hear from the platform. */
export interface CommunicationTerms {
  /** Hours between digests (24 = daily). */
  digestEveryHours: number;
  /** Whether alerts go out at once rather than in the digest. */
  immediateAlerts: boolean;
}

/** A person to reach at one of the parties. */
export interface AgreementContact {
  /** The party the contact works for. */
  partyId: string;
  /** Contact's name. */
  name: string;
  /** For example planner, logistics, account manager. */
  role: string;
  /** Email address. */
  email: null | string;
  /** Phone number. */
  phone: null | string;
}

/** The replenishment terms for one buyer site x item. Optional terms are null when not agreed. */
export interface AgreementLineTerms {
  /** Buyer site. */
  siteId: string;
  /** Item. */
  itemId: string;
  /** Unit of measure of every quantity on the line. */
  unit: string;
  /** 'units': minimum and maximum are quantities; 'days-of-supply': they are days of forecast demand. */
  levelsIn: string;
  /** Lowest stock the buyer accepts; the reorder point when no other is set. */
  minimum: number;
  /** Highest stock the buyer accepts; the order-up-to level. */
  maximum: number;
  /** Explicit reorder point, overriding the computed one. */
  reorderPoint: null | number;
  /** 'cycle-service-level' or 'fill-rate'. */
  serviceLevelMeasure: null | string;
  /** Target between 0 and 1. */
  serviceLevelTarget: null | number;
  /** 'fixed', 'days-of-cover' or 'service-level'. */
  safetyStockMethod: null | string;
  /** Safety stock of the 'fixed' method. */
  safetyStockQuantity: null | number;
  /** Days of cover of the 'days-of-cover' method. */
  safetyStockDays: null | number;
  /** 'min-max' (s,S), 'order-up-to' (R,S), 'periodic-min-max' (R,s,S) or 'fixed-quantity' (s,Q). */
  policy: string;
  /** Order quantity of the fixed-quantity policy. */
  fixedOrderQuantity: null | number;
  /** Days between reviews of the periodic policies. */
  reviewPeriodDays: null | number;
  /** Weekdays (MON..SUN) the buyer takes deliveries; empty means any day. */
  deliveryWeekdays: Array<string>;
  /** Periods the forecasting service buckets demand in and forecasts: 'day' or 'week' (Monday to Sunday, UTC). */
  forecastPeriod: string;
  /** Mean lead time in calendar days. */
  leadTimeDays: number;
  /** Standard deviation of the lead time in days. */
  leadTimeStdDevDays: null | number;
  /** Smallest quantity an order may carry. */
  minimumOrderQuantity: null | number;
  /** Orders are whole multiples of this quantity. */
  packMultiple: number;
  /** Largest quantity one order may carry. */
  maximumLot: null | number;
  /** Price per unit in the agreement's currency. */
  unitPrice: null | number;
  /** Largest quantity the supplier may release alone. */
  approvalMaxQuantity: null | number;
  /** Largest order value the supplier may release alone. */
  approvalMaxValue: null | number;
  /** Hours the buyer may still reject a released order. */
  approvalVetoWindowHours: null | number;
  /** Hours after which an order awaiting approval lapses. */
  approvalExpiresAfterHours: null | number;
  /** Whether an expedited delivery may be ordered. */
  emergencyAllowed: boolean;
  /** Lead time of an expedited delivery. */
  emergencyLeadTimeDays: null | number;
  /** Penalty per day out of stock. */
  penaltyPerStockoutDay: null | number;
  /** Penalty per late delivery. */
  penaltyPerLateDelivery: null | number;
  /** Penalty per short delivery. */
  penaltyPerShortDelivery: null | number;
  /** Monthly fill rate below which a penalty is due. */
  fillRateFloor: null | number;
  /** Penalty for a month below the fill-rate floor. */
  penaltyPerFillRateShortfall: null | number;
}

/** A line term one party may change alone, within bounds both parties agreed. */
export interface TunableTerm {
  /** The party that may change the term alone: buyer or supplier. */
  by: string;
  /** The numeric line term, for example leadTimeDays or maximum. */
  term: string;
  /** Lowest value the party may set (inclusive). */
  min: number;
  /** Highest value the party may set (inclusive). */
  max: number;
}

/** One step of a proposed agreement change: a buyer or supplier proposes a new agreement, an amendment or a retirement, and it takes effect only when the other party accepts it. Carries the proposed terms (for a retirement, the terms retired). Key on Kafka: agreementId. */
export interface AgreementProposal {
  /** Unique id of this event: proposalId/<step in lower case>. */
  eventId: string;
  /** The proposal this step belongs to. */
  proposalId: string;
  /** PROPOSED by one party; ACCEPTED or REJECTED by the other; WITHDRAWN by the proposer. Only ACCEPTED makes a version, published on the agreements topic. */
  step: ProposalStep;
  /** What the proposal asks: a new agreement, an amendment or a retirement. */
  change: ProposedChange;
  /** Party id of who took this step. */
  by: string;
  /** When the step was taken. */
  at: Date;
  /** Why, in the words of who took the step. */
  reason: string;
  /** Party id of the proposer. */
  proposedBy: string;
  /** When the proposal was made. */
  proposedAt: Date;
  /** Why the proposer asks for the change. */
  proposalReason: string;
  /** On PROPOSED: the party whose acceptance the change waits for. */
  awaiting: null | string;
  /** The version the proposal changes (0 for a new agreement). */
  baseVersion: number;
  /** From when the proposer asks the change to govern; null: from its acceptance (for a new agreement, its first valid day if that is later). */
  requestedEffectiveFrom: null | Date;
  /** On ACCEPTED: the version the acceptance recorded. */
  acceptedVersion: null | number;
  /** On ACCEPTED: from when that version governs, never before the acceptance. */
  effectiveFrom: null | Date;
  /** The agreement. */
  agreementId: string;
  /** The buyer whose stock is replenished. */
  buyerId: string;
  /** The supplier replenishing it. */
  supplierId: string;
  /** ISO 4217 currency of prices and penalties. */
  currency: string;
  /** First day (YYYY-MM-DD, inclusive) the agreement is valid. */
  validFrom: string;
  /** Last day (YYYY-MM-DD, inclusive) the agreement is valid. */
  validTo: string;
  /** Agreement-wide stockout penalty. */
  penalties: AgreementPenaltyTerms;
  /** Communication frequency; null means the platform's default. */
  communication: null | CommunicationTerms;
  /** Contacts per party. */
  contacts: Array<AgreementContact>;
  /** One entry per buyer site x item. */
  lines: Array<AgreementLineTerms>;
  /** Terms one party may change alone within agreed bounds: an amendment changing only those, within them, takes effect without the other party accepting it. */
  tunableAlone: Array<TunableTerm>;
}

export type AgreementStatus = 'ACTIVE' | 'RETIRED';
export const AgreementStatusValues = ['ACTIVE', 'RETIRED'] as const;

/** One version of a replenishment agreement between a buyer and a supplier: the whole agreement as it stands from effectiveFrom, with who changed it, when and why. Every create, amendment and retirement publishes one. Key on Kafka: agreementId. */
export interface AgreementVersion {
  /** Unique id of this event: agreementId/v<version>. */
  eventId: string;
  /** The agreement. */
  agreementId: string;
  /** 1 for the agreement as created, +1 per amendment or retirement. */
  version: number;
  /** RETIRED: no longer governs anything from effectiveFrom on. */
  status: AgreementStatus;
  /** From when this version governs; events dated earlier keep the version before. */
  effectiveFrom: Date;
  /** Party id of who made the change (or 'seed-file' for an import at boot). */
  changedBy: string;
  /** When the change was made. */
  changedAt: Date;
  /** Why, in the changer's words. */
  changeReason: string;
  /** The buyer whose stock is replenished. */
  buyerId: string;
  /** The supplier replenishing it. */
  supplierId: string;
  /** ISO 4217 currency of prices and penalties. */
  currency: string;
  /** First day (YYYY-MM-DD, inclusive) the agreement is valid. */
  validFrom: string;
  /** Last day (YYYY-MM-DD, inclusive) the agreement is valid. */
  validTo: string;
  /** Agreement-wide stockout penalty. */
  penalties: AgreementPenaltyTerms;
  /** Communication frequency; null means the platform's default. */
  communication: null | CommunicationTerms;
  /** Contacts per party. */
  contacts: Array<AgreementContact>;
  /** One entry per buyer site x item. */
  lines: Array<AgreementLineTerms>;
  /** Terms one party may change alone within agreed bounds: an amendment changing only those, within them, takes effect without the other party accepting it. */
  tunableAlone: Array<TunableTerm>;
}

/** A buyer's own forecast of its demand for one item at one site (collaborative forecasting), as its planning system sends it. Key on Kafka: buyerId|siteId|itemId. Scored by the forecasting service like any method and used when it proves the most accurate. */
export interface BuyerForecast {
  /** Unique id of this submission, chosen by the sender. Sent twice, it counts once. */
  eventId: string;
  /** The buyer. */
  buyerId: string;
  /** The buyer's site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Unit of measure of the quantities: the one the site's consumption is kept in. */
  unit: string;
  /** Length of one period in days: 1 (days) or 7 (weeks starting Monday). */
  periodDays: number;
  /** First day (YYYY-MM-DD) of the first period forecast; a Monday for weekly periods. */
  firstPeriodStart: string;
  /** Expected demand of each period from firstPeriodStart on, in unit. */
  quantities: Array<number>;
  /** When the buyer made the forecast: only periods starting after it count in its score. */
  submittedAt: Date;
}

export interface ForecastMethodScore {
  /** The method. */
  method: string;
  /** Mean root mean squared scaled error over the backtest origins. */
  rmsse: number;
  /** Mean absolute scaled error over the same origins. */
  mase: number;
  /** Mean of forecast minus actual per period, in unit. */
  bias: number;
  /** Backtest origins scored. */
  origins: number;
}

/** Expected demand per period for one item at one buyer site, with its uncertainty over the lead time and how the method was chosen. State topic (compacted), key buyerId|siteId|itemId. */
export interface DemandForecast {
  /** Unique id of this forecast event. */
  eventId: string;
  /** The buyer. */
  buyerId: string;
  /** The buyer's site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Unit of measure of the demand. */
  unit: string;
  /** What produced it: 'combination' (per period the median of simple exponential smoothing, ADIDA, TSB, IMAPA and SBA; the forecast of intermittent, lumpy and erratic series since issue 15), 'median-of-best' (per period the median of the 3 candidates with the least backtest error; smooth series), one of libs/forecasting's methods (naive, seasonal-naive, moving-average, simple-exponential-smoothing, holt, holt-damped, holt-winters-additive, holt-winters-multiplicative, croston, sba, tsb, adida, imapa, or a level or trend method with '-seasonally-adjusted'), 'buyer-forecast' when the buyer's own forecast proved the most accurate, 'history-mean' when the history is too short for any method, or 'moving-average-7' on events before version 3. */
  method: string;
  /** Length of one period in days (1 = daily buckets). */
  periodDays: number;
  /** Expected demand in one future period, in unit. */
  demandPerPeriod: number;
  /** Standard deviation of the forecast error of one period: from the chosen method's backtest (the lead-time error variance spread over its periods) or, before a backtest is possible and on events before version 3, the spread of demand in the history. */
  standardDeviationPerPeriod: number;
  /** Number of history periods the forecast was computed from. */
  periodsObserved: number;
  /** When the forecast was computed. */
  generatedAt: Date;
  /** eventId of the latest consumption movement taken into account ('' when a batch run closed periods with no new consumption). */
  basedOnMovementId: string;
  /** Syntetos-Boylan class of the history: smooth, erratic, intermittent or lumpy; empty when there is no demand to classify (and on events before version 2). Replenishment sets safety stock by normal theory for smooth and erratic items and from the item's own demand distribution for intermittent and lumpy ones. */
  demandClass: string;
  /** Demand per period (periodDays each), oldest first, ending with the last closed period (from version 3; before, the period of the latest consumption): the history the class and the distribution-aware safety stock are drawn from. Periods out of stock hold the demand estimate, not the lower consumption. Empty on events before version 2. */
  recentDemand: Array<number>;
  /** The agreement whose line set the period length and lead time; null when no agreement covers the site x item. */
  agreementId: null | string;
  /** First day (YYYY-MM-DD, UTC) of the first period forecast: the day after the last closed period. Null on events before version 3. */
  firstPeriodStart: null | string;
  /** Expected demand of each period from firstPeriodStart on, as far as the backtest horizon (at least the lead time). Empty on events before version 3. */
  horizonDemand: Array<number>;
  /** Periods of the history in which the item was out of stock: their consumption understated demand, so they hold the demand estimate (at least the mean of the uncensored periods before). */
  censoredPeriods: number;
  /** The chosen method's mean RMSSE over the rolling-origin backtest (lower is better); null when the history was too short for a backtest. */
  methodScore: null | number;
  /** The second-best method of the backtest; null when only one could be scored. */
  runnerUpMethod: null | string;
  /** The runner-up's mean RMSSE. */
  runnerUpScore: null | number;
  /** Every method the backtest could score, best first. */
  methodScores: Array<ForecastMethodScore>;
  /** Periods of lead time the error variance is summed over (the agreement line's lead time in periods, rounded up); 0 with no backtest. */
  leadTimePeriods: number;
  /** Mean squared error of the chosen method's demand summed over leadTimePeriods periods, from the backtest, in unit squared: what replenishment sets normal-theory safety stock from. Null with no backtest. */
  leadTimeErrorVariance: null | number;
}

export type EdiDocumentStandard = 'X12' | 'EDIFACT';
export const EdiDocumentStandardValues = ['X12', 'EDIFACT'] as const;

/** One EDI document the platform produced for a trading partner's EDI gateway: an X12 856 advance ship notice or an EDIFACT DESADV for a dispatched shipment, an X12 850 purchase order for a released replenishment order. The gateway delivers content as it is to partyId. Key on Kafka: partyId. */
export interface EdiDocument {
  /** The document's own id, derived from what caused it (reference, document type): the same document produced again has the same id. */
  documentId: string;
  /** Unique id of this event; a gateway that reads it twice delivers once. */
  eventId: string;
  /** X12 (ANSI ASC X12, version 004010) or EDIFACT (UN/EDIFACT D.96A). */
  standard: EdiDocumentStandard;
  /** '856' (advance ship notice), '850' (purchase order) or 'DESADV' (despatch advice). */
  documentType: string;
  /** Who the gateway delivers it to: the buyer for an 856 or DESADV, the supplier for an 850. */
  partyId: string;
  /** The agreement the shipment or order falls under. */
  agreementId: string;
  /** The shipment id (856, DESADV) or the order id (850). */
  reference: string;
  /** The interchange control number (ISA13 / UNB05), monotonic per partyId. */
  controlNumber: number;
  /** The EDI interchange text, envelope included. */
  content: string;
  /** When the platform produced it. */
  createdAt: Date;
}

export type AccuracyScope = 'SITE_ITEM' | 'AGREEMENT';
export const AccuracyScopeValues = ['SITE_ITEM', 'AGREEMENT'] as const;

/** How well the forecasts of one site x item, or of all lines of one agreement, matched the demand that came, once actuals arrived. Key: buyerId|siteId|itemId for a site x item, agreementId for an agreement. */
export interface ForecastAccuracy {
  /** Unique id of this measurement. */
  eventId: string;
  /** SITE_ITEM: one site x item; AGREEMENT: every line of agreementId together. */
  scope: AccuracyScope;
  /** The buyer. */
  buyerId: string;
  /** The agreement covering the site x item (always set for AGREEMENT). */
  agreementId: null | string;
  /** The site (null for AGREEMENT). */
  siteId: null | string;
  /** The item (null for AGREEMENT). */
  itemId: null | string;
  /** Closed periods whose actual demand was compared with what was forecast for them before they started (in the window, censored periods left out). */
  periodsScored: number;
  /** Periods left out because the item was out of stock: their demand is not known. */
  censoredPeriodsSkipped: number;
  /** Mean absolute scaled error: mean |forecast - actual| over the naive method's mean absolute in-sample change. For AGREEMENT, the mean over lines that have one. Null when demand never moved. */
  mase: null | number;
  /** Mean of forecast minus actual per period, in unit (SITE_ITEM); for AGREEMENT, total forecast minus total actual over total actual. Positive: forecasts ran high. */
  bias: number;
  /** Total forecast minus total actual over total actual; null when nothing was consumed. */
  relativeBias: null | number;
  /** Site x items measured: 1 for SITE_ITEM. */
  linesScored: number;
  /** First day (YYYY-MM-DD) of the latest period scored. */
  throughPeriodStart: string;
  /** When it was measured. */
  measuredAt: Date;
}

export type NotificationChannel = 'WEBHOOK' | 'EMAIL';
export const NotificationChannelValues = ['WEBHOOK', 'EMAIL'] as const;

export type DeliveryStatus = 'DELIVERED' | 'FAILED';
export const DeliveryStatusValues = ['DELIVERED', 'FAILED'] as const;

/** The record of one alert delivered (or given up) to a party of an agreement. Key on Kafka: recipientId. */
export interface Notification {
  /** Unique id of this notification event. */
  eventId: string;
  /** The notification's id (one per recipient per causing event). */
  notificationId: string;
  /** The party notified (a buyer or supplier id). */
  recipientId: string;
  /** How it was sent. */
  channel: NotificationChannel;
  /** What it is about: STOCKOUT, ORDER_RAISED, PENALTY, SHIPMENT. */
  topic: string;
  /** One-line summary a person can read. */
  subject: string;
  /** eventId of the event that caused the alert. */
  causedByEventId: string;
  /** DELIVERED: the endpoint acknowledged it (2xx); FAILED: every retry failed. */
  status: DeliveryStatus;
  /** Delivery attempts made. */
  attempts: number;
  /** Why the last attempt failed, when it did. */
  lastError: null | string;
  /** When delivery succeeded or was given up. */
  completedAt: Date;
}

export type PenaltyRule = 'STOCKOUT_DAYS' | 'LATE_DELIVERY' | 'SHORT_DELIVERY' | 'FILL_RATE_FLOOR' | 'STOCKOUTS_BEYOND_ALLOWANCE';
export const PenaltyRuleValues = ['STOCKOUT_DAYS', 'LATE_DELIVERY', 'SHORT_DELIVERY', 'FILL_RATE_FLOOR', 'STOCKOUTS_BEYOND_ALLOWANCE'] as const;

export type EvidenceKind = 'STOCKOUT_DAY' | 'STOCK_LEVEL' | 'ORDER' | 'SHIPMENT' | 'RECEIPT' | 'KPI';
export const EvidenceKindValues = ['STOCKOUT_DAY', 'STOCK_LEVEL', 'ORDER', 'SHIPMENT', 'RECEIPT', 'KPI'] as const;

/** One record behind a penalty, by an id a reader can fetch from the service named. */
export interface PenaltyEvidence {
  /** STOCKOUT_DAY: a day the site x item ended at or below zero (id: the day, YYYY-MM-DD); STOCK_LEVEL: a stock level event (inventory-ingest GET /stock-levels, eventId); ORDER: a replenishment order (replenishment GET /orders/{id}); SHIPMENT: a shipment (shipment GET /shipments/{id}); RECEIPT: a goods receipt's stock level event; KPI: a measured KPI of the period (sla-monitor GET /kpis). */
  kind: EvidenceKind;
  /** The record's id. */
  id: string;
  /** When it happened, when it has a moment. */
  at: null | Date;
  /** The number it contributes: the on-hand of a day, the units short, the days late, the fill rate. */
  quantity: null | number;
  /** What it shows, in a sentence. */
  note: string;
}

/** A penalty due under an agreement for one period, as computed when the period closed, with the rule, the agreement version and the evidence. Late data that changes it publishes a correction: a new revision naming the event it corrects and the difference. Summing `difference` over all events of a penalty gives what is due. Key on Kafka: agreementId. */
export interface Penalty {
  /** Unique id of this event: <penaltyId>/r<revision>. */
  eventId: string;
  /** The penalty: agreement, version, line (or the whole agreement), period and rule; the same on every revision. */
  penaltyId: string;
  /** 1 when the period closed; +1 per correction. */
  revision: number;
  /** The event this one corrects (the previous revision); null on revision 1. */
  correctsEventId: null | string;
  /** The agreement. */
  agreementId: string;
  /** The agreement version in force on the days of the breaches, whose terms set the rule and amount. */
  agreementVersion: number;
  /** The buyer owed the penalty. */
  buyerId: string;
  /** The supplier answerable. */
  supplierId: string;
  /** The agreement line's site; null for a rule over the whole agreement. */
  siteId: null | string;
  /** The agreement line's item; null for a rule over the whole agreement. */
  itemId: null | string;
  /** STOCKOUT_DAYS: line's perStockoutDay per day at or below zero; LATE_DELIVERY: line's perLateDelivery per day late; SHORT_DELIVERY: line's perShortDelivery per unit short; FILL_RATE_FLOOR: the line's perFillRateShortfall, once for a month whose fill rate is below fillRateFloor; STOCKOUTS_BEYOND_ALLOWANCE: the agreement's penaltyPerStockout per stockout beyond allowedStockoutsPerMonth. */
  rule: PenaltyRule;
  /** The month the breaches fall in, YYYY-MM (UTC). */
  period: string;
  /** What the rule counts: stockout days, days late, units short, 1 for a month below the fill-rate floor, stockouts beyond the allowance. */
  quantity: number;
  /** The agreed amount per counted unit. */
  rate: number;
  /** What is due for this penalty after this revision (quantity x rate, to the cent); 0 when a correction cancels it. */
  amount: number;
  /** amount minus the previous revision's amount (equal to amount on revision 1). */
  difference: number;
  /** ISO 4217 currency of the amounts. */
  currency: string;
  /** The business moment the period was closed or the correction made. */
  computedAt: Date;
  /** The computation in words, for example '3 stockout days x 50.00 EUR = 150.00 EUR'. */
  explanation: string;
  /** The records behind the penalty. */
  evidence: Array<PenaltyEvidence>;
}

export type DisputeStep = 'OPENED' | 'ACCEPTED' | 'REJECTED';
export const DisputeStepValues = ['OPENED', 'ACCEPTED', 'REJECTED'] as const;

/** One step of a dispute over a penalty: the supplier contests it with a reason; the buyer accepts (the penalty is credited) or rejects (it stands). Every step is kept. Key on Kafka: agreementId. */
export interface PenaltyDispute {
  /** Unique id of this step: <disputeId>/<step>. */
  eventId: string;
  /** The dispute. */
  disputeId: string;
  /** The penalty contested. */
  penaltyId: string;
  /** The penalty revision contested (its eventId). */
  penaltyEventId: string;
  /** The agreement. */
  agreementId: string;
  /** The buyer. */
  buyerId: string;
  /** The supplier. */
  supplierId: string;
  /** OPENED: the supplier contests the penalty; ACCEPTED: the buyer agrees and credits it; REJECTED: the buyer rejects the dispute and the penalty stands. */
  step: DisputeStep;
  /** The party that took the step. */
  by: string;
  /** When the step was taken. */
  at: Date;
  /** Why, in the party's words. */
  reason: string;
  /** The penalty amount disputed; on ACCEPTED the amount credited. */
  amount: number;
  /** ISO 4217 currency of amount. */
  currency: string;
}

/** One adjustment to the quantity. */
export interface OrderQuantityStep {
  /** minimum-order-quantity, pack-multiple, maximum-lot, supplier-capacity or approval. */
  rule: string;
  /** Quantity before the step. */
  before: number;
  /** Quantity after the step. */
  after: number;
  /** The step in words. */
  note: string;
}

/** Why this quantity: every input of the decision and every rounding step, so a buyer can retrace it. */
export interface OrderExplanation {
  /** Policy applied: min-max, order-up-to, periodic-min-max or fixed-quantity. */
  policy: string;
  /** Demand owed to the buyer and not yet met. */
  backorders: number;
  /** on-hand + on-order - backorders. */
  inventoryPosition: number;
  /** Expected demand per day the decision used. */
  forecastPerDay: number;
  /** Standard deviation of daily demand the decision used. */
  forecastStdDevPerDay: number;
  /** Demand class the forecast carried (smooth, erratic, intermittent, lumpy), or empty. */
  demandClass: string;
  /** Lead time used (the emergency lead time for an emergency order). */
  leadTimeDays: number;
  /** Days the stock must cover until the next order can arrive: lead time plus review period. */
  protectionDays: number;
  /** How safety stock was set: fixed, days-of-cover, normal (service level), bootstrap (the item's own lead-time demand distribution), or minimum (no target agreed). */
  safetyStockMethod: string;
  /** Service level targeted, when one was agreed. */
  serviceLevelTarget: null | number;
  /** Service level the engine stands behind for these levels, by its own demand model: the target for normal theory, at least the target for the item's own distribution (whole units overshoot it); null when it has no ground for one (no target, normal theory on intermittent demand, fewer than two demands in the history). */
  promisedServiceLevel: null | number;
  /** Safety stock. */
  safetyStock: number;
  /** Reorder point. */
  reorderPoint: number;
  /** Order-up-to level. */
  orderUpTo: number;
  /** Quantity the policy asked for before rounding. */
  neededQuantity: number;
  /** The adjustments, in the order applied. */
  steps: Array<OrderQuantityStep>;
  /** The decision in one sentence. */
  summary: string;
}

/** An order the supplier raised to refill one item at one buyer site under an agreement, one event per step of its life (decided, awaiting approval, released, approved, rejected, expired). Only a RELEASED event tells logistics to ship. Key on Kafka: buyerId|siteId|itemId. */
export interface ReplenishmentOrder {
  /** Unique id of this order event. */
  eventId: string;
  /** The order's own id; the buyer's goods receipt refers to it (StockMovement.orderReference). */
  orderId: string;
  /** The agreement the order was decided under. */
  agreementId: string;
  /** The buyer receiving the goods. */
  buyerId: string;
  /** The supplier delivering them. */
  supplierId: string;
  /** Delivery site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Quantity ordered, in unit, after every rounding step (see explanation). */
  quantity: number;
  /** Unit of measure. */
  unit: string;
  /** On-hand the decision saw. */
  onHand: number;
  /** Quantity already ordered and not yet received when the decision was taken. */
  onOrder: number;
  /** Deprecated since version 5: read reorderPoint. Carries the same value, the reorder point the decision used, and stays filled for readers of earlier versions. */
  minimum: number;
  /** Deprecated since version 5: read orderUpTo. Carries the same value, the order-up-to level the decision used, and stays filled for readers of earlier versions. */
  maximum: number;
  /** Reorder point the decision used (the agreement minimum unless a reorder point was agreed or computed from the service level). Null on events before version 5, whose minimum carries it. */
  reorderPoint: null | number;
  /** Order-up-to level the decision used. Null on events before version 5, whose maximum carries it. */
  orderUpTo: null | number;
  /** Agreement pack multiple the quantity was rounded up to. */
  packMultiple: number;
  /** When the goods are due: the as-of time of the stock level that triggered the order plus the agreed lead time (event time, so a replay gives the same date). */
  expectedDeliveryAt: Date;
  /** When the order was decided. */
  decidedAt: Date;
  /** eventId of the stock level that triggered the order. */
  triggeredByEventId: string;
  /** Step this event announces: RELEASED (logistics may ship), AWAITING_APPROVAL (beyond the supplier's approval boundary, waiting for the buyer), REJECTED (buyer rejected it, or vetoed it within the veto window), EXPIRED (nobody approved it in time). Events before version 3 were all RELEASED. */
  status: string;
  /** Version of the agreement the order was decided under (0 for events before versioned agreements). */
  agreementVersion: number;
  /** True for an expedited order on the agreement's emergency terms, raised because stock would run out before a regular delivery could arrive. */
  emergency: boolean;
  /** quantity x the agreed unit price, in the agreement's currency (0 when no price is agreed). */
  orderValue: number;
  /** Who took this step: 'replenishment' for the engine, or the party id of the buyer who approved or rejected. */
  statusChangedBy: string;
  /** Why this step: the approval limit exceeded, the buyer's reason for rejecting, the expiry. */
  statusReason: string;
  /** For AWAITING_APPROVAL: when the order lapses. For RELEASED: end of the buyer's veto window, if any. */
  approvalDeadline: null | Date;
  /** Why this quantity; null on events before version 3. */
  explanation: null | OrderExplanation;
}

export type ShipmentStatus = 'PLANNED' | 'DISPATCHED' | 'DELIVERED' | 'RECEIVED' | 'CANCELLED' | 'PARTIALLY_RECEIVED';
export const ShipmentStatusValues = ['PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED', 'CANCELLED', 'PARTIALLY_RECEIVED'] as const;

/** One order carried by the shipment. */
export interface ShipmentLine {
  /** The replenishment order. */
  orderId: string;
  /** The item ordered. */
  itemId: string;
  /** Unit of measure of the quantities. */
  unit: string;
  /** Quantity the order asked for. */
  orderedQuantity: number;
  /** Quantity the advance shipping notice says left the supplier; null before dispatch. Less than ordered is a short shipment. */
  dispatchedQuantity: null | number;
  /** Quantity the buyer's goods receipts booked against this line so far. More than dispatched is an over-delivery. */
  receivedQuantity: number;
  /** eventIds of the stock levels whose RECEIPT movements were matched to this line, the evidence of what arrived. */
  receiptEventIds: Array<string>;
}

/** A shipment for the supplier's logistics: the released orders for one buyer site due on the same delivery-calendar day, consolidated, one line per order, in its current status. Each status change or report publishes the whole shipment again. Key on Kafka: shipmentId. The top-level orderId, itemId, quantity, unit and receivedQuantity are those of the first line, kept for readers of the first versions; read lines. */
export interface Shipment {
  /** Unique id of this shipment event (one per status change). */
  eventId: string;
  /** The shipment's id. */
  shipmentId: string;
  /** The replenishment order it carries. */
  orderId: string;
  /** The agreement of that order. */
  agreementId: string;
  /** Receiving buyer. */
  buyerId: string;
  /** Shipping supplier. */
  supplierId: string;
  /** Delivery site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Quantity shipped, in unit. */
  quantity: number;
  /** Unit of measure. */
  unit: string;
  /** PLANNED: created from released orders, waiting for logistics; DISPATCHED: left the supplier (the advance shipping notice is on it); DELIVERED: logistics reports it arrived at the site; PARTIALLY_RECEIVED: the buyer booked goods receipts for part of what was dispatched; RECEIVED: the buyer booked receipts for all of it; CANCELLED: every order on it was vetoed before dispatch. */
  status: ShipmentStatus;
  /** When the shipment entered this status. */
  statusChangedAt: Date;
  /** When the shipment is now expected at the site: the orders' promise, or the latest arrival logistics announced (dispatch or delay). */
  expectedDeliveryAt: Date;
  /** Quantity the buyer booked on goods receipt (status RECEIVED); null before. */
  receivedQuantity: null | number;
  /** The orders on the shipment, one line each; empty only in records written before consolidation. */
  lines: Array<ShipmentLine>;
  /** When the orders promised delivery (the earliest promise among its lines): lateness is measured against it, not against later announcements. Null in records written before this field; read expectedDeliveryAt then. */
  promisedDeliveryAt: null | Date;
  /** Carrier named in the advance shipping notice. */
  carrier: null | string;
  /** The carrier's tracking reference. */
  trackingReference: null | string;
  /** When the shipment left the supplier, as logistics reported it (business time). */
  dispatchedAt: null | Date;
  /** When it arrived: the first goods receipt matched to it, else the delivery logistics reported (business time). */
  deliveredAt: null | Date;
  /** The reason logistics gave with its latest delay report; null when none was reported. */
  delayReason: null | string;
  /** eventId of the order, shipment update or stock level that caused this event. */
  causedByEventId: null | string;
}

export type ShipmentUpdateKind = 'DISPATCHED' | 'DELAYED' | 'DELIVERED';
export const ShipmentUpdateKindValues = ['DISPATCHED', 'DELAYED', 'DELIVERED'] as const;

/** What left for one order of the shipment. */
export interface ShipmentUpdateLine {
  /** The order (a line of the shipment). */
  orderId: string;
  /** Quantity dispatched for it, in the order's unit; less than ordered is a short shipment. */
  quantity: number;
}

/** A report from the supplier's logistics about one shipment: it left (with its advance shipping notice), it is delayed, or it arrived. Supplier systems write it on their own topic smi.in.<supplierId>.shipment-updates.v1; the REST API takes the same report. Key on Kafka: shipmentId. */
export interface ShipmentUpdate {
  /** Unique id of this report, chosen by the sender. A report sent twice with the same id is applied once. */
  eventId: string;
  /** The supplier reporting; must be the shipment's supplier and the owner of the topic it came in on. */
  supplierId: string;
  /** The shipment reported on. */
  shipmentId: string;
  /** DISPATCHED: it left, with the advance shipping notice; DELAYED: a new expected arrival, with a reason; DELIVERED: it arrived at the buyer's site. */
  kind: ShipmentUpdateKind;
  /** When it happened (business time): the dispatch, the delay's announcement or the arrival. */
  occurredAt: Date;
  /** DISPATCHED: the carrier. */
  carrier: null | string;
  /** DISPATCHED: the carrier's tracking reference. */
  trackingReference: null | string;
  /** DISPATCHED and DELAYED: when the shipment is expected at the site. Required for DELAYED. */
  expectedArrivalAt: null | Date;
  /** DELAYED: why (required). */
  reason: null | string;
  /** DISPATCHED: the advance shipping notice's lines. Empty means every line left in full. */
  lines: Array<ShipmentUpdateLine>;
}

export type BreachKind = 'STOCKOUT' | 'PENALTY';
export const BreachKindValues = ['STOCKOUT', 'PENALTY'] as const;

/** A service-level event under an agreement: a stockout at a buyer site, or a penalty due because the agreement's allowance was exceeded. Key on Kafka: agreementId. */
export interface SlaBreach {
  /** Unique id of this event. */
  eventId: string;
  /** STOCKOUT: on-hand fell to zero or below; PENALTY: the stockouts in the period exceeded the agreement's allowance, and penaltyAmount is due. */
  kind: BreachKind;
  /** The agreement breached. */
  agreementId: string;
  /** The buyer. */
  buyerId: string;
  /** The supplier answerable for the breach. */
  supplierId: string;
  /** The site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** When the stockout began (the as-of of the stock level that showed it). */
  occurredAt: Date;
  /** The agreement period the breach counts in, as YYYY-MM (calendar month, UTC). */
  period: string;
  /** Stockouts counted in that period for this agreement line, this one included. */
  stockoutsInPeriod: number;
  /** Stockouts the agreement tolerates per period before a penalty is due. */
  allowedStockoutsPerPeriod: number;
  /** Amount due for this event: always zero for a STOCKOUT; the amount due for a stockout beyond the allowance is on its PENALTY event, so summing every event's amount counts each penalty once. */
  penaltyAmount: number;
  /** ISO 4217 currency of penaltyAmount. */
  currency: string;
  /** eventId of the stock level that showed the stockout. */
  stockLevelEventId: string;
}

export type MovementKind = 'RECEIPT' | 'CONSUMPTION' | 'ADJUSTMENT' | 'COUNT';
export const MovementKindValues = ['RECEIPT', 'CONSUMPTION', 'ADJUSTMENT', 'COUNT'] as const;

/** The projected on-hand stock of one item at one buyer site after one accepted movement, with that movement. One event per change; key buyerId|siteId|itemId, so the latest record per key is the current on-hand. */
export interface StockLevel {
  /** Unique id of this stock level event. */
  eventId: string;
  /** The buyer owning the stock. */
  buyerId: string;
  /** The buyer's site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Projected on-hand quantity after the movement, in unit. Can be negative when consumption was reported beyond the known stock. */
  onHand: number;
  /** Unit of measure. */
  unit: string;
  /** Number of movements applied to this site x item so far. Strictly increasing per key, so a consumer can ignore a level older than one it has seen. */
  sequence: number;
  /** occurredAt of the movement that produced this level. */
  asOf: Date;
  /** eventId of the stock movement that produced this level. */
  movementId: string;
  /** Kind of that movement. */
  movementKind: MovementKind;
  /** Quantity of that movement, as sent. */
  movementQuantity: number;
  /** For a RECEIPT: the replenishment order it arrived against. */
  orderReference: null | string;
}

/** One change to a buyer's stock of one item at one site, as the buyer's ERP or WMS reports it. Key on Kafka: buyerId|siteId|itemId. */
export interface StockMovement {
  /** Unique id of this movement, chosen by the sender. A movement sent twice with the same id is applied once. */
  eventId: string;
  /** The buyer (the company whose stock this is), as named in the agreement. */
  buyerId: string;
  /** The buyer's site (plant, warehouse, store) holding the stock. */
  siteId: string;
  /** The item, by the number both parties use in the agreement. */
  itemId: string;
  /** RECEIPT adds quantity (goods received); CONSUMPTION removes it (used or sold); ADJUSTMENT adds a signed correction (scrap, found stock); COUNT states the on-hand found by a physical count and replaces the projection. */
  kind: MovementKind;
  /** How much moved, in unit. Positive for RECEIPT and CONSUMPTION, signed for ADJUSTMENT, zero or more for COUNT. */
  quantity: number;
  /** Unit of measure (EA, KG, M...). Must match the unit of the agreement line. */
  unit: string;
  /** When the movement happened at the site (not when it was sent). */
  occurredAt: Date;
  /** Which system sent it (for example 'erp-sap-plant-1', 'rest', 'demo-feed'). */
  source: string;
  /** For a RECEIPT: the replenishment order id the goods arrived against, so the order can be closed. Null otherwise. */
  orderReference: null | string;
}
