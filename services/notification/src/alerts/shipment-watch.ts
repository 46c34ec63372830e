import { Shipment } from '@smi/contracts';
import { AlertIntent, alertsForShipment, alertsTo, AlertDecision, dayOf, minuteOf } from './alert-rules';

/** A shipment as the watch last saw it. */
export interface WatchedShipment {
  shipmentId: string;
  buyerId: string;
  supplierId: string;
  /** The promised delivery (else the expected one): lateness is measured against it. */
  dueAt: Date;
  /** Not yet delivered, received or cancelled. */
  open: boolean;
  lateAlerted: boolean;
  delayReason: string | null;
  statusChangedAt: Date;
  shipment: Shipment;
}

const CLOSED = new Set<Shipment['status']>(['DELIVERED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED']);

/**
 * Each shipment event against what was seen of it before: its dispatch tells the buyer once (a
 * later report on a dispatched shipment is not a new dispatch), and a delay newly reported
 * (a reason it did not have) tells the buyer the new expected arrival and why. Events of one
 * shipment come in order; one older than the last seen changes nothing.
 */
export function watchShipments(
  shipments: readonly Shipment[],
  stored: ReadonlyMap<string, WatchedShipment>,
): { decisions: AlertDecision[]; states: WatchedShipment[] } {
  const current = new Map(stored);
  const moved = new Set<string>();
  const decisions: AlertDecision[] = [];
  for (const shipment of shipments) {
    const before = current.get(shipment.shipmentId);
    if (before && shipment.statusChangedAt.getTime() < before.statusChangedAt.getTime()) {
      decisions.push({ kind: 'alerts', alerts: [] });
      continue;
    }
    const alerts: AlertIntent[] = [];
    if (before?.shipment.status !== 'DISPATCHED' || shipment.status !== 'DISPATCHED') {
      const dispatch = alertsForShipment(shipment);
      if (dispatch.kind === 'refused') {
        decisions.push(dispatch);
        continue;
      }
      alerts.push(...dispatch.alerts);
    }
    if (shipment.delayReason && shipment.delayReason !== (before?.delayReason ?? null) && !CLOSED.has(shipment.status)) {
      const subject =
        `Shipment ${shipment.shipmentId} for ${shipment.siteId} delayed: now expected ${dayOf(shipment.expectedDeliveryAt)} ` +
        `(${shipment.delayReason})`;
      alerts.push(...alertsTo([shipment.buyerId], 'SHIPMENT_DELAYED', subject, shipment, `${shipment.eventId}/delayed`));
    }
    decisions.push({ kind: 'alerts', alerts });
    current.set(shipment.shipmentId, {
      shipmentId: shipment.shipmentId,
      buyerId: shipment.buyerId,
      supplierId: shipment.supplierId,
      dueAt: shipment.promisedDeliveryAt ?? shipment.expectedDeliveryAt,
      open: !CLOSED.has(shipment.status) && !shipment.deliveredAt,
      lateAlerted: before?.lateAlerted ?? false,
      delayReason: shipment.delayReason,
      statusChangedAt: shipment.statusChangedAt,
      shipment,
    });
    moved.add(shipment.shipmentId);
  }
  return { decisions, states: [...moved].map((id) => current.get(id)!) };
}

/** The sweep: a shipment still open past its promised delivery (by the business clock) is late; buyer and supplier hear it once. */
export function lateShipments(watched: readonly WatchedShipment[], now: Date): { alerts: AlertIntent[]; late: string[] } {
  const alerts: AlertIntent[] = [];
  const late: string[] = [];
  for (const w of watched) {
    if (!w.open || w.lateAlerted || w.dueAt.getTime() >= now.getTime()) continue;
    const s = w.shipment;
    const subject = `Shipment ${s.shipmentId} for ${s.siteId} is late: promised ${minuteOf(w.dueAt)}, not delivered by ${minuteOf(now)}`;
    alerts.push(...alertsTo([w.buyerId, w.supplierId], 'SHIPMENT_LATE', subject, s, `${s.shipmentId}/late`));
    late.push(w.shipmentId);
  }
  return { alerts, late };
}
