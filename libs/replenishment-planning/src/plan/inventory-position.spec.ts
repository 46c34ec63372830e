import { inventoryPositionOf } from './inventory-position';

const due = new Date('2026-03-12T00:00:00Z');

describe('inventory position', () => {
  it('is on-hand plus every open order minus backorders (100 + 30 + 20 − 15 = 135)', () => {
    const openOrders = [
      { orderId: 'released', quantity: 30, dueAt: due },
      { orderId: 'awaiting-approval', quantity: 20, dueAt: due },
    ];
    expect(inventoryPositionOf({ onHand: 100, backorders: 15, openOrders })).toEqual({
      onHand: 100,
      onOrder: 50,
      backorders: 15,
      position: 135,
    });
  });

  it('adds decimal quantities without binary drift (0.1 + 0.2 on order is 0.3)', () => {
    const openOrders = [
      { orderId: 'a', quantity: 0.1, dueAt: due },
      { orderId: 'b', quantity: 0.2, dueAt: due },
    ];
    expect(inventoryPositionOf({ onHand: 0, backorders: 0, openOrders }).position).toBe(0.3);
  });

  it('goes below zero when more is owed than is on hand and on order', () => {
    expect(inventoryPositionOf({ onHand: 0, backorders: 12, openOrders: [] }).position).toBe(-12);
  });

  it('names the orders that count less than was ordered: partly received, dispatched short, and closed short (which count 0)', () => {
    const openOrders = [
      { orderId: 'partly', quantity: 30, received: 50, short: { ordered: 90, dispatched: 80 }, dueAt: due },
      { orderId: 'on-its-way', quantity: 40, short: { ordered: 50, dispatched: 40 }, dueAt: due },
    ];
    const closedShort = [{ orderId: 'closed', ordered: 90, dispatched: 80 }];
    expect(inventoryPositionOf({ onHand: 10, backorders: 0, openOrders, closedShort })).toEqual({
      onHand: 10,
      onOrder: 70,
      backorders: 0,
      position: 80,
      partlyReceived: [{ orderId: 'partly', stillDue: 30, received: 50, short: { ordered: 90, dispatched: 80 } }],
      shortDispatched: [{ orderId: 'on-its-way', stillDue: 40, short: { ordered: 50, dispatched: 40 } }],
      closedShort,
    });
  });
});
