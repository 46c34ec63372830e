import { siteItemKeyOf, StockMovement } from '@smi/contracts';

/** What a site x item should show once every movement sent for it has been applied exactly once. */
export interface FoldedStock {
  buyerId: string;
  siteId: string;
  itemId: string;
  onHand: number;
  /** Movements applied: the sequence of the last stock level. */
  movements: number;
  /** Times on-hand fell to 0 or below from above it (or began there): the stockouts a monitor sees. */
  stockouts: number;
}

/**
 * The on-hand a test expects, folded from the movements it sent, in order, by the
 * rules buyers are told (receipts add, consumptions take, adjustments add their
 * signed quantity, a count replaces on-hand, a movement dated before the last count
 * is already in it), written here apart from the services so it can check them.
 */
export function foldStockMovements(movements: StockMovement[]): Map<string, FoldedStock> {
  const folded = new Map<string, FoldedStock & { lastCountAt?: Date }>();
  for (const m of movements) {
    const key = siteItemKeyOf(m);
    const stock = folded.get(key) ?? { buyerId: m.buyerId, siteId: m.siteId, itemId: m.itemId, onHand: 0, movements: 0, stockouts: 0 };
    const before = stock.movements === 0 ? undefined : stock.onHand;
    if (!stock.lastCountAt || m.occurredAt >= stock.lastCountAt) {
      if (m.kind === 'COUNT') {
        stock.onHand = m.quantity;
        stock.lastCountAt = m.occurredAt;
      } else {
        stock.onHand = Math.round((stock.onHand + (m.kind === 'CONSUMPTION' ? -m.quantity : m.quantity)) * 1e6) / 1e6;
      }
    }
    stock.movements++;
    if (stock.onHand <= 0 && (before === undefined || before > 0)) stock.stockouts++;
    folded.set(key, stock);
  }
  return new Map([...folded].map(([key, { lastCountAt: _lastCountAt, ...stock }]) => [key, stock]));
}
