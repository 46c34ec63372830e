import { exampleOrder, exampleShipment } from '../examples';
import {
  consolidationKeyOf,
  orderProblems,
  overOf,
  plannedShipmentFor,
  settled,
  shipmentActionFor,
  shipmentEvent,
  shipmentIdOf,
  shortOf,
  statusOf,
} from './shipment';

const order = exampleOrder();

describe('shipment of replenishment orders', () => {
  it('plans a shipment for the first order of a buyer site and delivery day, its id following from them', () => {
    const shipment = plannedShipmentFor(order);
    expect(shipment).toEqual({
      shipmentId: 'SHP-AGR-1-plant-lyon-2026-03-13',
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
      lines: [
        {
          orderId: 'ORD-42',
          itemId: 'brake-pad',
          unit: 'EA',
          orderedQuantity: 80,
          dispatchedQuantity: null,
          receivedQuantity: 0,
          receiptEventIds: [],
          promisedDeliveryAt: order.expectedDeliveryAt,
        },
      ],
      promisedDeliveryAt: order.expectedDeliveryAt,
      carrier: null,
      trackingReference: null,
      dispatchedAt: null,
      deliveredAt: null,
      delayReason: null,
      causedByEventId: 'ord-evt-1',
      consolidationKey: 'AGR-1|acme|northwind|plant-lyon|2026-03-13',
      sequence: 1,
    });
    expect(shipmentIdOf(order, 2)).toBe('SHP-AGR-1-plant-lyon-2026-03-13-2');
  });

  it('puts orders due on the same UTC day in one consolidation, and the next day in another', () => {
    const late = exampleOrder({ expectedDeliveryAt: new Date('2026-03-13T23:59:59Z') });
    const nextDay = exampleOrder({ expectedDeliveryAt: new Date('2026-03-14T00:00:00Z') });
    expect(consolidationKeyOf(late)).toBe(consolidationKeyOf(order));
    expect(consolidationKeyOf(nextDay)).not.toBe(consolidationKeyOf(order));
    expect(consolidationKeyOf(exampleOrder({ siteId: 'plant-turin' }))).not.toBe(consolidationKeyOf(order));
  });

  it('takes its status from what is known of it', () => {
    const shipment = exampleShipment();
    const line = shipment.lines[0];
    expect(statusOf({ ...shipment, dispatchedAt: null })).toBe('PLANNED');
    expect(statusOf(shipment)).toBe('DISPATCHED');
    expect(statusOf({ ...shipment, deliveredAt: new Date() })).toBe('DELIVERED');
    expect(statusOf({ ...shipment, lines: [{ ...line, receivedQuantity: 40 }] })).toBe('PARTIALLY_RECEIVED');
    expect(statusOf({ ...shipment, lines: [{ ...line, receivedQuantity: 80 }] })).toBe('RECEIVED');
    expect(statusOf({ ...shipment, lines: [] })).toBe('CANCELLED');
  });

  it('says what a line was short and what came over', () => {
    const line = exampleShipment().lines[0];
    expect(shortOf({ ...line, dispatchedQuantity: 75 })).toBe(5);
    expect(shortOf({ ...line, dispatchedQuantity: null })).toBe(0);
    expect(overOf({ ...line, dispatchedQuantity: 75, receivedQuantity: 78 })).toBe(3);
    expect(overOf({ ...line, dispatchedQuantity: 75, receivedQuantity: 70 })).toBe(0);
  });

  it('keeps its top-level order fields those of its first line, and its promise the earliest', () => {
    const shipment = exampleShipment();
    const second = { ...shipment.lines[0], orderId: 'ORD-43', promisedDeliveryAt: new Date('2026-03-13T06:00:00Z') };
    const at = new Date('2026-03-12T00:00:00Z');
    const both = settled({ ...shipment, lines: [{ ...shipment.lines[0], dispatchedQuantity: 75 }, second] }, at, 'cause');
    expect(both).toMatchObject({
      orderId: 'ORD-42',
      quantity: 75,
      promisedDeliveryAt: second.promisedDeliveryAt,
      causedByEventId: 'cause',
    });
    expect(both.statusChangedAt).toEqual(shipment.statusChangedAt); // still DISPATCHED
  });

  it('announces the lines as the contract has them', () => {
    const event = shipmentEvent(exampleShipment(), 'e-1');
    expect(event.eventId).toBe('e-1');
    expect(event.lines[0]).not.toHaveProperty('promisedDeliveryAt');
    expect(event).not.toHaveProperty('consolidationKey');
  });

  it('plans released orders, leaves a vetoed one, ships nothing for the others', () => {
    expect(shipmentActionFor(order)).toBe('plan');
    expect(shipmentActionFor({ ...order, status: 'REJECTED' })).toBe('cancel');
    expect(shipmentActionFor({ ...order, status: 'AWAITING_APPROVAL' })).toBe('none');
    expect(shipmentActionFor({ ...order, status: 'EXPIRED' })).toBe('none');
  });

  it('names the field of each broken order rule', () => {
    expect(orderProblems(order)).toEqual([]);
    expect(orderProblems({ ...order, siteId: ' ', quantity: -1, expectedDeliveryAt: new Date(NaN) })).toEqual([
      'siteId must be a non-empty string',
      'quantity must be greater than 0 (got -1)',
      'expectedDeliveryAt must be a date-time',
    ]);
  });
});
