import type { StockLevel } from '@smi/contracts';

/** When a buyer's feed last said anything: the asOf of its newest stock level. */
export interface BuyerFeed {
  buyerId: string;
  lastLevelAt: Date;
}

/** The newest level of each buyer in a batch, whatever its site x item or fate: any level shows the feed is alive. */
export function newestLevelPerBuyer(levels: readonly Pick<StockLevel, 'buyerId' | 'asOf'>[]): BuyerFeed[] {
  const newest = new Map<string, Date>();
  for (const { buyerId, asOf } of levels) {
    const known = newest.get(buyerId);
    if (!known || asOf.getTime() > known.getTime()) newest.set(buyerId, asOf);
  }
  return [...newest].map(([buyerId, lastLevelAt]) => ({ buyerId, lastLevelAt }));
}
