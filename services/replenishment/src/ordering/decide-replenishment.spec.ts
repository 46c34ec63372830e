import { type Agreement, type AgreementLine, type AgreementLineInForce } from '@smi/agreements';
import type { StockLevel } from '@smi/contracts';
import { orderIdFor } from '../orders/replenishment-order';
import { siteItemKeyOf } from '../stock-positions/stock-position';
import { capacityGroupKeyOf, capacityKeyOf, type SupplierCapacity } from '../supplier-capacity/supplier-capacity';
import {
  byOldestClaim,
  bySoonestDue,
  decideReplenishment,
  type LevelToDecide,
  type OnOrder,
  type ReplenishmentDecided,
  type ReplenishmentState,
  unservedKeyOf,
} from './decide-replenishment';

const start = new Date('2026-03-09T08:00:00Z').getTime();
const decidedAt = new Date('2026-03-09T12:00:00Z');
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
    [...state.onOrder].map(([key, held]) => [key, { orders: [...held.orders], waiting: [...held.waiting] }]),
  );
  const heldFor = (key: string) => onOrder.get(key) ?? onOrder.set(key, { orders: [], waiting: [] }).get(key)!;
  const spent = new Map(state.spent);
  for (const { order } of decided.orders)
    heldFor(siteItemKeyOf(order)).orders.push({
      orderId: order.orderId,
      quantity: order.quantity,
      dueAt: order.expectedDeliveryAt,
      unit: order.unit,
    });
  for (const received of decided.receipts) {
    const held = heldFor(siteItemKeyOf(received));
    held.orders = held.orders.filter((o) => o.orderId !== received.orderId);
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

/** Decides each level alone against the state the one before left, as a batch of one each. */
function oneByOne(levels: readonly LevelToDecide[], initial: ReplenishmentState) {
  let state = initial;
  const all: ReplenishmentDecided = { positions: [], receipts: [], claims: [], orders: [], refused: [] };
  levels.forEach((entry, index) => {
    const decided = decideReplenishment([entry], state, decidedAt);
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
    const batch = decideReplenishment(levels, emptyState(), decidedAt);
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
    const [closed] = decideReplenishment(levels, emptyState(), decidedAt).receipts;
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
    const decided = decideReplenishment([waitingLevel], state, decidedAt);
    expect([decided.orders, decided.claims]).toEqual([[], []]);
    expect(decided.positions).toHaveLength(1);
  });
});
