import { exampleOrder } from '../examples';
import { applyStep, orderProblems, plannedShipmentFor, shipmentActionFor, shipmentEvent, shipmentIdOf } from './shipment';

const order = exampleOrder();

describe('shipment of a replenishment order', () => {
  it('plans one shipment per order, its id following from the order id', () => {
    const shipment = plannedShipmentFor(order);
    expect(shipment).toEqual({
      shipmentId: 'SHP-ORD-42',
      orderId: 'ORD-42',
      agreementId: 'AGR-1',
      buyerId: 'acme',
      supplierId: 'northwind',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      quantity: 80,
      unit: 'EA',
      status: 'PLANNED',
      statusChangedAt: order.decidedAt,
      expectedDeliveryAt: order.expectedDeliveryAt,
      receivedQuantity: null,
    });
    expect(shipmentIdOf('ORD-42')).toBe(shipment.shipmentId);
  });

  it('records when each status was entered and the received quantity only on receipt', () => {
    const planned = plannedShipmentFor(order);
    const dispatchedAt = new Date('2026-03-11T06:00:00Z');
    const dispatched = applyStep(planned, 'DISPATCH', dispatchedAt);
    expect(dispatched).toEqual({
      kind: 'moved',
      shipment: { ...planned, status: 'DISPATCHED', statusChangedAt: dispatchedAt, receivedQuantity: null },
    });
    const receivedAt = new Date('2026-03-12T09:30:00Z');
    const received = applyStep(planned, 'RECEIVE', receivedAt, 78);
    expect(received).toEqual({
      kind: 'moved',
      shipment: { ...planned, status: 'RECEIVED', statusChangedAt: receivedAt, receivedQuantity: 78 },
    });
  });

  it('refuses an illegal step and leaves the shipment as it was', () => {
    expect(applyStep(plannedShipmentFor(order), 'DELIVER', new Date())).toEqual({
      kind: 'refused',
      reason: 'only a DISPATCHED shipment can be delivered; this one is PLANNED',
    });
  });

  it('publishes the whole shipment under the given event id', () => {
    const shipment = plannedShipmentFor(order);
    expect(shipmentEvent(shipment, 'ord-evt-1/shipment')).toEqual({ eventId: 'ord-evt-1/shipment', ...shipment });
  });

  it('ships only a released order: one awaiting approval or expired ships nothing, a rejected one cancels its shipment', () => {
    expect(shipmentActionFor(order)).toBe('plan');
    expect(shipmentActionFor({ ...order, status: 'AWAITING_APPROVAL' })).toBe('none');
    expect(shipmentActionFor({ ...order, status: 'EXPIRED' })).toBe('none');
    expect(shipmentActionFor({ ...order, status: 'REJECTED' })).toBe('cancel');
  });

  it('cancels a planned shipment, and not one already dispatched', () => {
    const planned = plannedShipmentFor(order);
    const at = new Date('2026-03-10T09:00:00Z');
    expect(applyStep(planned, 'CANCEL', at)).toEqual({ kind: 'moved', shipment: { ...planned, status: 'CANCELLED', statusChangedAt: at } });
    expect(applyStep({ ...planned, status: 'DISPATCHED' }, 'CANCEL', at)).toEqual({
      kind: 'refused',
      reason: 'only a PLANNED shipment can be cancelled; this one is DISPATCHED',
    });
  });

  it('names each field an order breaks', () => {
    expect(orderProblems(order)).toEqual([]);
    expect(orderProblems({ ...order, status: 'SHIPPED', orderId: ' ', quantity: 0, decidedAt: new Date(Number.NaN) })).toEqual([
      'status must be one of RELEASED, AWAITING_APPROVAL, REJECTED, EXPIRED (got SHIPPED)',
      'orderId must be a non-empty string',
      'quantity must be greater than 0 (got 0)',
      'decidedAt must be a date-time',
    ]);
  });
});
