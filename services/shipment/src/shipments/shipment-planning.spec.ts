import { ReplenishmentOrder, Shipment, ShipmentUpdate, StockLevel } from '@smi/contracts';
import { exampleOrder, exampleReceiptLevel } from '../examples';
import { bookGoodsReceipts, GoodsReceipt, goodsReceiptIn } from '../goods-receipt/goods-receipt';
import { LogisticsReport, recordLogisticsReports } from './logistics-reports';
import {
  consolidationKeyOf,
  lastAnnouncementPerShipment,
  lineOf,
  plannedShipmentFor,
  shipmentEvent,
  shipmentIdOf,
  ShipmentState,
} from './shipment';
import { ordersToPlan, planShipments } from './shipment-planning';

const now = new Date('2026-03-10T12:00:00Z');
let n = 0;
const order = (orderId: string, status: string, overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
  exampleOrder({ eventId: `evt-${++n}`, orderId, status, ...overrides });
const receipt = (orderId: string | null, overrides: Partial<StockLevel> = {}): GoodsReceipt =>
  goodsReceiptIn(exampleReceiptLevel({ eventId: `level-${++n}`, orderReference: orderId, ...overrides }))!;
const statuses = (announced: Array<{ event: Shipment }>) => announced.map((a) => [a.event.eventId, a.event.status]);
const linesOf = (shipment: ShipmentState) => shipment.lines.map((l) => l.orderId);

describe('planning shipments from a batch of order events', () => {
  it("consolidates released orders of one buyer site due the same day into one shipment, a line each, announced under each order event's id", () => {
    const first = order('ORD-1', 'RELEASED', { expectedDeliveryAt: new Date('2026-03-13T14:00:00Z') });
    const second = order('ORD-2', 'RELEASED', { itemId: 'rotor', expectedDeliveryAt: new Date('2026-03-13T08:00:00Z') });
    const otherDay = order('ORD-3', 'RELEASED', { expectedDeliveryAt: new Date('2026-03-14T08:00:00Z') });
    const planned = planShipments([], [], [first, second, otherDay], now);
    expect(statuses(planned.announced)).toEqual([
      [`${first.eventId}/shipment`, 'PLANNED'],
      [`${second.eventId}/shipment`, 'PLANNED'],
      [`${otherDay.eventId}/shipment`, 'PLANNED'],
    ]);
    expect(planned.changed.map((s) => [s.shipmentId, linesOf(s)])).toEqual([
      ['SHP-AGR-1-plant-lyon-2026-03-13', ['ORD-1', 'ORD-2']],
      ['SHP-AGR-1-plant-lyon-2026-03-14', ['ORD-3']],
    ]);
    // The top-level fields stay the first line's; the promise and the expected arrival are the earliest.
    expect(planned.changed[0]).toMatchObject({
      orderId: 'ORD-1',
      itemId: 'brake-pad',
      promisedDeliveryAt: second.expectedDeliveryAt,
      expectedDeliveryAt: second.expectedDeliveryAt,
      statusChangedAt: first.decidedAt,
      causedByEventId: second.eventId,
    });
  });

  it('announces each shipment of a batch once, as the batch leaves it: a hundred orders of a site are one event of a hundred lines', () => {
    const orders = Array.from({ length: 100 }, (_, i) => order(`ORD-B${i}`, 'RELEASED', { itemId: `item-${i}` }));
    const otherDay = order('ORD-B100', 'RELEASED', { expectedDeliveryAt: new Date('2026-03-14T08:00:00Z') });
    const planned = planShipments([], [], [...orders.slice(0, 50), otherDay, ...orders.slice(50)], now);
    // The planning says what each order did (101 steps, 1 + 2 + ... + 100 + 1 lines in all) ...
    expect(planned.announced).toHaveLength(101);
    // ... and the batch announces each shipment once, in its last state, under the last order's event.
    const once = lastAnnouncementPerShipment(planned.announced);
    expect(once.map((a) => [a.index, a.event.eventId, a.event.lines.length])).toEqual([
      [50, `${otherDay.eventId}/shipment`, 1],
      [100, `${orders[99].eventId}/shipment`, 100],
    ]);
    for (const { event } of once)
      expect(event).toEqual(
        shipmentEvent(
          planned.changed.find((c) => c.shipmentId === event.shipmentId)!,
          event.eventId,
        ),
      );
  });

  it('starts the next shipment of the site and day when the first has left', () => {
    const first = plannedShipmentFor(order('ORD-4', 'RELEASED'));
    const dispatched = { ...first, status: 'DISPATCHED' as const, dispatchedAt: now };
    const later = order('ORD-5', 'RELEASED');
    const planned = planShipments([dispatched], [], [later], now);
    expect(planned.changed.map((s) => [s.shipmentId, s.sequence, linesOf(s)])).toEqual([
      ['SHP-AGR-1-plant-lyon-2026-03-13-2', 2, ['ORD-5']],
    ]);
    const third = planShipments([dispatched, ...planned.changed], [], [order('ORD-6', 'RELEASED')], now);
    expect(third.changed.map((s) => [s.shipmentId, linesOf(s)])).toEqual([['SHP-AGR-1-plant-lyon-2026-03-13-2', ['ORD-5', 'ORD-6']]]);
  });

  it('takes a vetoed order off its PLANNED shipment, and cancels the shipment when no line remains', () => {
    const a = order('ORD-7', 'RELEASED');
    const b = order('ORD-8', 'RELEASED');
    const planned = planShipments(
      [],
      [],
      [a, b, { ...a, eventId: 'ORD-7/rejected', status: 'REJECTED' }, { ...b, eventId: 'ORD-8/rejected', status: 'REJECTED' }],
      now,
    );
    expect(planned.announced.map((x) => [x.event.eventId, x.event.status, x.event.lines.map((l) => l.orderId)])).toEqual([
      [`${a.eventId}/shipment`, 'PLANNED', ['ORD-7']],
      [`${b.eventId}/shipment`, 'PLANNED', ['ORD-7', 'ORD-8']],
      ['ORD-7/rejected/shipment', 'PLANNED', ['ORD-8']],
      ['ORD-8/rejected/shipment', 'CANCELLED', []],
    ]);
    expect(planned.changed[0]).toMatchObject({ status: 'CANCELLED', statusChangedAt: now, orderId: 'ORD-8' });
  });

  it('leaves a dispatched shipment to the parties when an order on it is vetoed, and notes why', () => {
    const placed = order('ORD-9', 'RELEASED');
    const dispatched: ShipmentState = { ...plannedShipmentFor(placed), status: 'DISPATCHED', dispatchedAt: now };
    const planned = planShipments([dispatched], [], [{ ...placed, status: 'REJECTED', statusChangedBy: 'acme' }], now);
    expect(planned.changed).toEqual([]);
    expect(planned.notes).toEqual([
      `order ORD-9 was rejected by acme but shipment ${dispatched.shipmentId} keeps it: only a PLANNED shipment can drop an order; this one is DISPATCHED`,
    ]);
  });

  it('keeps one line for an order seen again under another event id', () => {
    const placed = order('ORD-10', 'RELEASED');
    const planned = planShipments([plannedShipmentFor(placed)], [], [{ ...placed, eventId: 'replayed' }], now);
    expect(planned.changed).toEqual([]);
    expect(planned.notes).toEqual([`order ORD-10 (event replayed) is already on shipment ${shipmentIdOf(placed)}; nothing to do`]);
  });

  it('books the goods receipts kept for an order on its new line at once', () => {
    const placed = order('ORD-11', 'RELEASED');
    const early = receipt('ORD-11', { movementQuantity: 75 });
    const planned = planShipments([], [early], [placed], now);
    expect(statuses(planned.announced)).toEqual([
      [`${placed.eventId}/shipment`, 'PLANNED'],
      [`${early.stockLevelEventId}/shipment-received`, 'PARTIALLY_RECEIVED'],
    ]);
    expect(planned.receiptsUsed).toEqual([{ stockLevelEventId: early.stockLevelEventId, shipmentId: shipmentIdOf(placed) }]);
  });

  it('refuses an order event breaking a rule by its place in the batch; the rest are planned', () => {
    const good = order('ORD-12', 'RELEASED');
    const planned = planShipments([], [], [order('ORD-13', 'SHIPPED', { quantity: 0 }), good], now);
    expect(planned.refused).toEqual([
      {
        index: 0,
        reason:
          'status must be one of RELEASED, AWAITING_APPROVAL, REJECTED, EXPIRED (got SHIPPED); quantity must be greater than 0 (got 0)',
      },
    ]);
    expect(planned.changed.map((s) => s.orderId)).toEqual(['ORD-12']);
  });

  it('looks up only orders it may plan or cancel', () => {
    const orders = [
      order('A', 'RELEASED'),
      order('B', 'AWAITING_APPROVAL'),
      order('C', 'EXPIRED'),
      order('D', 'REJECTED'),
      order('', 'RELEASED'),
    ];
    expect(ordersToPlan(orders).map((o) => o.orderId)).toEqual(['A', 'D']);
  });
});

type Happening =
  { kind: 'order'; order: ReplenishmentOrder } | { kind: 'receipt'; receipt: GoodsReceipt } | { kind: 'report'; report: LogisticsReport };

interface World {
  shipments: Map<string, ShipmentState>;
  receipts: Map<string, { receipt: GoodsReceipt; shipmentId: string | null }>;
  announced: Shipment[];
}

const OPEN = ['DISPATCHED', 'DELIVERED', 'PARTIALLY_RECEIVED'];

/**
 * The stream as the use cases see it: runs of one kind, at most `size` long, each given only what
 * the repositories would load for it (the shipments and kept receipts of its keys).
 */
function inBatches(stream: readonly Happening[], size: number): World {
  const world: World = { shipments: new Map(), receipts: new Map(), announced: [] };
  const shipments = (wanted: (s: ShipmentState) => boolean) => [...world.shipments.values()].filter(wanted);
  const kept = (wanted: (r: GoodsReceipt) => boolean) =>
    [...world.receipts.values()].filter((p) => p.shipmentId === null && wanted(p.receipt)).map((p) => p.receipt);
  const save = (changed: ShipmentState[]) => changed.forEach((s) => world.shipments.set(s.shipmentId, s));
  const match = (used: Array<{ stockLevelEventId: string; shipmentId: string }>) =>
    used.forEach((u) => (world.receipts.get(u.stockLevelEventId)!.shipmentId = u.shipmentId));
  for (let start = 0; start < stream.length;) {
    const kind = stream[start].kind;
    let end = start;
    while (end < stream.length && end - start < size && stream[end].kind === kind) end++;
    const run = stream.slice(start, end);
    start = end;
    if (kind === 'order') {
      const orders = run.map((h) => (h as { order: ReplenishmentOrder }).order);
      const toPlan = ordersToPlan(orders);
      const ids = new Set(toPlan.map((o) => o.orderId));
      const days = new Set(toPlan.map(consolidationKeyOf));
      const loaded = shipments((s) => s.lines.some((l) => ids.has(l.orderId)) || days.has(s.consolidationKey ?? ''));
      const planned = planShipments(
        loaded,
        kept((r) => r.orderId !== null && ids.has(r.orderId)),
        orders,
        now,
      );
      save(planned.changed);
      match(planned.receiptsUsed);
      world.announced.push(...planned.announced.map((a) => a.event));
    } else if (kind === 'receipt') {
      const receipts = run.map((h) => (h as { receipt: GoodsReceipt }).receipt);
      const ids = new Set(receipts.flatMap((r) => (r.orderId ? [r.orderId] : [])));
      const sites = new Set(receipts.filter((r) => !r.orderId).map((r) => `${r.buyerId}|${r.siteId}`));
      const loaded = shipments(
        (s) => s.lines.some((l) => ids.has(l.orderId)) || (OPEN.includes(s.status) && sites.has(`${s.buyerId}|${s.siteId}`)),
      );
      const seen = new Set(receipts.filter((r) => world.receipts.has(r.stockLevelEventId)).map((r) => r.stockLevelEventId));
      const booked = bookGoodsReceipts(loaded, receipts, seen);
      save(booked.changed);
      for (const p of booked.placed)
        if (!world.receipts.has(p.receipt.stockLevelEventId)) world.receipts.set(p.receipt.stockLevelEventId, p);
      world.announced.push(...booked.announced.map((a) => a.event));
    } else {
      const reports = run.map((h) => (h as { report: LogisticsReport }).report);
      const loaded = shipments((s) => reports.some((r) => r.update.shipmentId === s.shipmentId));
      const sites = new Set(loaded.map((s) => `${s.buyerId}|${s.siteId}`));
      const recorded = recordLogisticsReports(
        loaded,
        reports,
        kept((r) => r.orderId === null && sites.has(`${r.buyerId}|${r.siteId}`)),
      );
      save(recorded.changed);
      for (const o of recorded.outcomes) {
        if (o.kind !== 'moved') continue;
        match(o.receiptsUsed.map((stockLevelEventId) => ({ stockLevelEventId, shipmentId: o.shipment.shipmentId })));
        world.announced.push(...o.events);
      }
    }
  }
  return world;
}

describe('the batch decisions', () => {
  it('give the same shipments, receipts and events in batches of any size as one event at a time', () => {
    let seed = 42; // a fixed pseudo-random stream, so a failure can be replayed
    const random = (below: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % below);
    const statusCycle = ['AWAITING_APPROVAL', 'RELEASED', 'RELEASED', 'RELEASED', 'REJECTED', 'EXPIRED', 'SHIPPED'];
    const days = ['2026-03-13', '2026-03-14'];
    const sites = ['plant-lyon', 'plant-turin'];
    // Each order has one site, item and day; a window of a few live orders moves along the stream.
    const orderAt = (k: number) => ({
      orderId: `O${k}`,
      siteId: sites[k % 2],
      itemId: k % 3 === 0 ? 'rotor' : 'brake-pad',
      expectedDeliveryAt: new Date(`${days[Math.floor(k / 2) % 2]}T${String(6 + (k % 5)).padStart(2, '0')}:00:00Z`),
    });
    let reports = 0;
    const stream: Happening[] = Array.from({ length: 800 }, (_, i): Happening => {
      const o = orderAt(Math.floor(i / 12) + random(5));
      const pick = random(12);
      if (pick < 5) return { kind: 'order', order: order(o.orderId, statusCycle[random(statusCycle.length)], o) };
      if (pick < 8) {
        const level = { movementQuantity: 20 + random(50), siteId: o.siteId, itemId: o.itemId, asOf: new Date(o.expectedDeliveryAt) };
        return { kind: 'receipt', receipt: receipt(random(3) === 0 ? null : o.orderId, level) };
      }
      const kinds = ['DISPATCHED', 'DISPATCHED', 'DELAYED', 'DELIVERED'] as const;
      const kindOf = kinds[random(kinds.length)];
      const supplierId = random(10) === 0 ? 'other-supplier' : 'northwind';
      const update: ShipmentUpdate = {
        eventId: `report-${++reports}`,
        supplierId,
        shipmentId: shipmentIdOf({ agreementId: 'AGR-1', ...o }, 1 + random(2)),
        kind: kindOf,
        occurredAt: new Date('2026-03-11T06:00:00Z'),
        carrier: 'DHL',
        trackingReference: null,
        expectedArrivalAt: kindOf === 'DELIVERED' ? null : new Date('2026-03-13T12:00:00Z'),
        reason: kindOf === 'DELAYED' ? 'weather' : null,
        lines: kindOf === 'DISPATCHED' && random(2) === 0 ? [{ orderId: o.orderId, quantity: 30 }] : [],
      };
      return { kind: 'report', report: { update, reportedBy: { kind: 'supplier', id: supplierId } } };
    });
    const expected = inBatches(stream, 1);
    const seenStatuses = new Set(expected.announced.map((e) => e.status));
    for (const status of ['PLANNED', 'DISPATCHED', 'DELIVERED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'])
      expect(seenStatuses).toContain(status);
    expect([...expected.shipments.values()].some((s) => s.lines.length > 1)).toBe(true);
    expect([...expected.shipments.values()].some((s) => s.sequence > 1)).toBe(true);
    expect([...expected.receipts.values()].some((p) => p.shipmentId === null)).toBe(true);
    expect([...expected.shipments.values()].some((s) => s.lines.some((l) => lineOf(s, l.orderId)!.receiptEventIds.length > 1))).toBe(true);
    for (const size of [2, 5, 500]) expect(inBatches(stream, size)).toEqual(expected);
  });
});
