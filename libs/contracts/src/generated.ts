// Generated from schemas/*.avsc by `npm run contracts:generate`. Do not edit.

/** Expected demand per period for one item at one buyer site, with its uncertainty. State topic (compacted), key buyerId|siteId|itemId. */
export interface DemandForecast {
  /** Unique id of this forecast event. */
  eventId: string;
  /** The buyer. */
  buyerId: string;
  /** The buyer's site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Unit of measure of the demand. */
  unit: string;
  /** Forecasting method that produced it (for example 'moving-average-7'). */
  method: string;
  /** Length of one period in days (1 = daily buckets). */
  periodDays: number;
  /** Expected demand in one future period, in unit. */
  demandPerPeriod: number;
  /** Standard deviation of demand per period, estimated from the same history. */
  standardDeviationPerPeriod: number;
  /** Number of history periods the forecast was computed from. */
  periodsObserved: number;
  /** When the forecast was computed. */
  generatedAt: Date;
  /** eventId of the latest consumption movement taken into account. */
  basedOnMovementId: string;
}

export type NotificationChannel = 'WEBHOOK' | 'EMAIL';
export const NotificationChannelValues = ['WEBHOOK', 'EMAIL'] as const;

export type DeliveryStatus = 'DELIVERED' | 'FAILED';
export const DeliveryStatusValues = ['DELIVERED', 'FAILED'] as const;

/** The record of one alert delivered (or given up) to a party of an agreement. Key on Kafka: recipientId. */
export interface Notification {
  /** Unique id of this notification event. */
  eventId: string;
  /** The notification's id (one per recipient per causing event). */
  notificationId: string;
  /** The party notified (a buyer or supplier id). */
  recipientId: string;
  /** How it was sent. */
  channel: NotificationChannel;
  /** What it is about: STOCKOUT, ORDER_RAISED, PENALTY, SHIPMENT. */
  topic: string;
  /** One-line summary a person can read. */
  subject: string;
  /** eventId of the event that caused the alert. */
  causedByEventId: string;
  /** DELIVERED: the endpoint acknowledged it (2xx); FAILED: every retry failed. */
  status: DeliveryStatus;
  /** Delivery attempts made. */
  attempts: number;
  /** Why the last attempt failed, when it did. */
  lastError: null | string;
  /** When delivery succeeded or was given up. */
  completedAt: Date;
}

/** An order the supplier raised to refill one item at one buyer site under an agreement. Key on Kafka: buyerId|siteId|itemId. */
export interface ReplenishmentOrder {
  /** Unique id of this order event. */
  eventId: string;
  /** The order's own id; the buyer's goods receipt refers to it (StockMovement.orderReference). */
  orderId: string;
  /** The agreement the order was decided under. */
  agreementId: string;
  /** The buyer receiving the goods. */
  buyerId: string;
  /** The supplier delivering them. */
  supplierId: string;
  /** Delivery site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Quantity ordered, in unit, already rounded to the pack multiple. */
  quantity: number;
  /** Unit of measure. */
  unit: string;
  /** On-hand the decision saw. */
  onHand: number;
  /** Quantity already ordered and not yet received when the decision was taken. */
  onOrder: number;
  /** Agreement minimum (reorder level): an order is raised when on-hand + on-order falls to it. */
  minimum: number;
  /** Agreement maximum: the order refills on-hand + on-order up to it (before rounding). */
  maximum: number;
  /** Agreement pack multiple the quantity was rounded up to. */
  packMultiple: number;
  /** When the goods are due: the as-of time of the stock level that triggered the order plus the agreed lead time (event time, so a replay gives the same date). */
  expectedDeliveryAt: Date;
  /** When the order was decided. */
  decidedAt: Date;
  /** eventId of the stock level that triggered the order. */
  triggeredByEventId: string;
}

export type ShipmentStatus = 'PLANNED' | 'DISPATCHED' | 'DELIVERED' | 'RECEIVED';
export const ShipmentStatusValues = ['PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED'] as const;

/** A shipment for the supplier's logistics, carrying one replenishment order, in its current status. Each status change publishes the whole shipment again. Key on Kafka: shipmentId. */
export interface Shipment {
  /** Unique id of this shipment event (one per status change). */
  eventId: string;
  /** The shipment's id. */
  shipmentId: string;
  /** The replenishment order it carries. */
  orderId: string;
  /** The agreement of that order. */
  agreementId: string;
  /** Receiving buyer. */
  buyerId: string;
  /** Shipping supplier. */
  supplierId: string;
  /** Delivery site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Quantity shipped, in unit. */
  quantity: number;
  /** Unit of measure. */
  unit: string;
  /** PLANNED: created from the order, waiting for logistics; DISPATCHED: left the supplier; DELIVERED: arrived at the site; RECEIVED: the buyer booked the goods receipt. */
  status: ShipmentStatus;
  /** When the shipment entered this status. */
  statusChangedAt: Date;
  /** When the order promised delivery. */
  expectedDeliveryAt: Date;
  /** Quantity the buyer booked on goods receipt (status RECEIVED); null before. */
  receivedQuantity: null | number;
}

export type BreachKind = 'STOCKOUT' | 'PENALTY';
export const BreachKindValues = ['STOCKOUT', 'PENALTY'] as const;

/** A service-level event under an agreement: a stockout at a buyer site, or a penalty due because the agreement's allowance was exceeded. Key on Kafka: agreementId. */
export interface SlaBreach {
  /** Unique id of this event. */
  eventId: string;
  /** STOCKOUT: on-hand fell to zero or below; PENALTY: the stockouts in the period exceeded the agreement's allowance, and penaltyAmount is due. */
  kind: BreachKind;
  /** The agreement breached. */
  agreementId: string;
  /** The buyer. */
  buyerId: string;
  /** The supplier answerable for the breach. */
  supplierId: string;
  /** The site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** When the stockout began (the as-of of the stock level that showed it). */
  occurredAt: Date;
  /** The agreement period the breach counts in, as YYYY-MM (calendar month, UTC). */
  period: string;
  /** Stockouts counted in that period for this agreement line, this one included. */
  stockoutsInPeriod: number;
  /** Stockouts the agreement tolerates per period before a penalty is due. */
  allowedStockoutsPerPeriod: number;
  /** Amount due for this event: always zero for a STOCKOUT; the amount due for a stockout beyond the allowance is on its PENALTY event, so summing every event's amount counts each penalty once. */
  penaltyAmount: number;
  /** ISO 4217 currency of penaltyAmount. */
  currency: string;
  /** eventId of the stock level that showed the stockout. */
  stockLevelEventId: string;
}

export type MovementKind = 'RECEIPT' | 'CONSUMPTION' | 'ADJUSTMENT' | 'COUNT';
export const MovementKindValues = ['RECEIPT', 'CONSUMPTION', 'ADJUSTMENT', 'COUNT'] as const;

/** The projected on-hand stock of one item at one buyer site after one accepted movement, with that movement. One event per change; key buyerId|siteId|itemId, so the latest record per key is the current on-hand. */
export interface StockLevel {
  /** Unique id of this stock level event. */
  eventId: string;
  /** The buyer owning the stock. */
  buyerId: string;
  /** The buyer's site. */
  siteId: string;
  /** The item. */
  itemId: string;
  /** Projected on-hand quantity after the movement, in unit. Can be negative when consumption was reported beyond the known stock. */
  onHand: number;
  /** Unit of measure. */
  unit: string;
  /** Number of movements applied to this site x item so far. Strictly increasing per key, so a consumer can ignore a level older than one it has seen. */
  sequence: number;
  /** occurredAt of the movement that produced this level. */
  asOf: Date;
  /** eventId of the stock movement that produced this level. */
  movementId: string;
  /** Kind of that movement. */
  movementKind: MovementKind;
  /** Quantity of that movement, as sent. */
  movementQuantity: number;
  /** For a RECEIPT: the replenishment order it arrived against. */
  orderReference: null | string;
}

/** One change to a buyer's stock of one item at one site, as the buyer's ERP or WMS reports it. Key on Kafka: buyerId|siteId|itemId. */
export interface StockMovement {
  /** Unique id of this movement, chosen by the sender. A movement sent twice with the same id is applied once. */
  eventId: string;
  /** The buyer (the company whose stock this is), as named in the agreement. */
  buyerId: string;
  /** The buyer's site (plant, warehouse, store) holding the stock. */
  siteId: string;
  /** The item, by the number both parties use in the agreement. */
  itemId: string;
  /** RECEIPT adds quantity (goods received); CONSUMPTION removes it (used or sold); ADJUSTMENT adds a signed correction (scrap, found stock); COUNT states the on-hand found by a physical count and replaces the projection. */
  kind: MovementKind;
  /** How much moved, in unit. Positive for RECEIPT and CONSUMPTION, signed for ADJUSTMENT, zero or more for COUNT. */
  quantity: number;
  /** Unit of measure (EA, KG, M...). Must match the unit of the agreement line. */
  unit: string;
  /** When the movement happened at the site (not when it was sent). */
  occurredAt: Date;
  /** Which system sent it (for example 'erp-sap-plant-1', 'rest', 'demo-feed'). */
  source: string;
  /** For a RECEIPT: the replenishment order id the goods arrived against, so the order can be closed. Null otherwise. */
  orderReference: null | string;
}
