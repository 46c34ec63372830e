import { Agreement } from '@smi/agreements';
import { SlaBreach, roundToStoredPrecision } from '@smi/contracts';
import { daysOf } from '../stockouts/sla-period';

/** How one agreement line did in one period, from the stockouts and penalties recorded. */
export interface LineKpi {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  siteId: string;
  itemId: string;
  period: string;
  stockouts: number;
  allowedStockouts: number;
  /** Stockouts beyond the allowance, each a PENALTY event. */
  penalties: number;
  penaltiesTotal: number;
  currency: string;
}

/**
 * KPIs per agreement line for a period: every line of an agreement in force
 * during the period (a line without stockouts is worth seeing), plus any line
 * with breaches recorded whose agreement is no longer in the book. Penalties
 * total the PENALTY events: a STOCKOUT's amount repeats its PENALTY's.
 */
export function kpisFor(period: string, agreements: readonly Agreement[], breaches: readonly SlaBreach[]): LineKpi[] {
  const { firstDay, lastDay } = daysOf(period);
  const byLine = new Map<string, LineKpi>();
  for (const agreement of agreements) {
    if (agreement.validFrom > lastDay || agreement.validTo < firstDay) continue;
    for (const line of agreement.lines) {
      byLine.set(lineKey(agreement.agreementId, line.siteId, line.itemId), {
        agreementId: agreement.agreementId,
        buyerId: agreement.buyerId,
        supplierId: agreement.supplierId,
        siteId: line.siteId,
        itemId: line.itemId,
        period,
        stockouts: 0,
        allowedStockouts: agreement.penalties.allowedStockoutsPerMonth,
        penalties: 0,
        penaltiesTotal: 0,
        currency: agreement.currency,
      });
    }
  }
  for (const breach of breaches) {
    if (breach.period !== period) continue;
    const key = lineKey(breach.agreementId, breach.siteId, breach.itemId);
    const kpi = byLine.get(key) ?? {
      agreementId: breach.agreementId,
      buyerId: breach.buyerId,
      supplierId: breach.supplierId,
      siteId: breach.siteId,
      itemId: breach.itemId,
      period,
      stockouts: 0,
      allowedStockouts: breach.allowedStockoutsPerPeriod,
      penalties: 0,
      penaltiesTotal: 0,
      currency: breach.currency,
    };
    if (breach.kind === 'STOCKOUT') kpi.stockouts++;
    else {
      kpi.penalties++;
      kpi.penaltiesTotal = roundToStoredPrecision(kpi.penaltiesTotal + breach.penaltyAmount);
    }
    byLine.set(key, kpi);
  }
  return [...byLine.values()].sort((a, b) =>
    lineKey(a.agreementId, a.siteId, a.itemId).localeCompare(lineKey(b.agreementId, b.siteId, b.itemId)),
  );
}

const lineKey = (agreementId: string, siteId: string, itemId: string) => `${agreementId}|${siteId}|${itemId}`;
