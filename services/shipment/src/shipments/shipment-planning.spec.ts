import { ReplenishmentOrder, Shipment, StockLevel } from '@smi/contracts';
import { exampleOrder, exampleReceiptLevel } from '../examples';
import { bookGoodsReceipts, GoodsReceipt, goodsReceiptIn, receiveShipment } from '../goods-receipt/goods-receipt';
import { LogisticsReport, recordLogisticsReports } from './logistics-reports';
import { applyStep, orderProblems, plannedShipmentFor, shipmentActionFor, shipmentEvent, shipmentIdOf, ShipmentState } from './shipment';
import { ordersToPlan, planShipments } from './shipment-planning';

const now = new Date('2026-03-10T12:00:00Z');
let n = 0;
const order = (orderId: string, status: string, overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
  exampleOrder({ eventId: `evt-${++n}`, orderId, status, ...overrides });

const receipt = (orderId: string, overrides: Partial<StockLevel> = {}): GoodsReceipt =>
  goodsReceiptIn(exampleReceiptLevel({ eventId: `level-${++n}`, orderReference: orderId, ...overrides }))!;

const byId = (...shipments: ShipmentState[]) => new Map(shipments.map((s) => [s.shipmentId, s]));
const statuses = (announced: Array<{ event: Shipment }>) => announced.map((a) => [a.event.eventId, a.event.status]);

describe('planning shipments from a batch of order events', () => {
  it("plans a released order, announcing it under the order event's id", () => {
    const placed = order('ORD-1', 'RELEASED');
    const planned = planShipments(new Map(), new Map(), [placed], now);
    expect(planned.changed).toEqual([plannedShipmentFor(placed)]);
    expect(planned.announced).toEqual([{ index: 0, event: shipmentEvent(plannedShipmentFor(placed), `${placed.eventId}/shipment`) }]);
    expect(planned.refused).toEqual([]);
  });

  it('ships nothing while an order awaits approval, and plans it on the approval later in the same batch', () => {
    const awaiting = order('ORD-2', 'AWAITING_APPROVAL');
    const approved = { ...awaiting, eventId: 'ORD-2/approved', status: 'RELEASED' };
    const planned = planShipments(new Map(), new Map(), [awaiting, approved], now);
    expect(statuses(planned.announced)).toEqual([['ORD-2/approved/shipment', 'PLANNED']]);
    expect(planned.announced[0].index).toBe(1);
  });

  it("cancels a shipment planned earlier in the batch on the buyer's veto, and writes it once, cancelled", () => {
    const placed = order('ORD-3', 'RELEASED');
    const vetoed = { ...placed, eventId: 'ORD-3/rejected', status: 'REJECTED' };
    const planned = planShipments(new Map(), new Map(), [placed, vetoed], now);
    expect(statuses(planned.announced)).toEqual([
      [`${placed.eventId}/shipment`, 'PLANNED'],
      ['ORD-3/rejected/shipment', 'CANCELLED'],
    ]);
    expect(planned.changed).toEqual([{ ...plannedShipmentFor(placed), status: 'CANCELLED', statusChangedAt: now }]);
  });

  it('leaves a dispatched shipment to the parties when its order is vetoed, and notes why', () => {
    const placed = order('ORD-4', 'RELEASED');
    const dispatched: ShipmentState = { ...plannedShipmentFor(placed), status: 'DISPATCHED' };
    const planned = planShipments(byId(dispatched), new Map(), [{ ...placed, status: 'REJECTED', statusChangedBy: 'acme' }], now);
    expect(planned.changed).toEqual([]);
    expect(planned.announced).toEqual([]);
    expect(planned.notes).toEqual([
      'order ORD-4 was rejected by acme but shipment SHP-ORD-4 stays: only a PLANNED shipment can be cancelled; this one is DISPATCHED',
    ]);
  });

  it('keeps one shipment for an order seen again under another event id', () => {
    const placed = order('ORD-5', 'RELEASED');
    const planned = planShipments(byId(plannedShipmentFor(placed)), new Map(), [{ ...placed, eventId: 'replayed' }], now);
    expect(planned.changed).toEqual([]);
    expect(planned.notes).toEqual(['order ORD-5 (event replayed) already has shipment SHP-ORD-5; nothing to do']);
  });

  it('books a goods receipt kept for the order on its new shipment at once, and stops keeping it', () => {
    const placed = order('ORD-6', 'RELEASED');
    const early = receipt('ORD-6', { movementQuantity: 75 });
    const planned = planShipments(new Map(), new Map([['ORD-6', early]]), [placed], now);
    expect(statuses(planned.announced)).toEqual([
      [`${placed.eventId}/shipment`, 'PLANNED'],
      [`${early.stockLevelEventId}/shipment-received`, 'RECEIVED'],
    ]);
    expect(planned.changed).toEqual([
      { ...plannedShipmentFor(placed), status: 'RECEIVED', statusChangedAt: early.receivedAt, receivedQuantity: 75 },
    ]);
    expect(planned.receiptsUsed).toEqual(['ORD-6']);
  });

  it('refuses an order event breaking a rule by its place in the batch; the rest are planned', () => {
    const good = order('ORD-7', 'RELEASED');
    const planned = planShipments(new Map(), new Map(), [order('ORD-8', 'SHIPPED', { quantity: 0 }), good], now);
    expect(planned.refused).toEqual([
      {
        index: 0,
        reason:
          'status must be one of RELEASED, AWAITING_APPROVAL, REJECTED, EXPIRED (got SHIPPED); quantity must be greater than 0 (got 0)',
      },
    ]);
    expect(planned.changed.map((s) => s.orderId)).toEqual(['ORD-7']);
  });

  it('looks up only orders it may plan or cancel, each once', () => {
    const orders = [
      order('A', 'RELEASED'),
      order('B', 'AWAITING_APPROVAL'),
      order('C', 'EXPIRED'),
      order('D', 'REJECTED'),
      order('A', 'REJECTED'),
      order('', 'RELEASED'),
    ];
    expect(ordersToPlan(orders)).toEqual(['A', 'D']);
  });
});

type Happening =
  { kind: 'order'; order: ReplenishmentOrder } | { kind: 'receipt'; receipt: GoodsReceipt } | { kind: 'report'; report: LogisticsReport };

interface World {
  shipments: Map<string, ShipmentState>;
  kept: Map<string, GoodsReceipt>;
  announced: Shipment[];
}

/** What the per-record handlers did, one event or REST call at a time: the batches must agree with it. */
function oneByOne(stream: readonly Happening[]): World {
  const world: World = { shipments: new Map(), kept: new Map(), announced: [] };
  const move = (shipment: ShipmentState, eventId: string) => {
    world.shipments.set(shipment.shipmentId, shipment);
    world.announced.push(shipmentEvent(shipment, eventId));
  };
  for (const happening of stream) {
    if (happening.kind === 'order') {
      const o = happening.order;
      if (orderProblems(o).length > 0 || shipmentActionFor(o) === 'none') continue;
      const existing = world.shipments.get(shipmentIdOf(o.orderId));
      if (shipmentActionFor(o) === 'cancel') {
        const outcome = existing && applyStep(existing, 'CANCEL', now);
        if (outcome?.kind === 'moved') move(outcome.shipment, `${o.eventId}/shipment`);
        continue;
      }
      if (existing) continue;
      const planned = plannedShipmentFor(o);
      move(planned, `${o.eventId}/shipment`);
      const early = world.kept.get(o.orderId);
      if (!early) continue;
      world.kept.delete(o.orderId);
      const outcome = receiveShipment(planned, early);
      if (outcome.kind === 'received') move(outcome.shipment, outcome.eventId);
    } else if (happening.kind === 'receipt') {
      const r = happening.receipt;
      const shipment = world.shipments.get(shipmentIdOf(r.orderId));
      if (!shipment) {
        if (!world.kept.has(r.orderId)) world.kept.set(r.orderId, r);
        continue;
      }
      const outcome = receiveShipment(shipment, r);
      if (outcome.kind === 'received') move(outcome.shipment, outcome.eventId);
    } else {
      const { shipmentId, step, reportedBy } = happening.report;
      const shipment = world.shipments.get(shipmentId);
      if (!shipment || reportedBy.id !== shipment.supplierId) continue;
      const outcome = applyStep(shipment, step, now);
      if (outcome.kind === 'moved') move(outcome.shipment, `${shipmentId}/${outcome.shipment.status.toLowerCase()}`);
    }
  }
  return world;
}

/** The same stream as the batch use cases see it: runs of one kind, at most `size` long, each seeing only its own keys. */
function inBatches(stream: readonly Happening[], size: number): World {
  const world: World = { shipments: new Map(), kept: new Map(), announced: [] };
  const only = <V>(from: Map<string, V>, keys: string[]) => new Map(keys.filter((k) => from.has(k)).map((k) => [k, from.get(k)!]));
  const save = (changed: ShipmentState[]) => changed.forEach((s) => world.shipments.set(s.shipmentId, s));
  for (let start = 0; start < stream.length;) {
    const kind = stream[start].kind;
    let end = start;
    while (end < stream.length && end - start < size && stream[end].kind === kind) end++;
    const run = stream.slice(start, end);
    start = end;
    if (kind === 'order') {
      const orders = run.map((h) => (h as { order: ReplenishmentOrder }).order);
      const orderIds = ordersToPlan(orders);
      const planned = planShipments(only(world.shipments, orderIds.map(shipmentIdOf)), only(world.kept, orderIds), orders, now);
      save(planned.changed);
      planned.receiptsUsed.forEach((id) => world.kept.delete(id));
      world.announced.push(...planned.announced.map((a) => a.event));
    } else if (kind === 'receipt') {
      const receipts = run.map((h) => (h as { receipt: GoodsReceipt }).receipt);
      const booked = bookGoodsReceipts(
        only(
          world.shipments,
          receipts.map((r) => shipmentIdOf(r.orderId)),
        ),
        receipts,
      );
      save(booked.changed);
      booked.kept.forEach((r) => world.kept.has(r.orderId) || world.kept.set(r.orderId, r));
      world.announced.push(...booked.announced.map((a) => a.event));
    } else {
      const reports = run.map((h) => (h as { report: LogisticsReport }).report);
      const recorded = recordLogisticsReports(
        only(
          world.shipments,
          reports.map((r) => r.shipmentId),
        ),
        reports,
        now,
      );
      save(recorded.changed);
      recorded.outcomes.forEach((o) => o.kind === 'moved' && world.announced.push(o.event));
    }
  }
  return world;
}

describe('the batch decisions', () => {
  it('give the same shipments, kept receipts and events as the one-by-one handlers, for any batch size', () => {
    let seed = 42; // a fixed pseudo-random stream, so a failure can be replayed
    const random = (below: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % below);
    const statusCycle = ['AWAITING_APPROVAL', 'RELEASED', 'RELEASED', 'REJECTED', 'EXPIRED', 'SHIPPED'];
    // A window of a few live orders moving along the stream: each order sees many events close together.
    const stream: Happening[] = Array.from({ length: 600 }, (_, i): Happening => {
      const orderId = `O${Math.floor(i / 15) + random(4)}`;
      const pick = random(10);
      if (pick < 4) return { kind: 'order', order: order(orderId, statusCycle[random(statusCycle.length)]) };
      if (pick < 6)
        return {
          kind: 'receipt',
          receipt: receipt(orderId, { movementQuantity: 70 + random(10), siteId: random(8) === 0 ? 'plant-turin' : 'plant-lyon' }),
        };
      const reportedBy = { kind: 'supplier' as const, id: random(10) === 0 ? 'other-supplier' : 'northwind' };
      return { kind: 'report', report: { shipmentId: shipmentIdOf(orderId), step: pick < 8 ? 'DISPATCH' : 'DELIVER', reportedBy } };
    });
    const expected = oneByOne(stream);
    expect(expected.announced.map((e) => e.status)).toEqual(
      expect.arrayContaining(['PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED', 'CANCELLED']),
    );
    for (const size of [1, 2, 5, 500]) expect(inBatches(stream, size)).toEqual(expected);
  });
});
