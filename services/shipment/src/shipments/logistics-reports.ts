import { Shipment } from '@smi/contracts';
import { applyStep, shipmentEvent, ShipmentsOfBatch, ShipmentState } from './shipment';

/** The supplier's logistics reporting that a shipment left, or arrived at the buyer's site. */
export interface LogisticsReport {
  shipmentId: string;
  step: 'DISPATCH' | 'DELIVER';
  /** Who reports: only the shipment's own supplier may move it. */
  reportedBy: { kind: 'buyer' | 'supplier' | 'operator'; id: string };
}

/** Who may see a shipment: its buyer, its supplier, and operators. */
export const maySeeShipment = (shipment: Pick<ShipmentState, 'buyerId' | 'supplierId'>, by: LogisticsReport['reportedBy']): boolean =>
  by.kind === 'operator' || (by.kind === 'buyer' ? shipment.buyerId : shipment.supplierId) === by.id;

/** What a caller hears of a shipment that does not exist, or that it may not see: the same, so an id confirms nothing. */
export const unknownShipment = (shipmentId: string): string => `shipment ${shipmentId} is not known`;

export type ReportOutcome =
  { kind: 'moved'; shipment: ShipmentState; event: Shipment } | { kind: 'unknown' | 'not-theirs' | 'refused'; reason: string };

export interface LogisticsReportsRecorded {
  /** One outcome per report, in the order given. */
  outcomes: ReportOutcome[];
  /** Every shipment the reports moved, once each, in its last state. */
  changed: ShipmentState[];
}

/**
 * Applies logistics reports to the shipments they name, in order, as applying them one by one
 * would. `shipments` holds the reports' shipments by id; `at` is when the reports were made.
 */
export function recordLogisticsReports(
  shipments: ReadonlyMap<string, ShipmentState>,
  reports: readonly LogisticsReport[],
  at: Date,
): LogisticsReportsRecorded {
  const batch = new ShipmentsOfBatch(shipments);
  const outcomes = reports.map((report): ReportOutcome => {
    const { shipmentId, reportedBy } = report;
    const shipment = batch.get(shipmentId);
    if (!shipment || !maySeeShipment(shipment, reportedBy)) return { kind: 'unknown', reason: unknownShipment(shipmentId) };
    if (reportedBy.kind !== 'supplier')
      return { kind: 'not-theirs', reason: `only the shipment's supplier may move shipment ${shipmentId}` };
    const outcome = applyStep(shipment, report.step, at);
    if (outcome.kind === 'refused') return { kind: 'refused', reason: `shipment ${shipmentId} is ${shipment.status}: ${outcome.reason}` };
    batch.set(outcome.shipment);
    // No causing event: the id follows from the shipment and the status, entered at most once each.
    return {
      kind: 'moved',
      shipment: outcome.shipment,
      event: shipmentEvent(outcome.shipment, `${shipmentId}/${outcome.shipment.status.toLowerCase()}`),
    };
  });
  return { outcomes, changed: batch.changed() };
}
