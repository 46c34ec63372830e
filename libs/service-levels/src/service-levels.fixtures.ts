import type { DeliveryLine, LevelFact, LinePenaltyRates } from './service-level-facts';
import { addDays } from './period';

/**
 * A site x item's history worked by hand in the specs: February at 10 a day from 300, then in
 * March a three-day stockout (2nd noon to 4th 18:00) and a second one on the 5th (08:00-14:00).
 *
 *   Feb 1..28  consume 10 at noon each day: 300 -> 20 (28 in-stock days, mean 10 a day)
 *   Mar 1 12:00  consume 10 -> 10
 *   Mar 2 12:00  consume 10 -> 0     stockout 1 begins
 *   Mar 3        nothing             (a day wholly stocked out)
 *   Mar 4 18:00  receipt 50 -> 50    stockout 1 ends (54 h)
 *   Mar 4 20:00  consume 10 -> 40
 *   Mar 5 08:00  consume 45 -> -5    stockout 2 begins, 5 of the 45 unmet
 *   Mar 5 14:00  receipt 100 -> 95   stockout 2 ends (6 h)
 */
export function workedLevels(): LevelFact[] {
  const levels: LevelFact[] = [];
  let onHand = 300;
  const add = (at: string, movementKind: LevelFact['movementKind'], movementQuantity: number) => {
    onHand += movementKind === 'CONSUMPTION' ? -movementQuantity : movementQuantity;
    const sequence = levels.length + 1;
    levels.push({ eventId: `lvl-${sequence}`, sequence, asOf: new Date(at), onHand, movementKind, movementQuantity });
  };
  for (let day = '2026-02-01'; day <= '2026-02-28'; day = addDays(day, 1)) add(`${day}T12:00:00Z`, 'CONSUMPTION', 10);
  add('2026-03-01T12:00:00Z', 'CONSUMPTION', 10);
  add('2026-03-02T12:00:00Z', 'CONSUMPTION', 10);
  add('2026-03-04T18:00:00Z', 'RECEIPT', 50);
  add('2026-03-04T20:00:00Z', 'CONSUMPTION', 10);
  add('2026-03-05T08:00:00Z', 'CONSUMPTION', 45);
  add('2026-03-05T14:00:00Z', 'RECEIPT', 100);
  return levels;
}

/** Version 1 until 3 March, version 2 from 4 March: perStockoutDay rises from 50 to 80. */
export const version1: LinePenaltyRates = {
  agreementVersion: 1,
  currency: 'EUR',
  perStockoutDay: 50,
  perLateDelivery: 25.5,
  perShortDelivery: 3.333,
  fillRateFloor: 0.9,
  perFillRateShortfall: 1000,
  allowedStockoutsPerMonth: 1,
  penaltyPerStockout: 500,
};
export const version2: LinePenaltyRates = { ...version1, agreementVersion: 2, perStockoutDay: 80 };
export const ratesOnWorked = (day: string): LinePenaltyRates => (day < '2026-03-04' ? version1 : version2);

export function deliveryLine(overrides: Partial<DeliveryLine>): DeliveryLine {
  return {
    orderId: 'O-1',
    shipmentId: 'S-1',
    siteId: 'plant-turin',
    itemId: 'coolant-c5l',
    orderedAt: new Date('2026-03-01T00:00:00Z'),
    promisedAt: new Date('2026-03-06T00:00:00Z'),
    deliveredAt: new Date('2026-03-06T09:00:00Z'),
    orderedQuantity: 100,
    dispatchedQuantity: 100,
    receivedQuantity: 100,
    wrongItemReceived: false,
    agreedLeadTimeDays: 5,
    receiptEventIds: [],
    ...overrides,
  };
}

/**
 * The month's deliveries:
 *   O-1  ordered Mar 1, promised Mar 6, first arrival Mar 8 10:00: 2 days late, in full
 *   O-2  50 ordered, 45 dispatched (5 short), promised and delivered Mar 10, received 45
 *   O-3  60 ordered and dispatched, promised Mar 20, first arrival Mar 19, 40 received so far (a partial receipt)
 *   O-4  promised Mar 28, not delivered when the month closes: 3 days late up to Mar 31
 */
export const workedDeliveries = (): DeliveryLine[] => [
  deliveryLine({
    orderId: 'O-1',
    shipmentId: 'S-1',
    deliveredAt: new Date('2026-03-08T10:00:00Z'),
    receiptEventIds: ['rcpt-1'],
  }),
  deliveryLine({
    orderId: 'O-2',
    shipmentId: 'S-2',
    orderedAt: new Date('2026-03-04T00:00:00Z'),
    promisedAt: new Date('2026-03-10T00:00:00Z'),
    deliveredAt: new Date('2026-03-10T07:00:00Z'),
    orderedQuantity: 50,
    dispatchedQuantity: 45,
    receivedQuantity: 45,
    receiptEventIds: ['rcpt-2'],
  }),
  deliveryLine({
    orderId: 'O-3',
    shipmentId: 'S-3',
    orderedAt: new Date('2026-03-14T00:00:00Z'),
    promisedAt: new Date('2026-03-20T00:00:00Z'),
    deliveredAt: new Date('2026-03-19T12:00:00Z'),
    orderedQuantity: 60,
    dispatchedQuantity: 60,
    receivedQuantity: 40,
    receiptEventIds: ['rcpt-3a'],
  }),
  deliveryLine({
    orderId: 'O-4',
    shipmentId: 'S-4',
    orderedAt: new Date('2026-03-23T00:00:00Z'),
    promisedAt: new Date('2026-03-28T00:00:00Z'),
    deliveredAt: null,
    orderedQuantity: 40,
    dispatchedQuantity: 40,
    receivedQuantity: 0,
  }),
];
