import type { AgreementLine } from '@smi/agreements';
import { DemandForecast, ReplenishmentOrder, Shipment } from '@smi/contracts';

/**
 * Records as the platform's own services publish them, with every field a test does not care
 * about set to a plain value; a test names what matters in `fields`.
 */
export const exampleDemandForecast = (
  fields: Pick<DemandForecast, 'eventId' | 'buyerId' | 'siteId' | 'itemId'> & Partial<DemandForecast>,
): DemandForecast => ({
  unit: 'EA',
  method: 'moving-average-7',
  periodDays: 1,
  demandPerPeriod: 2,
  standardDeviationPerPeriod: 1,
  periodsObserved: 7,
  generatedAt: new Date(),
  basedOnMovementId: `${fields.eventId}/movement`,
  demandClass: 'smooth',
  recentDemand: [],
  agreementId: null,
  firstPeriodStart: null,
  horizonDemand: [],
  censoredPeriods: 0,
  methodScore: null,
  runnerUpMethod: null,
  runnerUpScore: null,
  methodScores: [],
  leadTimePeriods: 0,
  leadTimeErrorVariance: null,
  ...fields,
});

export const exampleReplenishmentOrder = (
  fields: Pick<ReplenishmentOrder, 'orderId' | 'agreementId' | 'buyerId' | 'supplierId' | 'siteId' | 'itemId'> &
    Partial<ReplenishmentOrder>,
): ReplenishmentOrder => ({
  eventId: `${fields.orderId}/released`,
  quantity: 50,
  unit: 'EA',
  onHand: 10,
  onOrder: 0,
  minimum: 20,
  maximum: 100,
  reorderPoint: 20,
  orderUpTo: 100,
  packMultiple: 5,
  expectedDeliveryAt: new Date(Date.now() + 3 * 86_400_000),
  decidedAt: new Date(),
  triggeredByEventId: `${fields.orderId}/level`,
  status: 'RELEASED',
  agreementVersion: 1,
  emergency: false,
  orderValue: 0,
  statusChangedBy: 'replenishment',
  statusReason: '',
  approvalDeadline: null,
  explanation: null,
  ...fields,
});

/** A shipment event carrying one order, as shipment announces it (one line, the first line's fields on top). */
export const exampleShipment = (
  fields: Pick<Shipment, 'shipmentId' | 'orderId' | 'agreementId' | 'buyerId' | 'supplierId' | 'siteId' | 'itemId'> & Partial<Shipment>,
): Shipment => {
  const quantity = fields.quantity ?? 50;
  const unit = fields.unit ?? 'EA';
  const expectedDeliveryAt = fields.expectedDeliveryAt ?? new Date(Date.now() + 3 * 86_400_000);
  return {
    eventId: `${fields.shipmentId}/planned`,
    quantity,
    unit,
    status: 'PLANNED',
    statusChangedAt: new Date(),
    expectedDeliveryAt,
    receivedQuantity: null,
    lines: [
      {
        orderId: fields.orderId,
        itemId: fields.itemId,
        unit,
        orderedQuantity: quantity,
        dispatchedQuantity: null,
        receivedQuantity: 0,
        receiptEventIds: [],
      },
    ],
    promisedDeliveryAt: expectedDeliveryAt,
    carrier: null,
    trackingReference: null,
    dispatchedAt: null,
    deliveredAt: null,
    delayReason: null,
    causedByEventId: null,
    ...fields,
  };
};

/** An agreement line reviewed monthly with a month's lead time and safety stock from a 90% cycle service level: the terms a buyer and a supplier haggle over in a what-if. */
export const exampleMonthlyReviewedLine = (siteId: string, itemId: string): AgreementLine => ({
  siteId,
  itemId,
  unit: 'EA',
  minimum: 0,
  maximum: 0,
  leadTimeDays: 30,
  packMultiple: 1,
  policy: 'order-up-to',
  reviewPeriodDays: 30,
  serviceLevel: { measure: 'cycle-service-level', target: 0.9 },
  safetyStock: { method: 'service-level' },
});

/** Three years of a part that sells irregularly month to month: a demand history to replay terms over. */
export const IRREGULAR_MONTHLY_DEMAND: readonly number[] = [
  12, 30, 8, 22, 41, 15, 9, 27, 35, 11, 19, 44, 7, 25, 31, 14, 38, 10, 21, 29, 16, 46, 13, 24, 33, 9, 18, 40, 12, 27, 36, 15, 8, 30, 22, 17,
];
