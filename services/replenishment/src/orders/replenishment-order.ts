import { Agreement, AgreementLine } from '@smi/agreements';
import { ReplenishmentOrder, StockLevel } from '@smi/contracts';
import { createHash } from 'node:crypto';
import { StockSituation } from './reorder-decision';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The order id for the stock level that triggered it: the same on every replay of that level. */
export const orderIdFor = (triggeringEventId: string): string =>
  `ORD-${createHash('sha256').update(triggeringEventId).digest('hex').slice(0, 16).toUpperCase()}`;

export interface OrderDecided {
  level: StockLevel;
  agreement: Agreement;
  line: AgreementLine;
  stock: StockSituation;
  quantity: number;
  decidedAt: Date;
}

/**
 * The order to announce. Delivery is due the agreed lead time after the stock
 * level that showed the need (asOf), not after whenever we got to read it.
 */
export function replenishmentOrderOf({ level, agreement, line, stock, quantity, decidedAt }: OrderDecided): ReplenishmentOrder {
  return {
    eventId: `${level.eventId}/replenishment-order`,
    orderId: orderIdFor(level.eventId),
    agreementId: agreement.agreementId,
    buyerId: agreement.buyerId,
    supplierId: agreement.supplierId,
    siteId: line.siteId,
    itemId: line.itemId,
    quantity,
    unit: line.unit,
    onHand: stock.onHand,
    onOrder: stock.onOrder,
    minimum: line.minimum,
    maximum: line.maximum,
    packMultiple: line.packMultiple,
    expectedDeliveryAt: new Date(level.asOf.getTime() + line.leadTimeDays * DAY_MS),
    decidedAt,
    triggeredByEventId: level.eventId,
    status: 'RELEASED',
    agreementVersion: 0,
    emergency: false,
    orderValue: 0,
    statusChangedBy: 'replenishment',
    statusReason: '',
    approvalDeadline: null,
    explanation: null,
  };
}

/** The goods receipt a stock level carries: a RECEIPT naming the order it arrived against. */
export function goodsReceiptOf(level: StockLevel): { orderId: string; receivedQuantity: number; receivedAt: Date } | undefined {
  if (level.movementKind !== 'RECEIPT' || !level.orderReference) return undefined;
  return { orderId: level.orderReference, receivedQuantity: level.movementQuantity, receivedAt: level.asOf };
}
