/**
 * Northwind's logistics: dispatches each planned shipment the day after it was planned, with an
 * advance shipping notice (carrier, tracking reference, lines, expected arrival), and reports its
 * arrival on the promised day. The story has three incidents in the first month: one shipment
 * leaves short, one coolant shipment is delayed and arrives late, and the buyer books one
 * delivery in two receipts.
 */
import { Shipment } from '@smi/contracts';
import { postAs } from './api';
import { addDays, dayOf, momentOf } from './calendar';

export const SUPPLIER = 'northwind-parts';
export const CARRIER = 'Alpine Freight';
/** Units a short dispatch leaves behind on its first line. */
export const SHORT_BY = 10;
/** Days the delayed shipment arrives after its promise. */
export const DELAY_DAYS = 3;
export const DELAY_REASON = 'truck broke down at the Frejus tunnel; reloaded onto another truck';

export type Incident = 'short' | 'late' | 'partial';

/** One shipment as logistics handles it. */
export interface ShipmentRun {
  shipment: Shipment;
  plannedDay: string;
  dispatchDay: string;
  arrivalDay?: string;
  incident?: Incident;
  dispatched: boolean;
  delivered: boolean;
  /** What the buyer books per order line (the dispatched quantities). */
  receipts?: { orderId: string; itemId: string; unit: string; quantity: number }[];
}

/** What the day brings for the ERP: receipts to book against the shipments that arrived. */
export interface Arrival {
  run: ShipmentRun;
  /** 1 for a whole or first receipt, 2 for the rest of a partial one. */
  part: 1 | 2;
  lines: { orderId: string; itemId: string; unit: string; quantity: number }[];
}

export class NorthwindLogistics {
  readonly runs = new Map<string, ShipmentRun>();
  readonly incidents = new Map<Incident, ShipmentRun>();
  private readonly restOfPartial = new Map<string, Arrival>();

  constructor(
    private readonly firstDay: string,
    private readonly print: (line: string) => void,
  ) {}

  /** Keeps the latest version of each shipment; a new PLANNED one is dispatched on the day after. */
  seen(shipment: Shipment, today: string): void {
    const run = this.runs.get(shipment.shipmentId);
    if (run) {
      run.shipment = shipment;
      return;
    }
    if (shipment.status !== 'PLANNED') return;
    this.runs.set(shipment.shipmentId, {
      shipment,
      plannedDay: today,
      dispatchDay: addDays(today, 1),
      dispatched: false,
      delivered: false,
    });
  }

  private incidentFor(run: ShipmentRun, day: string): Incident | undefined {
    const dayOfRun = Math.round((Date.parse(day) - Date.parse(this.firstDay)) / 86_400_000);
    const lines = run.shipment.lines;
    if (!this.incidents.has('short') && dayOfRun >= 4 && lines.some((l) => l.orderedQuantity > SHORT_BY)) return 'short';
    if (!this.incidents.has('late') && dayOfRun >= 6 && lines.some((l) => l.itemId === 'coolant-c5l')) return 'late';
    if (!this.incidents.has('partial') && dayOfRun >= 12 && this.incidents.has('late')) return 'partial';
    return undefined;
  }

  /** The day's reports: dispatches at 07:00, delays at 08:00, arrivals at 09:00; returns what arrived. */
  async runDay(day: string): Promise<Arrival[]> {
    for (const run of this.runs.values()) {
      if (run.dispatched || run.dispatchDay > day || run.shipment.status !== 'PLANNED') continue;
      await this.dispatch(run, day);
    }
    const late = this.incidents.get('late');
    if (late && late.dispatched && !late.delivered && addDays(late.dispatchDay, 1) === day) await this.delay(late, day);
    const arrivals: Arrival[] = [];
    const rest = this.restOfPartial.get(day);
    if (rest) arrivals.push(rest);
    for (const run of this.runs.values()) {
      if (!run.dispatched || run.delivered || run.arrivalDay !== day) continue;
      arrivals.push(...(await this.deliver(run, day)));
    }
    return arrivals;
  }

  private async dispatch(run: ShipmentRun, day: string): Promise<void> {
    const shipment = run.shipment;
    const promisedDay = dayOf(shipment.promisedDeliveryAt ?? shipment.expectedDeliveryAt);
    run.arrivalDay = promisedDay > day ? promisedDay : addDays(day, 1);
    run.incident = this.incidentFor(run, day);
    if (run.incident) this.incidents.set(run.incident, run);
    const shortLine = run.incident === 'short' ? shipment.lines.find((l) => l.orderedQuantity > SHORT_BY) : undefined;
    const lines = shipment.lines.map((l) => ({
      orderId: l.orderId,
      itemId: l.itemId,
      unit: l.unit,
      quantity: l === shortLine ? l.orderedQuantity - SHORT_BY : l.orderedQuantity,
    }));
    const trackingReference = `AF-${shipment.shipmentId.slice(-8).toUpperCase()}`;
    const answer = await postAs('supplier', 'shipment', `/shipments/${encodeURIComponent(shipment.shipmentId)}/dispatch`, {
      eventId: `demo|${shipment.shipmentId}|DISPATCHED`,
      occurredAt: momentOf(day, 7).toISOString(),
      carrier: CARRIER,
      trackingReference,
      expectedArrivalAt: momentOf(run.arrivalDay, 9).toISOString(),
      lines: lines.map((l) => ({ orderId: l.orderId, quantity: l.quantity })),
    });
    if (answer.status >= 300) {
      this.print(`! Northwind's dispatch of ${shipment.shipmentId} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      run.dispatchDay = addDays(day, 1);
      return;
    }
    run.dispatched = true;
    run.receipts = lines;
    const asn = lines.map((l) => `${l.quantity} ${l.unit} ${l.itemId} (order ${l.orderId})`).join(', ');
    this.print(
      `ASN      ${shipment.shipmentId} to ${shipment.siteId}: ${CARRIER} ${trackingReference}, ${asn}, arriving ${run.arrivalDay}` +
        (shortLine
          ? `  << SHORT: ${SHORT_BY} ${shortLine.unit} ${shortLine.itemId} left behind (ordered ${shortLine.orderedQuantity})`
          : ''),
    );
  }

  private async delay(run: ShipmentRun, day: string): Promise<void> {
    const newArrival = addDays(run.arrivalDay!, DELAY_DAYS);
    const answer = await postAs('supplier', 'shipment', `/shipments/${encodeURIComponent(run.shipment.shipmentId)}/delay`, {
      eventId: `demo|${run.shipment.shipmentId}|DELAYED`,
      occurredAt: momentOf(day, 8).toISOString(),
      expectedArrivalAt: momentOf(newArrival, 9).toISOString(),
      reason: DELAY_REASON,
    });
    if (answer.status >= 300) {
      this.print(`! Northwind's delay report on ${run.shipment.shipmentId} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      return;
    }
    this.print(`DELAYED  ${run.shipment.shipmentId}: now arriving ${newArrival} instead of ${run.arrivalDay} (${DELAY_REASON})  << LATE`);
    run.arrivalDay = newArrival;
  }

  private async deliver(run: ShipmentRun, day: string): Promise<Arrival[]> {
    const answer = await postAs('supplier', 'shipment', `/shipments/${encodeURIComponent(run.shipment.shipmentId)}/deliver`, {
      eventId: `demo|${run.shipment.shipmentId}|DELIVERED`,
      occurredAt: momentOf(day, 9).toISOString(),
    });
    if (answer.status >= 300) {
      this.print(`! Northwind's delivery report on ${run.shipment.shipmentId} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      // Refused for good (409: the platform holds it as past delivery): the goods are at the dock all the same.
      if (answer.status !== 409) {
        run.arrivalDay = addDays(day, 1);
        return [];
      }
    }
    run.delivered = true;
    const lines = run.receipts ?? [];
    if (run.incident !== 'partial') return [{ run, part: 1, lines }];
    // The buyer's dock books half today and the rest tomorrow.
    const first = lines.map((l) => ({ ...l, quantity: Math.ceil(l.quantity / 2) }));
    const rest = lines.map((l, i) => ({ ...l, quantity: l.quantity - first[i].quantity })).filter((l) => l.quantity > 0);
    this.restOfPartial.set(addDays(day, 1), { run, part: 2, lines: rest });
    return [{ run, part: 1, lines: first }];
  }
}
