import { Agreement } from '@smi/agreements';
import { SlaBreach, StockLevel } from '@smi/contracts';

/** A stockout that just began, and its place in the count of its agreement line's period. */
export interface CountedStockout {
  level: Pick<StockLevel, 'eventId' | 'buyerId' | 'siteId' | 'itemId' | 'asOf'>;
  period: string;
  /** Stockouts of this agreement line in the period, this one included. */
  stockoutsInPeriod: number;
}

/** What of an agreement the SLA rules read. */
export type AgreementTerms = Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId' | 'currency' | 'penalties'>;

/**
 * The SLA events one stockout causes under an agreement:
 * - always a STOCKOUT, with penaltyAmount 0: money is only ever on PENALTY events,
 *   so summing every breach's amount never counts a penalty twice;
 * - beyond allowedStockoutsPerMonth also a PENALTY claiming penaltyPerStockout.
 * Ids derive from the stock level's, so a replay yields the same events.
 */
export function breachesForStockout(stockout: CountedStockout, agreement: AgreementTerms): SlaBreach[] {
  const { allowedStockoutsPerMonth, penaltyPerStockout } = agreement.penalties;
  const beyondAllowance = stockout.stockoutsInPeriod > allowedStockoutsPerMonth;
  const common = {
    agreementId: agreement.agreementId,
    buyerId: agreement.buyerId,
    supplierId: agreement.supplierId,
    siteId: stockout.level.siteId,
    itemId: stockout.level.itemId,
    occurredAt: stockout.level.asOf,
    period: stockout.period,
    stockoutsInPeriod: stockout.stockoutsInPeriod,
    allowedStockoutsPerPeriod: allowedStockoutsPerMonth,
    currency: agreement.currency,
    stockLevelEventId: stockout.level.eventId,
  };
  const breaches: SlaBreach[] = [{ eventId: `${stockout.level.eventId}/stockout`, kind: 'STOCKOUT', ...common, penaltyAmount: 0 }];
  if (beyondAllowance) {
    breaches.push({ eventId: `${stockout.level.eventId}/penalty`, kind: 'PENALTY', ...common, penaltyAmount: penaltyPerStockout });
  }
  return breaches;
}
