import { Shipment } from '@smi/contracts';
import { applyStep, shipmentEvent, ShipmentsOfBatch, ShipmentState } from './shipment';

/** The supplier's logistics reporting that a shipment left, or arrived at the buyer's site. */
export interface LogisticsReport {
  shipmentId: string;
  step: 'DISPATCH' | 'DELIVER';
  /** Who reports: only the shipment's own supplier may move it. */
  reportedBy: { kind: 'buyer' | 'supplier' | 'operator'; id: string };
}

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
    if (!shipment) return { kind: 'unknown', reason: `shipment ${shipmentId} is not known` };
    if (reportedBy.kind !== 'supplier' || reportedBy.id !== shipment.supplierId) {
      return { kind: 'not-theirs', reason: `only the shipment's supplier ${shipment.supplierId} may move shipment ${shipmentId}` };
    }
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
