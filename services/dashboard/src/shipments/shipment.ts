import type { Shipment, ShipmentLine } from '@smi/contracts';
import type { Wire } from '../platform/answer';

/** A shipment as GET /shipments answers it. */
export type ShipmentView = Wire<Omit<Shipment, 'eventId' | 'lines'>> & {
  lines: Array<Wire<ShipmentLine> & { shortQuantity: number; overQuantity: number }>;
};

const DAY_MS = 86_400_000;

/** Whole days the shipment is now expected after its promise (0 when on time or without a promise). */
export function daysLate(shipment: Pick<ShipmentView, 'expectedDeliveryAt' | 'promisedDeliveryAt'>): number {
  if (!shipment.promisedDeliveryAt) return 0;
  const late = (Date.parse(shipment.expectedDeliveryAt) - Date.parse(shipment.promisedDeliveryAt)) / DAY_MS;
  return late > 0 ? Math.ceil(late) : 0;
}

/** Soonest expected first, so what arrives next is on top. */
export const byExpectedArrival = (shipments: readonly ShipmentView[]): ShipmentView[] =>
  [...shipments].sort((a, b) => a.expectedDeliveryAt.localeCompare(b.expectedDeliveryAt) || a.shipmentId.localeCompare(b.shipmentId));

/** A shipment's lines in one phrase: "90 EA brake-pad (ORD-1), 48 EA oil-filter (ORD-2, 10 short)". */
export function linesInWords(shipment: ShipmentView): string {
  return shipment.lines
    .map((line) => {
      const quantity = line.dispatchedQuantity ?? line.orderedQuantity;
      const short = line.shortQuantity > 0 ? `, ${line.shortQuantity} short` : '';
      return `${quantity} ${line.unit} ${line.itemId} (${line.orderId}${short})`;
    })
    .join(', ');
}
