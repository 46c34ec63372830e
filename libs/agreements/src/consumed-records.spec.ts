import { consumedRecordProblems } from './consumed-records';

describe('consumedRecordProblems', () => {
  const level = {
    eventId: 'e-1/stock-level',
    buyerId: 'acme',
    siteId: 'plant-1',
    itemId: 'bolt',
    unit: 'EA',
    onHand: 40,
    sequence: 3,
    movementId: 'e-1',
    movementKind: 'RECEIPT',
    movementQuantity: 5,
    orderReference: 'ORD-1',
  };

  it('lets a stock level within the bounds through', () => {
    expect(consumedRecordProblems('smi.stock-levels.v1', level)).toEqual([]);
  });

  it.each([
    ['onHand NaN', { onHand: NaN }, /^onHand must be a number/],
    ['onHand 1e12', { onHand: 1e12 }, /^onHand must be a number from/],
    ['a NUL in the site', { siteId: 'a\u0000b' }, /^siteId must not contain control characters/],
    ['a receipt of -5', { movementQuantity: -5 }, /^movementQuantity must be greater than 0 for a RECEIPT/],
  ])('refuses a stock level with %s, naming the field', (_name, change, problem) => {
    const problems = consumedRecordProblems('smi.stock-levels.v1', { ...level, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('refuses a breach whose penalty storage could not hold, and lets a shipment without a received quantity through', () => {
    const breach = {
      eventId: 'b',
      agreementId: 'A',
      buyerId: 'b',
      supplierId: 's',
      siteId: 'p',
      itemId: 'i',
      stockoutsInPeriod: 2,
      allowedStockoutsPerPeriod: 1,
    };
    expect(consumedRecordProblems('smi.sla-breaches.v1', { ...breach, penaltyAmount: 1e12 })[0]).toMatch(/^penaltyAmount must be/);
    expect(consumedRecordProblems('smi.sla-breaches.v1', { ...breach, penaltyAmount: 250 })).toEqual([]);
    const shipment = {
      eventId: 's',
      shipmentId: 's',
      orderId: 'o',
      agreementId: 'A',
      buyerId: 'b',
      supplierId: 's',
      siteId: 'p',
      itemId: 'i',
      unit: 'EA',
      quantity: 5,
    };
    expect(consumedRecordProblems('smi.shipments.v1', { ...shipment, receivedQuantity: null })).toEqual([]);
  });

  it('has no rules for a contract checked elsewhere', () => {
    expect(consumedRecordProblems('smi.stock-movements.v1', { quantity: NaN })).toEqual([]);
  });
});
