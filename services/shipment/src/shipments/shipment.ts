import { ReplenishmentOrder, Shipment } from '@smi/contracts';
import { ShipmentStep, transition } from './shipment-status';

/** A shipment as this service keeps it: the Shipment event without an event id. */
export type ShipmentState = Omit<Shipment, 'eventId'>;

export type StepOutcome = { kind: 'moved'; shipment: ShipmentState } | { kind: 'refused'; reason: string };

/** One order travels as one shipment, so the id follows from the order's: a replayed order finds its shipment. */
export const shipmentIdOf = (orderId: string): string => `SHP-${orderId}`;

/** A new shipment for an order, waiting for the supplier's logistics. It enters PLANNED when the order was decided. */
export function plannedShipmentFor(order: ReplenishmentOrder): ShipmentState {
  return {
    shipmentId: shipmentIdOf(order.orderId),
    orderId: order.orderId,
    agreementId: order.agreementId,
    buyerId: order.buyerId,
    supplierId: order.supplierId,
    siteId: order.siteId,
    itemId: order.itemId,
    quantity: order.quantity,
    unit: order.unit,
    status: 'PLANNED',
    statusChangedAt: order.decidedAt,
    expectedDeliveryAt: order.expectedDeliveryAt,
    receivedQuantity: null,
  };
}

/** Moves a shipment one step, or says why it cannot move. */
export function applyStep(shipment: ShipmentState, step: ShipmentStep, at: Date, receivedQuantity?: number): StepOutcome {
  const next = transition(shipment.status, step);
  if (!next.allowed) return { kind: 'refused', reason: next.reason };
  return {
    kind: 'moved',
    shipment: {
      ...shipment,
      status: next.status,
      statusChangedAt: at,
      receivedQuantity: step === 'RECEIVE' ? (receivedQuantity ?? null) : shipment.receivedQuantity,
    },
  };
}

/** The event announcing a shipment's status; every status change publishes the whole shipment. */
export const shipmentEvent = (shipment: ShipmentState, eventId: string): Shipment => ({ eventId, ...shipment });

/** A shipment event a batch announces; `index` is the place in the batch of what caused it. */
export interface Announced {
  index: number;
  event: Shipment;
}

/**
 * The shipments a batch works on, as it leaves them: starts from those loaded for the batch
 * (by shipment id), and remembers which it changed so each is written once, in its last state.
 */
export class ShipmentsOfBatch {
  private readonly byId: Map<string, ShipmentState>;
  private readonly changedIds = new Set<string>();

  constructor(loaded: ReadonlyMap<string, ShipmentState>) {
    this.byId = new Map(loaded);
  }

  get(shipmentId: string): ShipmentState | undefined {
    return this.byId.get(shipmentId);
  }

  set(shipment: ShipmentState): void {
    this.byId.set(shipment.shipmentId, shipment);
    this.changedIds.add(shipment.shipmentId);
  }

  /** Every shipment the batch created or moved, once each, in its last state. */
  changed(): ShipmentState[] {
    return [...this.changedIds].map((id) => this.byId.get(id)!);
  }
}

/** The order statuses logistics reads: only RELEASED ships; a REJECTED one after release is the buyer's veto. */
const ORDER_STATUSES = ['RELEASED', 'AWAITING_APPROVAL', 'REJECTED', 'EXPIRED'];

/**
 * What an order event asks of logistics: a released order (placed, or approved
 * by the buyer) is planned; a rejected one cancels its shipment, if it has one
 * (a veto after release); an order awaiting approval or expired ships nothing.
 */
export function shipmentActionFor(order: ReplenishmentOrder): 'plan' | 'cancel' | 'none' {
  if (order.status === 'RELEASED') return 'plan';
  if (order.status === 'REJECTED') return 'cancel';
  return 'none';
}

/** Rules an order must meet to become a shipment, each naming the field. */
export function orderProblems(order: ReplenishmentOrder): string[] {
  const problems: string[] = [];
  if (!ORDER_STATUSES.includes(order.status)) problems.push(`status must be one of ${ORDER_STATUSES.join(', ')} (got ${order.status})`);
  for (const field of ['orderId', 'agreementId', 'buyerId', 'supplierId', 'siteId', 'itemId', 'unit'] as const) {
    if (typeof order[field] !== 'string' || order[field].trim().length === 0) problems.push(`${field} must be a non-empty string`);
  }
  if (!Number.isFinite(order.quantity) || order.quantity <= 0) problems.push(`quantity must be greater than 0 (got ${order.quantity})`);
  for (const field of ['decidedAt', 'expectedDeliveryAt'] as const) {
    if (!(order[field] instanceof Date) || Number.isNaN(order[field].getTime())) problems.push(`${field} must be a date-time`);
  }
  return problems;
}
