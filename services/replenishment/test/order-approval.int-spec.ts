import { AgreementLine } from '@smi/agreements';
import { ReplenishmentOrder, topics } from '@smi/contracts';
import {
  KafkaTestClient,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { orderIdFor } from '../src/orders/replenishment-order';
import { apiCaller, levelPublisher, positionReaches, stockLevelsAt } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const HOUR_MS = 60 * 60 * 1000;

describe('order approval against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer, keys } = parties;
  const site = uniqueId('site');
  const items = {
    approve: uniqueId('item'),
    reject: uniqueId('item'),
    veto: uniqueId('item'),
    expire: uniqueId('item'),
    race: uniqueId('item'),
    costly: uniqueId('item'),
  };
  const level = stockLevelsAt(buyer, site);

  // 40/120 in packs of 10 at 25 EUR: a fall to 35 orders 90 EA worth 2,250 EUR.
  const line = (itemId: string, approval: AgreementLine['approval']): AgreementLine => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 40,
    maximum: 120,
    leadTimeDays: 3,
    packMultiple: 10,
    unitPrice: 25,
    approval,
  });
  const beyondValue = { maxValue: 1000, vetoWindowHours: 24, expiresAfterHours: 48 };

  const publish = levelPublisher(() => kafka);
  const orderEvents = (itemId: string, count: number, settleMs = 2000) =>
    kafka
      .waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === itemId, { count, settleMs })
      .then((rs) => rs.map((r) => r.value));
  const call = apiCaller(() => replenishment.baseUrl);

  /** Lets stock fall below the minimum and returns the order's first event. */
  const orderRaised = async (itemId: string): Promise<ReplenishmentOrder> => {
    await publish(level(itemId, 1, 100), level(itemId, 2, 35));
    const [first] = await orderEvents(itemId, 1, 0);
    return first;
  };

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: parties.supplier,
        lines: [
          line(items.approve, beyondValue),
          line(items.reject, beyondValue),
          line(items.race, beyondValue),
          line(items.veto, { maxQuantity: 1000, vetoWindowHours: 24, expiresAfterHours: 48 }),
          // Lapses 3.6 s after the decision; the sweep below runs every half second.
          line(items.expire, { maxQuantity: 10, vetoWindowHours: 0, expiresAfterHours: 0.001 }),
          // Terms at the edge of the bounds: 8,500 units at 10^9 EUR make an order worth more than 10^12.
          {
            ...line(items.costly, { maxQuantity: 1e6, vetoWindowHours: 0, expiresAfterHours: 48 }),
            minimum: 4000,
            maximum: 12000,
            unitPrice: 1e9,
          },
        ],
      }),
    ]);
    replenishment = await startServiceProcess('replenishment', {
      SMI_AGREEMENTS_FILE: agreementsFile,
      SMI_PARTIES_FILE: parties.file,
      SMI_ORDER_EXPIRY_SWEEP_MS: '500',
    });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it('holds an order beyond the boundary for the buyer, orders nothing more while it waits, and releases it when the buyer approves', async () => {
    const item = items.approve;
    const trigger = level(item, 2, 35);
    // The trigger is redelivered and stock keeps falling: the order awaiting approval counts as on order.
    await publish(level(item, 1, 100), trigger, trigger, level(item, 3, 20), level(item, 4, 5));
    await positionReaches(buyer, site, item, 4);
    const orderId = orderIdFor(trigger.eventId);
    const raised = await orderEvents(item, 1);
    expect(raised).toHaveLength(1);
    const [waiting] = raised;
    expect(waiting).toMatchObject({
      eventId: `${orderId}/awaiting-approval`,
      orderId,
      status: 'AWAITING_APPROVAL',
      quantity: 90,
      orderValue: 2250,
      agreementVersion: 1,
      statusChangedBy: 'replenishment',
      statusReason: 'value 2,250 EUR exceeds the 1,000 EUR the supplier may release alone',
      explanation: expect.objectContaining({ policy: 'min-max', inventoryPosition: 35, orderUpTo: 120 }),
    });
    expect(waiting.approvalDeadline?.getTime()).toBe(waiting.decidedAt.getTime() + 48 * HOUR_MS);

    const before = await json(await call('GET', `/orders/${orderId}`, keys.supplier));
    expect(before).toMatchObject({ orderId, status: 'awaiting-approval', orderValue: 2250, explanation: { policy: 'min-max' } });
    expect(before.history).toEqual([
      expect.objectContaining({ step: 'awaiting-approval', status: 'awaiting-approval', changedBy: 'replenishment' }),
    ]);
    // A party the order is not about hears what it would of an order that does not exist.
    const foreign = await call('GET', `/orders/${orderId}`, keys.otherSupplier);
    expect(foreign.status).toBe(404);
    expect(await json(foreign)).toMatchObject({ message: `order ${orderId} is not known` });
    const foreignApproval = await call('POST', `/orders/${orderId}/approve`, keys.otherSupplier);
    expect(foreignApproval.status).toBe(404);
    expect(await json(foreignApproval)).toMatchObject({ message: `order ${orderId} is not known` });

    const bySupplier = await call('POST', `/orders/${orderId}/approve`, keys.supplier);
    expect(bySupplier.status).toBe(403);
    expect((await json(bySupplier)).message).toBe(`only the order's buyer or an operator may approve order ${orderId}`);

    const approved = await call('POST', `/orders/${orderId}/approve`, keys.buyer);
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ orderId, status: 'released', statusChangedBy: buyer });
    const events = await orderEvents(item, 2);
    expect(events.map((e) => [e.eventId, e.status, e.statusChangedBy])).toEqual([
      [`${orderId}/awaiting-approval`, 'AWAITING_APPROVAL', 'replenishment'],
      [`${orderId}/approved`, 'RELEASED', buyer],
    ]);

    const again = await call('POST', `/orders/${orderId}/approve`, keys.buyer);
    expect(again.status).toBe(409);
    expect((await json(again)).message).toBe(`order ${orderId} is released; only an order awaiting approval can be approved`);
    const after = await json(await call('GET', `/orders/${orderId}`, keys.buyer));
    expect(after.status).toBe('released');
    expect(after.history.map((h: { step: string; changedBy: string }) => [h.step, h.changedBy])).toEqual([
      ['awaiting-approval', 'replenishment'],
      ['approved', buyer],
    ]);
    expect((await json(await call('GET', `/orders?status=awaiting-approval&itemId=${item}`, keys.buyer))).length).toBe(0);
    expect((await json(await call('GET', `/orders?status=open&itemId=${item}`, keys.buyer))).length).toBe(1);
  });

  it('lets exactly one of two simultaneous approvals win', async () => {
    const { orderId } = await orderRaised(items.race);
    const answers = await Promise.all([
      call('POST', `/orders/${orderId}/approve`, keys.buyer),
      call('POST', `/orders/${orderId}/approve`, keys.operator),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const events = await orderEvents(items.race, 2);
    expect(events.filter((e) => e.status === 'RELEASED')).toHaveLength(1);
  });

  it('rejects an order with the buyer’s reason, and orders again at the next low stock level', async () => {
    const item = items.reject;
    const { orderId } = await orderRaised(item);
    const noReason = await call('POST', `/orders/${orderId}/reject`, keys.buyer, {});
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).message).toBe('reason is required: say why the order is rejected');
    const nul = await call('POST', `/orders/${orderId}/reject`, keys.buyer, { reason: 'moved\u0000' });
    expect(nul.status).toBe(400);
    expect((await json(nul)).message).toBe('reason must not contain control characters');

    const rejected = await call('POST', `/orders/${orderId}/reject`, keys.buyer, { reason: 'the item moves to another site' });
    expect(rejected.status).toBe(200);
    const [, rejection] = await orderEvents(item, 2, 0);
    expect(rejection).toMatchObject({
      eventId: `${orderId}/rejected`,
      status: 'REJECTED',
      statusChangedBy: buyer,
      statusReason: 'the item moves to another site',
    });

    // The rejected order no longer counts as on order: the next level below the minimum orders again.
    const next = level(item, 3, 30);
    await publish(next);
    const events = await orderEvents(item, 3);
    expect(events[2]).toMatchObject({ orderId: orderIdFor(next.eventId), status: 'AWAITING_APPROVAL', onOrder: 0, onHand: 30 });
  });

  it('releases an order within the boundary with a veto window, and lets the buyer veto it within the window', async () => {
    const item = items.veto;
    const released = await orderRaised(item);
    expect(released).toMatchObject({
      eventId: `${released.orderId}/released`,
      status: 'RELEASED',
      statusReason: expect.stringMatching(/^within the approval boundary; the buyer may veto it until /),
    });
    expect(released.approvalDeadline?.getTime()).toBe(released.decidedAt.getTime() + 24 * HOUR_MS);

    const vetoed = await call('POST', `/orders/${released.orderId}/reject`, keys.buyer, {
      reason: 'stock was moved in from another plant',
    });
    expect(vetoed.status).toBe(200);
    const [, veto] = await orderEvents(item, 2, 0);
    expect(veto).toMatchObject({
      eventId: `${released.orderId}/rejected`,
      status: 'REJECTED',
      statusReason: 'stock was moved in from another plant',
    });
  });

  it('expires an order nobody approved by its deadline, and refuses to approve it afterwards', async () => {
    const item = items.expire;
    const { orderId, status } = await orderRaised(item);
    expect(status).toBe('AWAITING_APPROVAL');
    const [, expired] = await orderEvents(item, 2, 0);
    expect(expired).toMatchObject({
      eventId: `${orderId}/expired`,
      status: 'EXPIRED',
      statusChangedBy: 'replenishment',
      statusReason: expect.stringMatching(/^nobody approved it by /),
    });

    const late = await call('POST', `/orders/${orderId}/approve`, keys.buyer);
    expect(late.status).toBe(409);
    expect((await json(late)).message).toBe(`order ${orderId} is expired; only an order awaiting approval can be approved`);
    expect(await json(await call('GET', `/orders/${orderId}`, keys.operator))).toMatchObject({ status: 'expired', approvalDeadline: null });
  });

  it('records and releases an order whose value is beyond 10^12 when its terms are within the bounds', async () => {
    const item = items.costly;
    const trigger = level(item, 2, 3500);
    await publish(level(item, 1, 5000), trigger);
    const [released] = await orderEvents(item, 1);
    expect(released).toMatchObject({ status: 'RELEASED', quantity: 8500, orderValue: 8.5e12 });
    const stored = await json(await call('GET', `/orders/${orderIdFor(trigger.eventId)}`, keys.buyer));
    expect(stored).toMatchObject({ status: 'released', quantity: 8500, orderValue: 8.5e12 });
  });
});
