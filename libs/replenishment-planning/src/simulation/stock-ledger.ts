import { stored } from '../plan/exact-quantity';
import type { UnmetDemand } from './what-if-input';

/**
 * A site's stock of one item in a replay: on hand, demand owed (backorders),
 * and whether it is out of stock. Out of stock begins when demand goes unmet
 * and ends with a receipt that clears what is owed (backorders) or puts stock
 * back on the shelf (lost sales).
 */
export class StockLedger {
  onHand: number;
  backorders = 0;
  stockedOut = false;
  /** Units handed to the buyer: demand met at once and owed demand served from receipts. */
  issued = 0;

  constructor(
    initialOnHand: number,
    private readonly unmetDemand: UnmetDemand,
  ) {
    this.onHand = initialOnHand;
  }

  /** Goods received: owed demand is served first. */
  receive(quantity: number): void {
    this.onHand = stored(this.onHand + quantity);
    const served = Math.min(this.backorders, this.onHand);
    this.onHand = stored(this.onHand - served);
    this.backorders = stored(this.backorders - served);
    this.issued = stored(this.issued + served);
    if (this.unmetDemand === 'backorder' ? this.backorders === 0 : this.onHand > 0) this.stockedOut = false;
  }

  /** Demand arrives: met from stock as far as it goes, the rest owed or lost. Returns the quantity met at once. */
  demand(quantity: number): number {
    const met = Math.min(quantity, this.onHand);
    this.onHand = stored(this.onHand - met);
    this.issued = stored(this.issued + met);
    const unmet = stored(quantity - met);
    if (unmet > 0) {
      this.stockedOut = true;
      if (this.unmetDemand === 'backorder') this.backorders = stored(this.backorders + unmet);
    }
    return met;
  }
}
