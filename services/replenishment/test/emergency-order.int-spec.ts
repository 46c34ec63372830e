import { AgreementLine } from '@smi/agreements';
import { topics } from '@smi/contracts';
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
import { outlookStored, positionReaches, stockLevelsAt, steadyForecast } from './stock-level-feed';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The engine behind the service: forecasts from the forecast topic drive the
 * decision, and when stock would run out before a regular delivery can arrive,
 * the order goes on the agreement's emergency terms.
 */
describe('emergency orders against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer } = parties;
  const site = uniqueId('site');
  const items = { urgent: uniqueId('item'), calm: uniqueId('item') };
  const level = stockLevelsAt(buyer, site);

  // Regular deliveries take 10 days, expedited ones 1 day; stock 20..200 in packs of 10.
  const line = (itemId: string): AgreementLine => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 20,
    maximum: 200,
    leadTimeDays: 10,
    packMultiple: 10,
    emergency: { allowed: true, leadTimeDays: 1 },
  });

  const forecast = (itemId: string, perDay: number) => steadyForecast(buyer, site, itemId, perDay);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: parties.supplier,
        lines: [line(items.urgent), line(items.calm)],
      }),
    ]);
    replenishment = await startServiceProcess('replenishment', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: parties.file });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it('orders on the emergency terms when stock would run out inside the regular lead time, once even when the level is redelivered', async () => {
    const item = items.urgent;
    await kafka.publish(topics.demandForecasts, forecast(item, 10));
    await outlookStored(buyer, site, item);
    // 60 on hand above the minimum of 20, but 10 a day for the 10 days a regular delivery takes runs out on day 6.
    const trigger = level(item, 1, 60);
    await kafka.publish(topics.stockLevels, trigger);
    await kafka.publish(topics.stockLevels, trigger);
    await positionReaches(buyer, site, item, 1);

    const orders = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === item, {
      count: 1,
      settleMs: 2000,
    });
    expect(orders).toHaveLength(1);
    const order = orders[0].value;
    expect(order).toMatchObject({
      orderId: orderIdFor(trigger.eventId),
      status: 'RELEASED',
      emergency: true,
      quantity: 140, // up to the maximum of 200 from a position of 60
      agreementVersion: 1,
    });
    expect(order.expectedDeliveryAt.getTime()).toBe(trigger.asOf.getTime() + DAY_MS);
    expect(order.explanation).toMatchObject({ leadTimeDays: 1, forecastPerDay: 10, inventoryPosition: 60 });
    expect(order.explanation?.summary).toMatch(/^Emergency order of 140 EA/);
  });

  it('orders nothing while stock lasts until a regular delivery could arrive and stays above the reorder point', async () => {
    const item = items.calm;
    await kafka.publish(topics.demandForecasts, forecast(item, 1));
    await outlookStored(buyer, site, item);
    await kafka.publish(topics.stockLevels, level(item, 1, 60));
    await positionReaches(buyer, site, item, 1);
    const orders = await kafka
      .waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === item, { count: 1, timeoutMs: 3000 })
      .catch(() => []);
    expect(orders).toHaveLength(0);
  });
});
