import { type Agreement, type AgreementLine, type AgreementLineInForce } from '@smi/agreements';
import type { StockLevel } from '@smi/contracts';
import type { Shipment } from '@smi/contracts';
import { orderIdFor } from '../orders/replenishment-order';
import { shipmentEvent } from '../../test/shipment-events';
import { closesShort, decideDispatches, type DispatchedOrder, stillOnOrder } from '../orders/short-shipment';
import { siteItemKeyOf } from '../stock-positions/stock-position';
import { newestLevelPerBuyer } from '../buyer-feeds/buyer-feed';
import {
  allocateWaitingClaims,
  capacityGroupKeyOf,
  capacityKeyOf,
  capacityPeriodOf,
  type SupplierCapacity,
} from '../supplier-capacity/supplier-capacity';
import {
  byOldestClaim,
  bySoonestDue,
  decideReplenishment,
  heldOrderOf,
  type LevelToDecide,
  type OnOrder,
  type ReplenishmentDecided,
  type ReplenishmentState,
  unservedKeyOf,
} from './decide-replenishment';

const start = new Date('2026-03-09T08:00:00Z').getTime();
const pads: AgreementLine = { siteId: 'lyon', itemId: 'pad', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 };
const discs = (siteId: string): AgreementLine => ({
  siteId,
  itemId: 'disc',
  unit: 'EA',
  minimum: 20,
  maximum: 60,
  leadTimeDays: 5,
  packMultiple: 10,
});
const agreement: Agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 100 },
  lines: [pads, discs('lyon'), discs('paris')],
};
const inForce = (line: AgreementLine): AgreementLineInForce => ({ agreement, line, version: 1 });
const lines = new Map([pads, discs('lyon'), discs('paris')].map((line) => [`${line.siteId}|${line.itemId}`, inForce(line)]));
const discCapacity: SupplierCapacity = { supplierId: 'northwind', itemId: 'disc', periodDays: 7, quantityPerPeriod: 100 };

let minute = 0;
const level = (siteId: string, itemId: string, sequence: number, onHand: number, overrides: Partial<StockLevel> = {}): LevelToDecide => {
  minute++;
  const event: StockLevel = {
    eventId: `mv-${siteId}-${itemId}-${sequence}-${minute}/stock-level`,
    buyerId: 'acme',
    siteId,
    itemId,
    onHand,
    unit: 'EA',
    sequence,
    asOf: new Date(start + minute * 60_000),
    movementId: `mv-${minute}`,
    movementKind: 'CONSUMPTION',
    movementQuantity: 5,
    orderReference: null,
    ...overrides,
  };
  return { level: event, inForce: lines.get(`${siteId}|${itemId}`) };
};
const receipt = (siteId: string, itemId: string, sequence: number, onHand: number, orderId: string, quantity: number) =>
  level(siteId, itemId, sequence, onHand, { movementKind: 'RECEIPT', movementQuantity: quantity, orderReference: orderId });

const emptyState = (): ReplenishmentState => ({
  positions: new Map(),
  onOrder: new Map(),
  unserved: new Set(),
  outlooks: new Map([[siteItemKeyOf({ buyerId: 'acme', siteId: 'lyon', itemId: 'pad' }), { perDay: 5, stdDevPerDay: 1 }]]),
  capacities: new Map([[capacityKeyOf('northwind', 'disc'), discCapacity]]),
  spent: new Map(),
});

/** The state as the repositories leave it after writing a decision and read it back. */
function written(state: ReplenishmentState, decided: ReplenishmentDecided): ReplenishmentState {
  const positions = new Map(state.positions);
  for (const position of decided.positions) positions.set(siteItemKeyOf(position), position);
  const onOrder = new Map<string, OnOrder>(
    [...state.onOrder].map(([key, held]) => [
      key,
      { orders: [...held.orders], waiting: [...held.waiting], closedShort: [...(held.closedShort ?? [])] },
    ]),
  );
  const heldFor = (key: string) => onOrder.get(key) ?? onOrder.set(key, { orders: [], waiting: [], closedShort: [] }).get(key)!;
  const spent = new Map(state.spent);
  for (const { order } of decided.orders) {
    heldFor(siteItemKeyOf(order)).orders.push(heldOrderOf(order));
    heldFor(siteItemKeyOf(order)).closedShort = []; // closed before this order: its explanation named them
  }
  for (const received of decided.receipts) {
    const held = heldFor(siteItemKeyOf(received));
    if (closesShort(received))
      held.closedShort!.push({ orderId: received.orderId, ordered: received.orderedQuantity, dispatched: received.dispatchedQuantity! });
    held.orders = received.closes
      ? held.orders.filter((o) => o.orderId !== received.orderId)
      : held.orders.map((o) =>
          o.orderId === received.orderId
            ? {
                ...o,
                quantity: stillOnOrder({ ...o, received: received.receivedSoFar }),
                received: received.receivedSoFar,
                receiptEventIds: [...o.receiptEventIds, received.eventId],
              }
            : o,
        );
  }
  for (const claim of decided.claims) {
    const group = capacityGroupKeyOf(claim.supplierId, claim.itemId, claim.periodStart);
    const before = spent.get(group) ?? { allocated: 0, waiting: 0 };
    if (claim.status === 'waiting') {
      heldFor(siteItemKeyOf(claim)).waiting.push({
        orderId: claim.requestId,
        quantity: claim.requested,
        dueAt: claim.decision.dueAt ?? claim.triggerAsOf,
        requestedAt: claim.requestedAt,
      });
      spent.set(group, { ...before, waiting: before.waiting + 1 });
    } else spent.set(group, { ...before, allocated: before.allocated + (claim.allocated ?? 0) });
  }
  for (const held of onOrder.values()) {
    held.orders.sort(bySoonestDue);
    held.waiting.sort(byOldestClaim);
  }
  return { ...state, positions, onOrder, spent };
}

/** The state after shipment events, as the dispatch use case writes them and the next decision reads them back. */
function dispatchesWritten(state: ReplenishmentState, shipments: readonly Shipment[]): ReplenishmentState {
  const onOrder = new Map<string, OnOrder>();
  const found = new Map<string, DispatchedOrder>();
  for (const [key, held] of state.onOrder) {
    onOrder.set(key, { orders: [...held.orders], waiting: [...held.waiting], closedShort: [...(held.closedShort ?? [])] });
    for (const o of held.orders) found.set(o.orderId, { ...o, open: true, receivedAt: null });
  }
  const decided = decideDispatches(shipments, found);
  for (const held of onOrder.values()) {
    for (const d of decided.dispatched) {
      held.orders = held.orders.map((o) =>
        o.orderId === d.orderId
          ? { ...o, dispatched: d.dispatched, shipmentId: d.shipmentId, quantity: stillOnOrder({ ...o, dispatched: d.dispatched }) }
          : o,
      );
    }
    for (const c of decided.closes) {
      if (!held.orders.some((o) => o.orderId === c.orderId)) continue;
      held.orders = held.orders.filter((o) => o.orderId !== c.orderId);
      held.closedShort!.push({ orderId: c.orderId, ordered: c.ordered, dispatched: c.dispatched });
    }
  }
  return { ...state, onOrder };
}

/** Decides each level alone against the state the one before left, as a batch of one each. */
function oneByOne(levels: readonly LevelToDecide[], initial: ReplenishmentState) {
  let state = initial;
  const all: ReplenishmentDecided = { positions: [], receipts: [], claims: [], orders: [], refused: [] };
  levels.forEach((entry, index) => {
    const decided = decideReplenishment([entry], state);
    state = written(state, decided);
    all.receipts.push(...decided.receipts);
    all.claims.push(...decided.claims);
    all.orders.push(...decided.orders.map((o) => ({ ...o, index })));
    all.refused.push(...decided.refused.map((r) => ({ ...r, index })));
  });
  return { all, state };
}

describe('deciding replenishment for a batch of stock levels', () => {
  const padKey = siteItemKeyOf({ buyerId: 'acme', siteId: 'lyon', itemId: 'pad' });
  const stream = (): LevelToDecide[] => {
    const first = level('lyon', 'pad', 2, 35);
    const firstOrder = orderIdFor(first.level.eventId);
    const again = level('lyon', 'pad', 5, 30);
    return [
      level('lyon', 'pad', 1, 100), // above the reorder point: nothing
      first, // crosses it: an order
      level('lyon', 'pad', 3, 30), // the open order covers it
      { ...first }, // redelivered: stale, changes nothing
      level('lyon', 'disc', 1, 5), // capacity has room: served
      level('paris', 'disc', 1, 0), // what is left does not suffice: waits
      level('paris', 'disc', 2, 0), // the waiting claim is on order
      receipt('lyon', 'pad', 4, 120, firstOrder, 90), // closes the first order
      again, // crosses again: a second order
      level('lyon', 'pad', 6, 30, { unit: 'KG' }), // refused
      level('lyon', 'nuts', 1, 0), // no agreement line
      receipt('lyon', 'pad', 5, 25, orderIdFor(again.level.eventId), 90), // stale, yet closes the second order, and orders again
      level('lyon', 'pad', 7, 20),
    ];
  };

  it('decides exactly as deciding the levels one by one would, receipts and reorder-point crossings included', () => {
    const levels = stream();
    const batch = decideReplenishment(levels, emptyState());
    const single = oneByOne(levels, emptyState());

    expect(batch.orders).toEqual(single.all.orders);
    expect(batch.receipts).toEqual(single.all.receipts);
    expect(batch.claims).toEqual(single.all.claims);
    expect(batch.refused).toEqual(single.all.refused);
    expect(new Map(batch.positions.map((p) => [siteItemKeyOf(p), p]))).toEqual(single.state.positions);

    // The stream went through every path it is meant to.
    expect(batch.orders.map((o) => o.index)).toEqual([1, 4, 8, 11]);
    expect(batch.receipts.map((r) => r.orderId)).toEqual([orderIdFor(levels[1].level.eventId), orderIdFor(levels[8].level.eventId)]);
    expect(batch.claims.map((c) => c.status)).toEqual(['allocated', 'waiting']);
    expect(batch.refused).toEqual([{ index: 9, reason: 'unit is KG but the agreement for lyon x pad is in EA' }]);
    expect(batch.positions.find((p) => siteItemKeyOf(p) === padKey)).toMatchObject({ sequence: 7, onHand: 20 });
  });

  it('words the goods receipt with the order it closes', () => {
    const levels = stream();
    const [closed] = decideReplenishment(levels, emptyState()).receipts;
    expect(closed).toMatchObject({
      buyerId: 'acme',
      siteId: 'lyon',
      itemId: 'pad',
      receivedQuantity: 90,
      orderedQuantity: 90,
      unit: 'EA',
      eventId: levels[7].level.eventId,
    });
  });

  it('asks nothing of a capacity period whose allocation already gave the site x item nothing', () => {
    const waitingLevel = level('paris', 'disc', 1, 0);
    const period = new Date('2026-03-09T00:00:00Z'); // the Monday of that week
    const state = { ...emptyState(), unserved: new Set([unservedKeyOf(siteItemKeyOf(waitingLevel.level), period)]) };
    const decided = decideReplenishment([waitingLevel], state);
    expect([decided.orders, decided.claims]).toEqual([[], []]);
    expect(decided.positions).toHaveLength(1);
  });
});

describe('business time', () => {
  const approving: AgreementLine = { ...pads, approval: { maxQuantity: 50, vetoWindowHours: 24, expiresAfterHours: 48 } };
  const vetoable: AgreementLine = { ...discs('lyon'), approval: { maxQuantity: 1000, vetoWindowHours: 12, expiresAfterHours: 48 } };
  const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);

  afterEach(() => jest.useRealTimers());

  it("replays last year's levels a year later into the very same orders: ids, decision times, due dates and deadlines from the levels", () => {
    const levels = [
      { ...level('lyon', 'pad', 1, 20), inForce: inForce(approving) }, // beyond the boundary: awaits approval
      { ...level('lyon', 'disc', 1, 5), inForce: inForce(vetoable) }, // within it: released, veto window
    ];
    jest.useFakeTimers({ now: levels[1].level.asOf }); // living through it
    const lived = decideReplenishment(levels, { ...emptyState(), capacities: new Map() });
    jest.setSystemTime(new Date(levels[1].level.asOf.getTime() + 366 * 24 * 3_600_000)); // the replay, a year later
    const replayed = decideReplenishment(levels, { ...emptyState(), capacities: new Map() });

    expect(replayed).toEqual(lived);
    const [pad, disc] = lived.orders.map(({ order }) => order);
    const [padAt, discAt] = levels.map(({ level }) => level.asOf);
    expect(pad).toMatchObject({ status: 'AWAITING_APPROVAL', decidedAt: padAt, approvalDeadline: hours(padAt, 48) });
    expect(pad.expectedDeliveryAt.getTime()).toBeGreaterThanOrEqual(hours(padAt, 3 * 24).getTime());
    expect(disc).toMatchObject({ status: 'RELEASED', decidedAt: discAt, approvalDeadline: hours(discAt, 12) });
    expect(lived.orders.map(({ order }) => order.orderId)).toEqual(levels.map(({ level }) => orderIdFor(level.eventId)));
  });
});

describe('partial receipts', () => {
  const padKey = siteItemKeyOf({ buyerId: 'acme', siteId: 'lyon', itemId: 'pad' });

  it('leaves the rest of a partly received order on order, so what is still on its way is not ordered again', () => {
    const low = level('lyon', 'pad', 1, 20);
    const orderId = orderIdFor(low.level.eventId);
    const partly = receipt('lyon', 'pad', 2, 60, orderId, 40);
    const levels = [low, partly, level('lyon', 'pad', 3, 25)];
    const decided = decideReplenishment(levels, emptyState());

    // Ordered 100, received 40: position 25 on hand + 60 still on order = 85, above the reorder point 40.
    expect(decided.orders.map(({ order }) => [order.orderId, order.quantity])).toEqual([[orderId, 100]]);
    expect(decided.receipts).toEqual([
      expect.objectContaining({ orderId, receivedQuantity: 40, receivedSoFar: 40, orderedQuantity: 100, closes: false }),
    ]);
    expect(decided.receipts).toEqual(oneByOne(levels, emptyState()).all.receipts);
    expect(oneByOne(levels, emptyState()).state.onOrder.get(padKey)?.orders).toEqual([
      expect.objectContaining({ orderId, quantity: 60, ordered: 100, received: 40, receiptEventIds: [partly.level.eventId] }),
    ]);
  });

  it('counts only what is still due in the inventory position, and says so in the explanation', () => {
    const low = level('lyon', 'pad', 1, 20);
    const orderId = orderIdFor(low.level.eventId);
    const levels = [low, receipt('lyon', 'pad', 2, 60, orderId, 40), level('lyon', 'pad', 3, -30)];
    const [, again] = decideReplenishment(levels, emptyState()).orders.map(({ order }) => order);

    // Position -30 + 60 still due = 30, at or below 40: order up to 120 needs 90.
    expect(again).toMatchObject({ onHand: -30, onOrder: 60, quantity: 90 });
    expect(again.explanation?.summary).toContain(`on order 60 (${orderId}: 60 still due, 40 already received)`);
  });

  it('closes the order once its receipts bring all it ordered, and counts a redelivered receipt once', () => {
    const low = level('lyon', 'pad', 1, 20);
    const orderId = orderIdFor(low.level.eventId);
    const first = receipt('lyon', 'pad', 2, 60, orderId, 40);
    const rest = receipt('lyon', 'pad', 3, 120, orderId, 60);
    const batch = decideReplenishment([low, first, { ...first }, rest], emptyState());

    expect(batch.receipts.map((r) => [r.receivedSoFar, r.closes])).toEqual([
      [40, false],
      [100, true],
    ]);
    expect(oneByOne([low, first, { ...first }, rest], emptyState()).state.onOrder.get(padKey)?.orders).toEqual([]);
  });

  it('closes no order on a receipt that names none', () => {
    const low = level('lyon', 'pad', 1, 20);
    const unnamed = level('lyon', 'pad', 2, 60, { movementKind: 'RECEIPT', movementQuantity: 40, orderReference: null });
    const { state } = oneByOne([low, unnamed], emptyState());
    expect(state.onOrder.get(padKey)?.orders).toEqual([expect.objectContaining({ quantity: 100, received: 0 })]);
  });
});

describe('short shipments', () => {
  const padKey = siteItemKeyOf({ buyerId: 'acme', siteId: 'lyon', itemId: 'pad' });
  /** Pads at 30 order 90 (up to 120); its shipment dispatches 80; 80 arrive. */
  const story = () => {
    const low = level('lyon', 'pad', 1, 30);
    const orderId = orderIdFor(low.level.eventId);
    const shipment = (dispatched: number | null, eventId: string) =>
      shipmentEvent('SHP-1', eventId, [{ orderId, itemId: 'pad', ordered: 90, dispatched }], {
        buyerId: 'acme',
        siteId: 'lyon',
        statusChangedAt: low.level.asOf,
      });
    return { low, orderId, shipment, arrived: receipt('lyon', 'pad', 2, 110, orderId, 80), next: level('lyon', 'pad', 3, 30) };
  };
  const onOrderAfter = (state: ReplenishmentState) => state.onOrder.get(padKey);

  it('gives the same on order, the same close and the same next order whether the dispatch or the receipt is read first', () => {
    const { low, orderId, shipment, arrived, next } = story();
    const placed = oneByOne([low], emptyState()).state;
    expect(onOrderAfter(placed)?.orders).toEqual([expect.objectContaining({ orderId, quantity: 90 })]);

    const dispatchFirst = oneByOne([arrived], dispatchesWritten(placed, [shipment(80, 'e1')]));
    const receiptFirst = oneByOne([arrived], placed);
    expect(onOrderAfter(receiptFirst.state)?.orders).toEqual([expect.objectContaining({ orderId, quantity: 10, received: 80 })]);
    const receiptThenDispatch = dispatchesWritten(receiptFirst.state, [shipment(80, 'e1')]);

    for (const state of [dispatchFirst.state, receiptThenDispatch]) {
      expect(onOrderAfter(state)?.orders).toEqual([]);
      expect(onOrderAfter(state)?.closedShort).toEqual([{ orderId, ordered: 90, dispatched: 80 }]);
    }
    expect(dispatchFirst.all.receipts).toEqual([
      expect.objectContaining({ orderId, closes: true, dispatchedQuantity: 80, shipmentId: 'SHP-1' }),
    ]);

    const [fromDispatchFirst] = oneByOne([next], dispatchFirst.state).all.orders.map(({ order }) => order);
    const [fromReceiptFirst] = oneByOne([next], receiptThenDispatch).all.orders.map(({ order }) => order);
    // 30 on hand, nothing on order: the full 90 again (not 80, as counting the 10 short would order).
    expect(fromDispatchFirst).toMatchObject({ onHand: 30, onOrder: 0, quantity: 90 });
    expect(fromReceiptFirst).toMatchObject({ onHand: 30, onOrder: 0, quantity: 90 });
    expect(fromDispatchFirst.explanation?.summary).toContain(`on order 0 (${orderId}: 80 of 90 dispatched, all received; 10 short)`);
    expect(fromReceiptFirst.explanation).toEqual(fromDispatchFirst.explanation);
    // The receipt and the next level in one batch decide as one by one.
    const batch = decideReplenishment([arrived, next], dispatchesWritten(placed, [shipment(80, 'e1')]));
    expect(batch.orders.map(({ order }) => order)).toEqual([fromDispatchFirst]);
  });

  it('counts only what was dispatched while it is on its way, and says the shortfall', () => {
    const { low, orderId, shipment } = story();
    const state = dispatchesWritten(oneByOne([low], emptyState()).state, [shipment(80, 'e1')]);
    const [again] = oneByOne([level('lyon', 'pad', 2, -50)], state).all.orders.map(({ order }) => order);
    // Position -50 + 80 dispatched = 30, at or below 40: up to 120 needs 90.
    expect(again).toMatchObject({ onOrder: 80, quantity: 90 });
    expect(again.explanation?.summary).toContain(`on order 80 (${orderId}: 80 still due, 80 of 90 dispatched (10 short))`);
  });

  it('changes nothing on a redelivered shipment event, in a batch or later', () => {
    const { low, shipment, arrived } = story();
    const placed = oneByOne([low], emptyState()).state;
    const once = oneByOne([arrived], dispatchesWritten(placed, [shipment(80, 'e1')])).state;
    const again = dispatchesWritten(
      oneByOne([arrived], dispatchesWritten(placed, [shipment(80, 'e1'), shipment(80, 'e1'), shipment(null, 'e0')])).state,
      [shipment(80, 'e1')],
    );
    expect(again.onOrder).toEqual(once.onOrder);
  });

  it('names a short close only in the first order after it', () => {
    const { low, shipment, arrived, next } = story();
    const closed = oneByOne([arrived], dispatchesWritten(oneByOne([low], emptyState()).state, [shipment(80, 'e1')])).state;
    const { all } = oneByOne([next, level('lyon', 'pad', 4, 30), level('lyon', 'pad', 5, -80)], closed);
    expect(all.orders.map(({ order }) => order.explanation?.summary.includes('short'))).toEqual([true, false]);
  });
});

describe('stale feed hold', () => {
  /** A claim that waits for the capacity allocation: the week's capacity is spent. */
  const waitingClaim = () => {
    const low = level('paris', 'disc', 1, 0);
    const period = capacityPeriodOf(low.level.asOf, 7).start;
    const state = { ...emptyState(), spent: new Map([[capacityGroupKeyOf('northwind', 'disc', period), { allocated: 100, waiting: 0 }]]) };
    const [claim] = decideReplenishment([low], state).claims;
    expect(claim.status).toBe('waiting');
    return { claim, inForce: low.inForce, lastLevelAt: low.level.asOf };
  };
  const allocatedAt = (waiting: ReturnType<typeof waitingClaim>, now: Date) =>
    allocateWaitingClaims(undefined, { allocated: 0, waiting: 1 }, [waiting], now).orders[0];
  const hoursAfter = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);

  it("releases an order the allocation places while the buyer's feed speaks within the agreed frequency", () => {
    const waiting = waitingClaim();
    expect(allocatedAt(waiting, hoursAfter(waiting.lastLevelAt, 24))).toMatchObject({ status: 'RELEASED' });
  });

  it('holds it for the buyer once the feed has been silent longer than the agreement allows, saying since when, how long and what resumes it', () => {
    const waiting = waitingClaim();
    const now = hoursAfter(waiting.lastLevelAt, 30);
    const order = allocatedAt(waiting, now);
    const words =
      `the buyer's stock feed has been silent since ${waiting.lastLevelAt.toISOString()}, for 30 h (the agreement allows 24 h): ` +
      'not released automatically; automatic release resumes when its stock data does';
    expect(order).toMatchObject({
      status: 'AWAITING_APPROVAL',
      statusReason: words,
      decidedAt: now,
      approvalDeadline: hoursAfter(now, 24),
    });
    expect(order.explanation?.steps.at(-1)).toEqual({
      rule: 'stale-feed-hold',
      before: order.quantity,
      after: order.quantity,
      note: words,
    });
    expect(order.explanation?.summary).toContain(`Held for the buyer's approval: ${words}.`);
  });

  it("takes the allowed silence from the agreement's communication frequency", () => {
    const waiting = waitingClaim();
    const twiceADay = { ...waiting.inForce!, agreement: { ...agreement, communication: { digestEveryHours: 12, immediateAlerts: false } } };
    expect(allocatedAt({ ...waiting, inForce: twiceADay }, hoursAfter(waiting.lastLevelAt, 13))).toMatchObject({
      status: 'AWAITING_APPROVAL',
    });
  });

  it('ends the silence with a fresh level of the buyer, of any site x item', () => {
    const waiting = waitingClaim();
    const now = hoursAfter(waiting.lastLevelAt, 30);
    const [fresh] = newestLevelPerBuyer([
      { buyerId: 'acme', asOf: waiting.lastLevelAt },
      { buyerId: 'acme', asOf: hoursAfter(now, -1) },
      { buyerId: 'acme', asOf: hoursAfter(now, -5) },
    ]);
    expect(fresh).toEqual({ buyerId: 'acme', lastLevelAt: hoursAfter(now, -1) });
    expect(allocatedAt({ ...waiting, lastLevelAt: fresh.lastLevelAt }, now)).toMatchObject({ status: 'RELEASED' });
  });

  it('never holds an order a level triggered: that level is the data', () => {
    const late = level('lyon', 'pad', 1, 20);
    const [{ order }] = decideReplenishment([late], emptyState()).orders;
    expect(order.status).toBe('RELEASED');
  });
});
