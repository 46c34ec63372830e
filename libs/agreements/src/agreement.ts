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

/** The service the supplier promises: a cycle service level (chance of no stockout per replenishment cycle) or a fill rate (share of demand met from stock). */
export interface ServiceLevelTarget {
  measure: 'cycle-service-level' | 'fill-rate';
  /** Between 0 and 1 exclusive, for example 0.95. */
  target: number;
}

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

export interface AgreementLine {
  siteId: string;
  itemId: string;
  unit: string;
  /** Whether minimum and maximum are quantities (default) or days of supply, converted with the forecast. */
  levelsIn?: 'units' | 'days-of-supply';
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
}

/** One version of an agreement, as kept and published. */
export interface AgreementVersion {
  agreement: Agreement;
  /** 1 for the agreement as created, +1 per amendment or retirement. */
  version: number;
  /** From when this version governs (ISO timestamp); earlier events keep the version before. */
  effectiveFrom: string;
  status: 'active' | 'retired';
  changedBy: string;
  changedAt: string;
  changeReason: string;
}

/** Each problem found, naming the field and the rule it breaks. */
export function agreementProblems(agreement: Agreement, where = agreement.agreementId ?? 'agreement'): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) problems.push(`${where}: ${field} ${rule}`);
  };
  for (const field of ['agreementId', 'buyerId', 'supplierId', 'currency', 'validFrom', 'validTo'] as const) {
    need(typeof agreement[field] === 'string' && agreement[field].length > 0, field, 'is required');
  }
  need(!(agreement.validFrom > agreement.validTo), 'validTo', 'must not be before validFrom');
  need(Number.isInteger(agreement.penalties?.allowedStockoutsPerMonth) && agreement.penalties.allowedStockoutsPerMonth >= 0, 'penalties.allowedStockoutsPerMonth', 'must be a whole number >= 0');
  need(Number.isFinite(agreement.penalties?.penaltyPerStockout) && agreement.penalties.penaltyPerStockout >= 0, 'penalties.penaltyPerStockout', 'must be >= 0');
  const seen = new Set<string>();
  (agreement.lines ?? []).forEach((line, i) => {
    const at = `lines[${i}]`;
    need(typeof line.siteId === 'string' && line.siteId.length > 0, `${at}.siteId`, 'is required');
    need(typeof line.itemId === 'string' && line.itemId.length > 0, `${at}.itemId`, 'is required');
    need(typeof line.unit === 'string' && line.unit.length > 0, `${at}.unit`, 'is required');
    need(Number.isFinite(line.minimum) && line.minimum >= 0, `${at}.minimum`, 'must be >= 0');
    need(Number.isFinite(line.maximum) && line.maximum >= line.minimum, `${at}.maximum`, 'must be >= minimum');
    need(Number.isFinite(line.leadTimeDays) && line.leadTimeDays >= 0, `${at}.leadTimeDays`, 'must be >= 0');
    need(Number.isFinite(line.packMultiple) && line.packMultiple > 0, `${at}.packMultiple`, 'must be > 0');
    const key = `${line.siteId}|${line.itemId}`;
    need(!seen.has(key), at, `repeats site ${line.siteId} x item ${line.itemId}`);
    seen.add(key);
  });
  return problems;
}

/** The agreement line in force for a buyer's site x item, with its agreement. */
export interface AgreementLineInForce {
  agreement: Agreement;
  line: AgreementLine;
}

export class AgreementBook {
  private readonly byLine = new Map<string, AgreementLineInForce[]>();

  constructor(readonly agreements: readonly Agreement[]) {
    const problems = agreements.flatMap((a) => agreementProblems(a));
    if (problems.length > 0) throw new Error(`invalid agreements:\n  ${problems.join('\n  ')}`);
    for (const agreement of agreements) {
      for (const line of agreement.lines) {
        const key = lineKey(agreement.buyerId, line.siteId, line.itemId);
        this.byLine.set(key, [...(this.byLine.get(key) ?? []), { agreement, line }]);
      }
    }
  }

  /** The line covering this buyer site x item on the given day, if any. */
  lineFor(buyerId: string, siteId: string, itemId: string, on: Date): AgreementLineInForce | undefined {
    const day = on.toISOString().slice(0, 10);
    return this.byLine
      .get(lineKey(buyerId, siteId, itemId))
      ?.find(({ agreement }) => agreement.validFrom <= day && day <= agreement.validTo);
  }

  agreement(agreementId: string): Agreement | undefined {
    return this.agreements.find((a) => a.agreementId === agreementId);
  }

  /** Agreements a party is one of the two sides of. */
  agreementsOf(partyId: string): Agreement[] {
    return this.agreements.filter((a) => a.buyerId === partyId || a.supplierId === partyId);
  }

  /**
   * What a party's agreements cover: the buyers involved, and whether a given
   * buyer site x item is on one of its lines. A supplier sees a buyer's stock
   * only where it has agreed to replenish it.
   */
  coverageOf(partyId: string): { buyerIds: string[]; covers: (row: { buyerId: string; siteId: string; itemId: string }) => boolean } {
    const agreements = this.agreementsOf(partyId);
    const lines = new Set(agreements.flatMap((a) => a.lines.map((l) => lineKey(a.buyerId, l.siteId, l.itemId))));
    return {
      buyerIds: [...new Set(agreements.map((a) => a.buyerId))],
      covers: (row) => lines.has(lineKey(row.buyerId, row.siteId, row.itemId)),
    };
  }
}

const lineKey = (buyerId: string, siteId: string, itemId: string) => `${buyerId}|${siteId}|${itemId}`;
