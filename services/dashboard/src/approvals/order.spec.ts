import { exampleReplenishmentOrder } from '@smi/testing';
import { explanationInWords, Order, outcomeInWords } from './order';

const exampleOrder = (overrides: Partial<Order> = {}): Order => ({
  ...(JSON.parse(
    JSON.stringify(
      exampleReplenishmentOrder({
        orderId: 'ORD-1',
        agreementId: 'AGR-1',
        buyerId: 'acme-motors',
        supplierId: 'northwind-parts',
        siteId: 'plant-lyon',
        itemId: 'brake-pad',
      }),
    ),
  ) as Order),
  quantity: 90,
  onHand: 30,
  status: 'awaiting-approval',
  statusReason: 'quantity 90 is above the approval boundary of 50',
  explanation: {
    policy: 'min-max',
    backorders: 0,
    inventoryPosition: 30,
    forecastPerDay: 10,
    forecastStdDevPerDay: 2.5,
    demandClass: 'smooth',
    leadTimeDays: 3,
    protectionDays: 3,
    safetyStockMethod: 'normal',
    serviceLevelTarget: 0.95,
    promisedServiceLevel: 0.95,
    safetyStock: 7,
    reorderPoint: 40,
    orderUpTo: 120,
    neededQuantity: 90,
    steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to whole packs of 10' }],
    summary: 'Inventory position 30 is at or below the reorder point 40: order 90 to reach 120.',
  },
  ...overrides,
});

describe('an order in words', () => {
  it('retraces the decision a buyer approves: stock, demand, levels, rounding, why approval', () => {
    expect(explanationInWords(exampleOrder())).toEqual([
      'Inventory position 30 is at or below the reorder point 40: order 90 to reach 120.',
      'On hand 30 and 0 on order: inventory position 30 EA.',
      'Demand forecast 10 a day (± 2.5, smooth) over 3 days to cover (lead time 3 days).',
      'Safety stock 7 (set for the service level under normal demand, target service level 95 %), reorder point 40, order-up-to 120 (min-max policy).',
      'The policy asked for 90.',
      'Rounded up to whole packs of 10 (85 → 90).',
      'Needs your approval: quantity 90 is above the approval boundary of 50.',
    ]);
  });

  it('says little when the order carries no explanation', () => {
    expect(explanationInWords(exampleOrder({ explanation: null, status: 'released', emergency: true }))).toEqual([
      'An emergency order: it goes with the emergency lead time.',
    ]);
  });

  it('says what became of it after a decision', () => {
    expect(outcomeInWords({ status: 'released', statusChangedBy: 'acme-motors', statusReason: '' })).toBe(
      'Approved by acme-motors: released to the supplier.',
    );
    expect(outcomeInWords({ status: 'rejected', statusChangedBy: 'acme-motors', statusReason: 'plant closed' })).toBe(
      'Rejected by acme-motors: plant closed',
    );
  });
});
