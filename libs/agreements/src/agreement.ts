/**
 * The terms a buyer and a supplier agreed for replenishing the buyer's stock.
 * Agreements are versioned contracts: the replenishment service keeps every
 * version (who changed what, when and why) and publishes each one on the
 * agreements topic; every service keeps the versions in an AgreementBook and
 * acts on the version in force.
 */
export type ReplenishmentPolicy =
  /** (s,S): continuous review; at or below the reorder point, order up to the order-up-to level. */
  | 'min-max'
  /** (R,S): every review, order up to the order-up-to level. */
  | 'order-up-to'
  /** (R,s,S): every review, if at or below the reorder point, order up to the order-up-to level. */
  | 'periodic-min-max'
  /** (s,Q): at or below the reorder point, order the fixed quantity (as many times as needed). */
  | 'fixed-quantity';

export const REPLENISHMENT_POLICIES = ['min-max', 'order-up-to', 'periodic-min-max', 'fixed-quantity'] as const;

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

export const SERVICE_LEVEL_MEASURES = ['cycle-service-level', 'fill-rate'] as const;

/** The service the supplier promises: a cycle service level (chance of no stockout per replenishment cycle) or a fill rate (share of demand met from stock). */
export interface ServiceLevelTarget {
  measure: (typeof SERVICE_LEVEL_MEASURES)[number];
  /** Between 0 and 1 exclusive, for example 0.95. */
  target: number;
}

export const SAFETY_STOCK_METHODS = ['fixed', 'days-of-cover', 'service-level'] as const;

/** How safety stock is set for a line. */
export type SafetyStockRule =
  | { method: 'fixed'; quantity: number }
  | { method: 'days-of-cover'; days: number }
  /** From the line's service-level target, the demand's and the lead time's variability; the demand class decides normal theory or the item's own demand distribution. */
  | { method: 'service-level' };

/** What the supplier may release without asking the buyer. An order beyond either limit waits for the buyer. */
export interface ApprovalBoundary {
  maxQuantity?: number;
  maxValue?: number;
  /** The buyer may reject a released order within this window. */
  vetoWindowHours: number;
  /** An order awaiting approval lapses after this long. */
  expiresAfterHours: number;
}

/** Whether an expedited delivery may be ordered when stock would run out before a regular one can arrive. */
export interface EmergencyTerms {
  allowed: boolean;
  leadTimeDays: number;
}

/** Per-line penalties the SLA monitor applies. */
export interface LinePenaltyTerms {
  perStockoutDay?: number;
  perLateDelivery?: number;
  perShortDelivery?: number;
  /** Fill rate (0..1) below which a penalty is due for the month. */
  fillRateFloor?: number;
  perFillRateShortfall?: number;
}

export const LEVELS_IN = ['units', 'days-of-supply'] as const;
/** Periods the forecasting service buckets a line's demand in. */
export const FORECAST_PERIODS = ['day', 'week'] as const;
export type ForecastPeriod = (typeof FORECAST_PERIODS)[number];
/** Days in each forecast period. */
export const FORECAST_PERIOD_DAYS: Record<ForecastPeriod, number> = { day: 1, week: 7 };

export interface AgreementLine {
  siteId: string;
  itemId: string;
  unit: string;
  /** Whether minimum and maximum are quantities (default) or days of supply, converted with the forecast. */
  levelsIn?: (typeof LEVELS_IN)[number];
  /** Lowest stock the buyer accepts; the reorder point when no other is set. */
  minimum: number;
  /** Highest stock the buyer accepts; the order-up-to level. */
  maximum: number;
  /** An explicit reorder point, overriding the one computed from safety stock. */
  reorderPoint?: number;
  serviceLevel?: ServiceLevelTarget;
  safetyStock?: SafetyStockRule;
  /** Default 'min-max'. */
  policy?: ReplenishmentPolicy;
  /** Order quantity of the 'fixed-quantity' policy. */
  fixedOrderQuantity?: number;
  /** Days between reviews of the periodic policies. */
  reviewPeriodDays?: number;
  /** Days of the week the buyer takes deliveries; none means any day. */
  deliveryWeekdays?: Weekday[];
  /** Periods demand is bucketed and forecast in (default 'day'); weeks run Monday to Sunday, UTC. */
  forecastPeriod?: ForecastPeriod;
  /** Mean lead time in calendar days. */
  leadTimeDays: number;
  /** Standard deviation of the lead time in days (default 0). */
  leadTimeStdDevDays?: number;
  minimumOrderQuantity?: number;
  /** Orders are whole multiples of this quantity. */
  packMultiple: number;
  /** Largest quantity one order may carry. */
  maximumLot?: number;
  unitPrice?: number;
  approval?: ApprovalBoundary;
  emergency?: EmergencyTerms;
  penalties?: LinePenaltyTerms;
}

export interface PenaltyTerms {
  /** Stockouts per calendar month (per line) the buyer tolerates without a penalty. */
  allowedStockoutsPerMonth: number;
  /** Amount due for each stockout beyond the allowance. */
  penaltyPerStockout: number;
}

export interface Contact {
  partyId: string;
  name: string;
  role: string;
  email?: string;
  phone?: string;
}

/** How often the parties hear from the platform. */
export interface CommunicationTerms {
  /** Hours between digests (24 = daily). */
  digestEveryHours: number;
  /** Whether alerts (stockouts, approvals) go out at once rather than in the digest. */
  immediateAlerts: boolean;
}

/** Numeric line terms an agreement may let one party change alone. */
export const TUNABLE_LINE_TERMS = [
  'minimum',
  'maximum',
  'reorderPoint',
  'fixedOrderQuantity',
  'reviewPeriodDays',
  'leadTimeDays',
  'leadTimeStdDevDays',
  'minimumOrderQuantity',
  'packMultiple',
  'maximumLot',
  'unitPrice',
] as const;
export type TunableLineTerm = (typeof TUNABLE_LINE_TERMS)[number];

/**
 * A line term one party may change alone, on every line, within bounds both
 * agreed: an amendment changing only such terms, within their bounds, takes
 * effect without the other party's acceptance (the rule itself changes only by consent).
 */
export interface TunableTerm {
  by: 'buyer' | 'supplier';
  term: TunableLineTerm;
  /** Lowest value the party may set (inclusive). */
  min: number;
  /** Highest value the party may set (inclusive). */
  max: number;
}

export interface Agreement {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  currency: string;
  validFrom: string;
  validTo: string;
  penalties: PenaltyTerms;
  communication?: CommunicationTerms;
  contacts?: Contact[];
  lines: AgreementLine[];
  /** Terms one party may change alone within agreed bounds; none by default (every change needs both). */
  tunableAlone?: TunableTerm[];
}

/** A retired agreement governs nothing from its retirement's effectiveFrom on. */
export type AgreementStatus = 'active' | 'retired';

/** One version of an agreement, as kept and published. */
export interface AgreementVersion {
  agreement: Agreement;
  /** 1 for the agreement as created, +1 per amendment or retirement. */
  version: number;
  /** From when this version governs (ISO timestamp); earlier events keep the version before. */
  effectiveFrom: string;
  status: AgreementStatus;
  changedBy: string;
  changedAt: string;
  changeReason: string;
}
