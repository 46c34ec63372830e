import { StockMovement } from '@smi/contracts';
import { foldStockMovements } from './stock-fold';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 8, minute));
let n = 0;
const movement = (itemId: string, kind: StockMovement['kind'], quantity: number, minute: number): StockMovement => ({
  eventId: `mv-${++n}`,
  buyerId: 'acme',
  siteId: 'lyon',
  itemId,
  kind,
  quantity,
  unit: 'EA',
  occurredAt: at(minute),
  source: 'spec',
  orderReference: null,
});

describe('fold of stock movements', () => {
  it('adds receipts and adjustments, takes consumptions, and lets a count replace on-hand', () => {
    const folded = foldStockMovements([
      movement('pad', 'RECEIPT', 10, 0),
      movement('pad', 'CONSUMPTION', 4, 1),
      movement('pad', 'ADJUSTMENT', -1, 2),
      movement('pad', 'COUNT', 3, 3),
      movement('pad', 'CONSUMPTION', 1, 4),
    ]);
    expect(folded.get('acme|lyon|pad')).toEqual({ buyerId: 'acme', siteId: 'lyon', itemId: 'pad', onHand: 2, movements: 5, stockouts: 0 });
  });

  it('counts a movement dated before the last count, but leaves on-hand as counted', () => {
    const folded = foldStockMovements([movement('nut', 'COUNT', 8, 10), movement('nut', 'CONSUMPTION', 5, 9)]);
    expect(folded.get('acme|lyon|nut')).toMatchObject({ onHand: 8, movements: 2 });
  });

  it('counts a stockout each time on-hand falls to 0 or below from above, and one that begins there', () => {
    const folded = foldStockMovements([
      movement('bolt', 'CONSUMPTION', 1, 0),
      movement('bolt', 'RECEIPT', 3, 1),
      movement('bolt', 'CONSUMPTION', 3, 2),
      movement('bolt', 'CONSUMPTION', 1, 3),
      movement('bolt', 'RECEIPT', 5, 4),
      movement('bolt', 'CONSUMPTION', 6, 5),
    ]);
    expect(folded.get('acme|lyon|bolt')).toMatchObject({ onHand: -3, stockouts: 3 });
  });
});
