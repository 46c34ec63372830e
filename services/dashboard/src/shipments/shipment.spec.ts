import { exampleShipment } from '@smi/testing';
import { byExpectedArrival, daysLate, linesInWords, ShipmentView } from './shipment';

/** A dispatched shipment of one order, 10 short, as the API answers it (JSON). */
const shipment = (overrides: Partial<ShipmentView> = {}): ShipmentView => {
  const event = exampleShipment({
    shipmentId: 'SHP-1',
    orderId: 'ORD-1',
    agreementId: 'AGR-1',
    buyerId: 'acme-motors',
    supplierId: 'northwind-parts',
    siteId: 'plant-lyon',
    itemId: 'brake-pad',
    quantity: 90,
    status: 'DISPATCHED',
    expectedDeliveryAt: new Date('2026-03-05T08:00:00.000Z'),
  });
  const wire = JSON.parse(JSON.stringify(event)) as ShipmentView;
  return {
    ...wire,
    lines: wire.lines.map((line) => ({ ...line, dispatchedQuantity: 80, shortQuantity: 10, overQuantity: 0 })),
    ...overrides,
  };
};

describe('shipments on the dashboard', () => {
  it('count the days a delay puts a shipment after its promise', () => {
    expect(daysLate(shipment())).toBe(0);
    expect(daysLate(shipment({ expectedDeliveryAt: '2026-03-08T07:00:00.000Z' }))).toBe(3);
    expect(daysLate(shipment({ promisedDeliveryAt: null, expectedDeliveryAt: '2026-03-09T08:00:00.000Z' }))).toBe(0);
  });

  it('come soonest expected first', () => {
    const later = shipment({ shipmentId: 'SHP-2', expectedDeliveryAt: '2026-03-09T08:00:00.000Z' });
    expect(byExpectedArrival([later, shipment()]).map((s) => s.shipmentId)).toEqual(['SHP-1', 'SHP-2']);
  });

  it('say what they carry, and what is short', () => {
    expect(linesInWords(shipment())).toBe('80 EA brake-pad (ORD-1, 10 short)');
  });
});
