import { AgreementLine } from '@smi/agreements';
import { minMaxOrder } from './min-max-order';

const line: AgreementLine = { siteId: 'plant-lyon', itemId: 'brake-pad', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 };

describe('min/max order with its explanation', () => {
  it('orders nothing above the minimum', () => {
    expect(minMaxOrder({ onHand: 41, onOrder: 0 }, line)).toBeUndefined();
  });

  it('explains the order: position, minimum and maximum, and the pack rounding step', () => {
    const order = minMaxOrder({ onHand: 20, onOrder: 15 }, { ...line, unitPrice: 2.35 });
    expect(order).toMatchObject({ quantity: 90, emergency: false, leadTimeDays: 3, orderValue: 211.5 });
    expect(order?.explanation).toMatchObject({
      policy: 'min-max',
      inventoryPosition: 35,
      reorderPoint: 40,
      orderUpTo: 120,
      neededQuantity: 85,
      safetyStockMethod: 'minimum',
      steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to whole packs of 10 EA' }],
      summary: 'Inventory position 35 EA is at or below the minimum 40 EA: order up to the maximum 120 EA, 90 EA.',
    });
  });

  it('lists no rounding step when the need is already whole packs, and values an unpriced order at 0', () => {
    const order = minMaxOrder({ onHand: 30, onOrder: 0 }, line);
    expect(order).toMatchObject({ quantity: 90, orderValue: 0, explanation: { neededQuantity: 90, steps: [] } });
  });
});
