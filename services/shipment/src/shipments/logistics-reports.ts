import { Shipment, ShipmentUpdate, ShipmentUpdateKindValues, unstorableField } from '@smi/contracts';
import { bookKeptReceipts, GoodsReceipt, receivedEventIdOf } from '../goods-receipt/goods-receipt';
import { lineOf, settled, shipmentEvent, ShipmentsOfBatch, ShipmentState } from './shipment';

/** Who makes a report: only the shipment's own supplier may; buyers and operators only look. */
export interface Reporter {
  kind: 'buyer' | 'supplier' | 'operator';
  id: string;
}

/** A logistics report as received, with who sent it (the caller over REST, the topic's supplier over Kafka). */
export interface LogisticsReport {
  update: ShipmentUpdate;
  reportedBy: Reporter;
}

/** Who may see a shipment: its buyer, its supplier, and operators. */
export const maySeeShipment = (shipment: Pick<ShipmentState, 'buyerId' | 'supplierId'>, by: Reporter): boolean =>
  by.kind === 'operator' || (by.kind === 'buyer' ? shipment.buyerId : shipment.supplierId) === by.id;

/** What a caller hears of a shipment that does not exist, or that it may not see: the same, so an id confirms nothing. */
export const unknownShipment = (shipmentId: string): string => `shipment ${shipmentId} is not known`;

/** A problem with a report, naming the field (`lines[1].quantity`). */
export interface ReportProblem {
  field: string;
  problem: string;
}

/** The problems as one message, each naming its field. */
export const describeReportProblems = (problems: readonly ReportProblem[]): string =>
  problems.map((p) => `${p.field} ${p.problem}`).join('; ');

const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/** The rules a report must meet before it is applied, each naming the field: the same over REST (400) and Kafka (dead letter). */
export function reportProblems(update: ShipmentUpdate): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const problem = (field: string, text: string) => problems.push({ field, problem: text });
  // What no column can hold (a NUL, a non-finite number, an endless text) is refused before anything else.
  const unstorable = unstorableField(update);
  if (unstorable) {
    const [field, ...why] = unstorable.split(' ');
    return [{ field, problem: why.join(' ') }];
  }
  for (const field of ['eventId', 'supplierId', 'shipmentId'] as const)
    if (!isText(update[field])) problem(field, 'must be a non-empty string');
  if (!(ShipmentUpdateKindValues as readonly string[]).includes(update.kind))
    problem('kind', `must be one of ${ShipmentUpdateKindValues.join(', ')}`);
  if (!isDate(update.occurredAt)) problem('occurredAt', 'must be a date-time');
  for (const field of ['carrier', 'trackingReference', 'reason'] as const)
    if (update[field] !== null && update[field] !== undefined && !isText(update[field]))
      problem(field, 'must be a non-empty string or null');
  const arrival = update.expectedArrivalAt;
  if (arrival !== null && arrival !== undefined && !isDate(arrival)) problem('expectedArrivalAt', 'must be a date-time');
  else if (isDate(arrival) && isDate(update.occurredAt) && arrival < update.occurredAt)
    problem('expectedArrivalAt', 'must not be before occurredAt');
  if (update.kind === 'DELAYED') {
    if (!isDate(arrival)) problem('expectedArrivalAt', 'is required for a delay (the new expected arrival)');
    if (!isText(update.reason)) problem('reason', 'is required for a delay');
  }
  if (!Array.isArray(update.lines)) problem('lines', 'must be an array');
  else if (update.lines.length > 0 && update.kind !== 'DISPATCHED') problem('lines', 'are only for a DISPATCHED report');
  else {
    const seen = new Set<string>();
    update.lines.forEach((line, i) => {
      if (!isText(line?.orderId)) problem(`lines[${i}].orderId`, 'must be a non-empty string');
      else if (seen.has(line.orderId)) problem(`lines[${i}].orderId`, `names order ${line.orderId} twice`);
      else seen.add(line.orderId);
      if (typeof line?.quantity !== 'number' || !Number.isFinite(line.quantity) || line.quantity < 0)
        problem(`lines[${i}].quantity`, 'must be a number of at least 0');
    });
  }
  return problems;
}

export type ReportOutcome =
  | { kind: 'moved'; shipment: ShipmentState; events: Shipment[]; receiptsUsed: string[] }
  | { kind: 'unknown' | 'not-theirs' | 'refused'; reason: string };

export interface LogisticsReportsRecorded {
  /** One outcome per report, in the order given. */
  outcomes: ReportOutcome[];
  /** Every shipment the reports changed, once each, in its last state. */
  changed: ShipmentState[];
}

/** The id of the shipment event a report causes. */
export const reportedEventIdOf = (update: Pick<ShipmentUpdate, 'eventId'>): string => `${update.eventId}/shipment`;

type Applied = { kind: 'applied'; shipment: ShipmentState } | { kind: 'refused'; reason: string };

/**
 * DISPATCHED with the advance shipping notice: what left for each order (every line in full when
 * the notice lists none; an order it leaves out sent nothing), the carrier, the tracking reference,
 * and the expected arrival. A shipment leaves once, and not once every order on it was vetoed.
 */
function dispatch(shipment: ShipmentState, update: ShipmentUpdate): Applied {
  if (shipment.status === 'CANCELLED' || shipment.dispatchedAt !== null)
    return { kind: 'refused', reason: `only a PLANNED shipment can be dispatched; this one is ${shipment.status}` };
  const stranger = update.lines.findIndex((l) => !lineOf(shipment, l.orderId));
  if (stranger >= 0)
    return {
      kind: 'refused',
      reason: `lines[${stranger}].orderId: order ${update.lines[stranger].orderId} is not on shipment ${shipment.shipmentId}`,
    };
  const sent = new Map(update.lines.map((l) => [l.orderId, l.quantity]));
  const lines = shipment.lines.map((line) => ({
    ...line,
    dispatchedQuantity: update.lines.length === 0 ? line.orderedQuantity : (sent.get(line.orderId) ?? 0),
  }));
  return {
    kind: 'applied',
    shipment: {
      ...shipment,
      lines,
      carrier: update.carrier,
      trackingReference: update.trackingReference,
      dispatchedAt: update.occurredAt,
      expectedDeliveryAt: update.expectedArrivalAt ?? shipment.expectedDeliveryAt,
    },
  };
}

/** DELAYED: a new expected arrival and why, while the goods have not arrived. The promise stays what it was. */
function delay(shipment: ShipmentState, update: ShipmentUpdate): Applied {
  if (shipment.status === 'CANCELLED' || shipment.deliveredAt !== null)
    return { kind: 'refused', reason: `only a shipment not yet arrived can be delayed; this one is ${shipment.status}` };
  return { kind: 'applied', shipment: { ...shipment, expectedDeliveryAt: update.expectedArrivalAt!, delayReason: update.reason } };
}

/** DELIVERED: it arrived, after it left. Goods already booked keep the earlier of the two arrivals. */
function deliver(shipment: ShipmentState, update: ShipmentUpdate): Applied {
  const arrivable = shipment.status === 'DISPATCHED' || shipment.status === 'PARTIALLY_RECEIVED';
  if (shipment.dispatchedAt === null || !arrivable)
    return { kind: 'refused', reason: `only a DISPATCHED shipment can be delivered; this one is ${shipment.status}` };
  const deliveredAt = shipment.deliveredAt && shipment.deliveredAt <= update.occurredAt ? shipment.deliveredAt : update.occurredAt;
  return { kind: 'applied', shipment: { ...shipment, deliveredAt } };
}

const APPLY = { DISPATCHED: dispatch, DELAYED: delay, DELIVERED: deliver } as const;

/**
 * Applies valid logistics reports to the shipments they name, in order, as applying them one by
 * one would. `shipments` holds the reports' shipments by id; `kept` the receipts kept unmatched
 * that name no order, for the buyer sites of those shipments: a shipment that leaves takes those of
 * its items at once. Each report's time is its own (business time).
 */
export function recordLogisticsReports(
  shipments: Iterable<ShipmentState>,
  reports: readonly LogisticsReport[],
  kept: readonly GoodsReceipt[] = [],
): LogisticsReportsRecorded {
  const batch = new ShipmentsOfBatch(shipments);
  const used = new Set<string>();
  const outcomes = reports.map(({ update, reportedBy }): ReportOutcome => {
    const { shipmentId } = update;
    const shipment = batch.get(shipmentId);
    if (!shipment || !maySeeShipment(shipment, reportedBy)) return { kind: 'unknown', reason: unknownShipment(shipmentId) };
    if (reportedBy.kind !== 'supplier' || update.supplierId !== shipment.supplierId)
      return { kind: 'not-theirs', reason: `only the shipment's supplier may move shipment ${shipmentId}` };
    const applied = APPLY[update.kind](shipment, update);
    if (applied.kind === 'refused') return { kind: 'refused', reason: `shipment ${shipmentId}: ${applied.reason}` };
    let moved = settled(applied.shipment, update.occurredAt, update.eventId);
    const events = [shipmentEvent(moved, reportedEventIdOf(update))];
    const receiptsUsed: string[] = [];
    if (update.kind === 'DISPATCHED') {
      const waiting = kept.filter((r) => !used.has(r.stockLevelEventId));
      const took = bookKeptReceipts(moved, waiting);
      for (const { receipt, shipment: after } of took.booked) {
        used.add(receipt.stockLevelEventId);
        receiptsUsed.push(receipt.stockLevelEventId);
        events.push(shipmentEvent(after, receivedEventIdOf(receipt)));
      }
      moved = took.shipment;
    }
    batch.set(moved);
    return { kind: 'moved', shipment: moved, events, receiptsUsed };
  });
  return { outcomes, changed: batch.changed() };
}
