import { Agreement, AgreementLine } from '@smi/agreements';
import { OrderExplanation, ReplenishmentOrder, StockLevel } from '@smi/contracts';
import { createHash } from 'node:crypto';
import { approvalFor } from './order-approval';
import { type StaleFeedHold, staleFeedWords } from './stale-feed-hold';
import { orderEventOf, PLATFORM_ACTOR } from './order-lifecycle';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The order id for the stock level that triggered it: the same on every replay of that level. */
export const orderIdFor = (triggeringEventId: string): string =>
  `ORD-${createHash('sha256').update(triggeringEventId).digest('hex').slice(0, 16).toUpperCase()}`;

/**
 * The engine's decision to order, as the order needs it: the same fields as the
 * order branch of the planning engine's ReplenishmentDecision, so the stock-level
 * handler can pass that decision as it is.
 */
export interface OrderToPlace {
  quantity: number;
  emergency: boolean;
  /** Lead time used: the emergency lead time for an emergency order. */
  leadTimeDays: number;
  /**
   * When the goods can arrive, as the engine worked it out (lead time, then the
   * next delivery weekday). Without it: the trigger's as-of plus the lead time.
   */
  dueAt?: Date;
  /** quantity x unit price (0 without a price). */
  orderValue: number;
  explanation: OrderExplanation;
}

export interface OrderDecided {
  /** The stock level that showed the need. */
  triggerEventId: string;
  triggerAsOf: Date;
  agreement: Agreement;
  line: AgreementLine;
  agreementVersion: number;
  decision: OrderToPlace;
  /** On-hand and on-order the decision saw. */
  onHand: number;
  onOrder: number;
  decidedAt: Date;
  /** Set when the buyer's feed was silent at decidedAt (an order no fresh level triggered). */
  feedHold?: StaleFeedHold;
}

/**
 * The first event of a new order: RELEASED within the line's approval boundary,
 * AWAITING_APPROVAL beyond it, or while the buyer's feed is silent (with a step
 * in its explanation saying so). The order id follows from the triggering stock
 * level, so a redelivered level finds the order it already made. Delivery is due
 * when the engine says, or else the lead time after that level (asOf), not
 * after whenever we got to read it.
 */
export function orderFor({
  triggerEventId,
  triggerAsOf,
  agreement,
  line,
  agreementVersion,
  decision,
  onHand,
  onOrder,
  decidedAt,
  feedHold,
}: OrderDecided): ReplenishmentOrder {
  const { quantity, emergency, leadTimeDays, dueAt, orderValue } = decision;
  const explanation = feedHold ? heldExplanation(decision, feedHold) : decision.explanation;
  const approval = approvalFor(line.approval, {
    quantity,
    unit: line.unit,
    orderValue,
    currency: agreement.currency,
    priced: line.unitPrice !== undefined,
    decidedAt,
    feedHold,
  });
  const status = approval.status === 'RELEASED' ? 'released' : 'awaiting-approval';
  return orderEventOf(
    {
      orderId: orderIdFor(triggerEventId),
      agreementId: agreement.agreementId,
      buyerId: agreement.buyerId,
      supplierId: agreement.supplierId,
      siteId: line.siteId,
      itemId: line.itemId,
      quantity,
      unit: line.unit,
      onHand,
      onOrder,
      reorderPoint: explanation.reorderPoint,
      orderUpTo: explanation.orderUpTo,
      packMultiple: line.packMultiple,
      expectedDeliveryAt: dueAt ?? new Date(triggerAsOf.getTime() + leadTimeDays * DAY_MS),
      decidedAt,
      triggeredByEventId: triggerEventId,
      status,
      agreementVersion,
      emergency,
      orderValue,
      statusChangedBy: PLATFORM_ACTOR,
      statusReason: approval.statusReason,
      approvalDeadline: approval.approvalDeadline,
      explanation,
    },
    status,
  );
}

/** The explanation of an order held for a silent feed: the quantity stands, the hold is a step of its own. */
function heldExplanation(decision: OrderToPlace, hold: StaleFeedHold): OrderExplanation {
  const words = staleFeedWords(hold);
  const { explanation } = decision;
  return {
    ...explanation,
    steps: [...explanation.steps, { rule: 'stale-feed-hold', before: decision.quantity, after: decision.quantity, note: words }],
    summary: `${explanation.summary} Held for the buyer's approval: ${words}.`,
  };
}

/** A goods receipt booked against an open order of its site x item. */
export interface GoodsReceipt {
  orderId: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  /** What this receipt brought. */
  receivedQuantity: number;
  receivedAt: Date;
  /** The stock level that carried it. */
  eventId: string;
  unit: string;
  orderedQuantity: number;
  /** What its shipment dispatched, once dispatched (less than ordered: the receipt that brings it all closes the order short). */
  dispatchedQuantity: number | null;
  shipmentId: string | null;
  /** What the order's receipts brought so far, this one included. */
  receivedSoFar: number;
  /** Whether all that will come (dispatched, else ordered) has now arrived: it is received; else the rest stays on order. */
  closes: boolean;
}

/** The goods receipt a stock level carries: a RECEIPT naming the order it arrived against. */
export function goodsReceiptOf(level: StockLevel): { orderId: string; receivedQuantity: number; receivedAt: Date } | undefined {
  if (level.movementKind !== 'RECEIPT' || !level.orderReference) return undefined;
  return { orderId: level.orderReference, receivedQuantity: level.movementQuantity, receivedAt: level.asOf };
}
