/**
 * The terms a buyer and a supplier agreed for replenishing the buyer's stock.
 * For now agreements are read from a file (deploy/seed/agreements.json); they
 * become versioned, API-managed contracts later.
 */
export interface AgreementLine {
  siteId: string;
  itemId: string;
  unit: string;
  /** Reorder level: an order is raised when on-hand + on-order falls to it. */
  minimum: number;
  /** Order-up-to level. */
  maximum: number;
  leadTimeDays: number;
  /** Orders are whole multiples of this quantity. */
  packMultiple: number;
}

export interface PenaltyTerms {
  /** Stockouts per calendar month (per line) the buyer tolerates without a penalty. */
  allowedStockoutsPerMonth: number;
  /** Amount due for each stockout beyond the allowance. */
  penaltyPerStockout: number;
}

export interface Agreement {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  currency: string;
  validFrom: string;
  validTo: string;
  penalties: PenaltyTerms;
  lines: AgreementLine[];
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
