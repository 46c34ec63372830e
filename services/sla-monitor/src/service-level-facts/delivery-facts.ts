import { ForecastAccuracy, ReplenishmentOrder, Shipment } from '@smi/contracts';

/** A fact landed in this agreement line's month, at this business time. */
export interface Touch {
  agreementId: string;
  siteId: string;
  itemId: string;
  /** YYYY-MM */
  period: string;
  touchedAt: Date;
}

/** A released order line, as the delivery facts keep it. */
export interface OrderedLine {
  orderId: string;
  agreementId: string;
  agreementVersion: number;
  buyerId: string;
  supplierId: string;
  siteId: string;
  itemId: string;
  orderedAt: Date;
  promisedAt: Date;
  orderedQuantity: number;
  agreedLeadTimeDays: number;
  /** Rejected (vetoed) after its release: it was never owed. */
  withdrawn: boolean;
}

/** What a shipment last said about one order line. */
export interface ShippedLine {
  orderId: string;
  shipmentId: string;
  /** The item the shipment carries for the order (another than ordered is a wrong item). */
  itemId: string;
  status: string;
  statusChangedAt: Date;
  dispatchedQuantity: number | null;
  receivedQuantity: number;
  deliveredAt: Date | null;
  receiptEventIds: string[];
}

const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/**
 * Folds a batch of order events, in order, into the order lines to keep and the orders withdrawn:
 * a RELEASED event makes the line (ordered when decided, promised for its expected delivery); a
 * REJECTED one withdraws a released line (one stored earlier too). Other steps owe nothing yet.
 * `leadTimeOf` gives the agreed lead time of the order's agreement version.
 */
export function orderedLinesOf(
  orders: readonly ReplenishmentOrder[],
  leadTimeOf: (order: ReplenishmentOrder) => number,
): { released: OrderedLine[]; withdrawn: string[]; touches: Touch[] } {
  const released = new Map<string, OrderedLine>();
  const withdrawn = new Set<string>();
  const touches: Touch[] = [];
  for (const order of orders) {
    if (order.status === 'RELEASED') {
      withdrawn.delete(order.orderId);
      released.set(order.orderId, {
        orderId: order.orderId,
        agreementId: order.agreementId,
        agreementVersion: order.agreementVersion,
        buyerId: order.buyerId,
        supplierId: order.supplierId,
        siteId: order.siteId,
        itemId: order.itemId,
        orderedAt: order.decidedAt,
        promisedAt: order.expectedDeliveryAt,
        orderedQuantity: order.quantity,
        agreedLeadTimeDays: leadTimeOf(order),
        withdrawn: false,
      });
    } else if (order.status === 'REJECTED') {
      const line = released.get(order.orderId);
      if (line) line.withdrawn = true;
      else withdrawn.add(order.orderId);
    } else continue;
    const { agreementId, siteId, itemId } = order;
    touches.push({ agreementId, siteId, itemId, period: monthOf(order.expectedDeliveryAt), touchedAt: order.decidedAt });
  }
  return { released: [...released.values()], withdrawn: [...withdrawn], touches };
}

/**
 * The order lines a batch of shipment events last described, one per order: the newest status
 * change wins (a later event of the same moment too). A record written before consolidation has
 * no lines; its top-level order stands for its one line.
 */
export function shippedLinesOf(shipments: readonly Shipment[]): { shipped: ShippedLine[]; touches: Touch[] } {
  const shipped = new Map<string, ShippedLine>();
  const touches: Touch[] = [];
  for (const shipment of shipments) {
    const lines =
      shipment.lines.length > 0
        ? shipment.lines
        : [
            {
              orderId: shipment.orderId,
              itemId: shipment.itemId,
              dispatchedQuantity: shipment.status === 'PLANNED' ? null : shipment.quantity,
              receivedQuantity: shipment.receivedQuantity ?? 0,
              receiptEventIds: [],
            },
          ];
    const promisedAt = shipment.promisedDeliveryAt ?? shipment.expectedDeliveryAt;
    for (const line of lines) {
      const before = shipped.get(line.orderId);
      if (before && before.statusChangedAt > shipment.statusChangedAt) continue;
      shipped.set(line.orderId, {
        orderId: line.orderId,
        shipmentId: shipment.shipmentId,
        itemId: line.itemId,
        status: shipment.status,
        statusChangedAt: shipment.statusChangedAt,
        dispatchedQuantity: line.dispatchedQuantity,
        receivedQuantity: line.receivedQuantity,
        deliveredAt: shipment.deliveredAt,
        receiptEventIds: [...line.receiptEventIds],
      });
      const where = {
        agreementId: shipment.agreementId,
        siteId: shipment.siteId,
        itemId: line.itemId,
        touchedAt: shipment.statusChangedAt,
      };
      touches.push({ ...where, period: monthOf(promisedAt) });
      if (shipment.deliveredAt) touches.push({ ...where, period: monthOf(shipment.deliveredAt) });
    }
  }
  return { shipped: [...shipped.values()], touches };
}

/** Forecast accuracy as kept: the latest measurement per site x item (or agreement) and period scored. */
export interface KeptAccuracy extends ForecastAccuracy {
  /** buyerId|siteId|itemId for a site x item, the agreementId for an agreement. */
  subject: string;
}

type SiteItem = { buyerId: string; siteId: string; itemId: string };

/** What a site x item's forecast accuracy is kept under (buyerId|siteId|itemId); an agreement's is kept under its id. */
export const accuracySubjectOf = (of: SiteItem): string => `${of.buyerId}|${of.siteId}|${of.itemId}`;

/** The latest measurement of each subject and period in a batch (a later one of the same moment too), and the months they touch. */
export function accuraciesOf(measurements: readonly ForecastAccuracy[]): { kept: KeptAccuracy[]; touches: Touch[] } {
  const latest = new Map<string, KeptAccuracy>();
  const touches: Touch[] = [];
  for (const m of measurements) {
    const subject = m.scope === 'AGREEMENT' ? (m.agreementId ?? '') : accuracySubjectOf(m as SiteItem);
    const key = `${subject}|${m.throughPeriodStart}`;
    const before = latest.get(key);
    if (before && before.measuredAt > m.measuredAt) continue;
    latest.set(key, { ...m, subject });
    if (m.scope === 'SITE_ITEM' && m.agreementId && m.siteId && m.itemId) {
      touches.push({
        agreementId: m.agreementId,
        siteId: m.siteId,
        itemId: m.itemId,
        period: m.throughPeriodStart.slice(0, 7),
        touchedAt: m.measuredAt,
      });
    }
  }
  return { kept: [...latest.values()], touches };
}
