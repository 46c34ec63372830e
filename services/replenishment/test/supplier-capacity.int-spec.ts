import { AgreementLine } from '@smi/agreements';
import { topics } from '@smi/contracts';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import { orderIdFor } from '../src/orders/replenishment-order';
import { apiCaller, levelPublisher, outlookStored, positionReaches, stockLevelsAt, steadyForecast } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/**
 * One supplier, one item, two buyers (Acme with two sites, Globex with one)
 * and a capacity of 150 a week: the first order fits, the two after it do not,
 * and the allocation gives what is left to the site whose stock runs out first.
 */
describe('supplier capacity against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const ids = { acme: uniqueId('buyer'), globex: uniqueId('buyer'), supplier: uniqueId('supplier'), operator: uniqueId('operator') };
  const keys = { acme: uniqueId('key'), globex: uniqueId('key'), supplier: uniqueId('key'), operator: uniqueId('key') };
  const sites = { lyon: uniqueId('site'), turin: uniqueId('site'), graz: uniqueId('site') };
  const item = uniqueId('item');
  const withdrawnItem = uniqueId('item');

  // 40/120 in packs of 10, 3 days lead time: a fall to 30 or 35 asks for 90.
  const line = (siteId: string): AgreementLine => ({
    siteId,
    itemId: item,
    unit: 'EA',
    minimum: 40,
    maximum: 120,
    leadTimeDays: 3,
    packMultiple: 10,
  });
  const levels = {
    lyon: stockLevelsAt(ids.acme, sites.lyon),
    turin: stockLevelsAt(ids.acme, sites.turin),
    graz: stockLevelsAt(ids.globex, sites.graz),
  };

  const call = apiCaller(() => replenishment.baseUrl);
  const requestsIn = (status: string) =>
    queryDatabase<{ request_id: string; site_id: string }>(
      process.env.DATABASE_URL!,
      'SELECT request_id, site_id FROM replenishment.capacity_request WHERE item_id = $1 AND status = $2',
      [item, status],
    );
  const ordersOf = (siteId: string, count: number) =>
    kafka
      .waitFor(topics.replenishmentOrders, (o) => o.itemId === item && o.siteId === siteId, { count, settleMs: 1500 })
      .then((rs) => rs.map((r) => r.value));
  const publish = levelPublisher(() => kafka);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const partiesFile = writePartiesFile([
      { id: ids.acme, kind: 'buyer', name: 'Acme', apiKey: keys.acme },
      { id: ids.globex, kind: 'buyer', name: 'Globex', apiKey: keys.globex },
      { id: ids.supplier, kind: 'supplier', name: 'Northwind', apiKey: keys.supplier },
      { id: ids.operator, kind: 'operator', name: 'Operator', apiKey: keys.operator },
    ]);
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: ids.acme,
        supplierId: ids.supplier,
        lines: [line(sites.lyon), line(sites.turin), { ...line(sites.lyon), itemId: withdrawnItem }],
      }),
      testAgreement({ agreementId: uniqueId('AGR'), buyerId: ids.globex, supplierId: ids.supplier, lines: [line(sites.graz)] }),
    ]);
    // The sweep would allocate on its own within a minute; the test allocates when it is ready, over the API.
    replenishment = await startServiceProcess('replenishment', {
      SMI_AGREEMENTS_FILE: agreementsFile,
      SMI_PARTIES_FILE: partiesFile,
      SMI_CAPACITY_ALLOCATION_MS: '600000',
    });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it('lets only the supplier declare its capacity, refusing a bad one with 400 naming the field', async () => {
    expect((await call('PUT', `/supplier-capacities/${item}`, keys.acme, { periodDays: 7, quantityPerPeriod: 150 })).status).toBe(403);
    const bad = await call('PUT', `/supplier-capacities/${item}`, keys.supplier, { periodDays: 0, quantityPerPeriod: -1 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(
      /^periodDays must be a whole number of days from 1 to 366 \(got 0\); quantityPerPeriod must be a number >= 0 \(got -1\)$/,
    );
    const declared = await call('PUT', `/supplier-capacities/${item}`, keys.supplier, { periodDays: 7, quantityPerPeriod: 150 });
    expect(declared.status).toBe(200);
    expect(await json(declared)).toMatchObject({ supplierId: ids.supplier, itemId: item, periodDays: 7, quantityPerPeriod: 150 });
    expect((await call('GET', '/supplier-capacities', keys.globex)).status).toBe(403);
    expect(await json(await call('GET', '/supplier-capacities', keys.supplier))).toEqual([
      expect.objectContaining({ itemId: item, quantityPerPeriod: 150 }),
    ]);
  });

  it('serves an order at once while the week has room, then shares what is left by urgency: the site that runs out first gets it', async () => {
    // Lyon first, alone: 90 of the 150 goes out as the engine decided it.
    await publish(levels.lyon(item, 1, 100), levels.lyon(item, 2, 35));
    const [lyon] = await ordersOf(sites.lyon, 1);
    expect(lyon).toMatchObject({ quantity: 90, status: 'RELEASED' });
    expect(lyon.explanation?.steps.at(-1)).toMatchObject({ rule: 'supplier-capacity', before: 90, after: 90 });

    // Turin (Acme) lasts 7 days, Graz (Globex) 3: both ask for 90, 60 is left. Turin asks first.
    await publish(levels.turin(item, 1, 100));
    await kafka.publish(topics.demandForecasts, steadyForecast(ids.acme, sites.turin, item, 5));
    await kafka.publish(topics.demandForecasts, steadyForecast(ids.globex, sites.graz, item, 10));
    await outlookStored(ids.acme, sites.turin, item);
    await outlookStored(ids.globex, sites.graz, item);
    const turinLow = levels.turin(item, 2, 35);
    const grazLow = levels.graz(item, 1, 30);
    await publish(turinLow);
    await positionReaches(ids.acme, sites.turin, item, 2);
    await publish(grazLow, grazLow); // redelivered: still one request
    await positionReaches(ids.globex, sites.graz, item, 1);
    expect((await requestsIn('waiting')).map((r) => r.site_id).sort()).toEqual([sites.graz, sites.turin].sort());

    expect((await call('POST', '/capacity-allocations', keys.acme)).status).toBe(403);
    const allocated = await call('POST', '/capacity-allocations', keys.supplier);
    expect(await json(allocated)).toEqual({ ordersPlaced: 1 });

    const [graz] = await ordersOf(sites.graz, 1);
    expect(graz).toMatchObject({ orderId: orderIdFor(grazLow.eventId), quantity: 60, status: 'RELEASED' });
    expect(graz.explanation?.steps.at(-1)).toEqual(
      expect.objectContaining({
        rule: 'supplier-capacity',
        before: 90,
        after: 60,
        note: 'got 60 of 90: capacity 60, with 3 days of cover here',
      }),
    );
    expect(await requestsIn('unserved')).toEqual([
      expect.objectContaining({ request_id: orderIdFor(turinLow.eventId), site_id: sites.turin }),
    ]);

    // Each side reads why: the supplier sees who went first; Acme sees only "another buyer".
    const supplierView = await json(await call('GET', '/capacity-requests?status=unserved', keys.supplier));
    expect(supplierView).toEqual([
      expect.objectContaining({
        siteId: sites.turin,
        allocated: 0,
        reason: `got 0 of 90: capacity 60 went first to ${ids.globex} ${sites.graz} x ${item} (60, 3 days of cover), with 7 days of cover here`,
      }),
    ]);
    const acmeView = await json(await call('GET', '/capacity-requests', keys.acme));
    expect(acmeView.map((r: { siteId: string }) => r.siteId).sort()).toEqual([sites.lyon, sites.turin].sort());
    expect(acmeView.find((r: { siteId: string }) => r.siteId === sites.turin).reason).toBe(
      'got 0 of 90: capacity 60 went first to another buyer (60, 3 days of cover), with 7 days of cover here',
    );
    expect(JSON.stringify(acmeView)).not.toContain(ids.globex);

    // Turin was given nothing this week: a lower level does not ask again.
    await publish(levels.turin(item, 3, 30));
    await positionReaches(ids.acme, sites.turin, item, 3);
    expect(await requestsIn('waiting')).toEqual([]);
  });

  it('sends a waiting order out in full once the supplier withdraws its capacity, and only the supplier may withdraw it', async () => {
    expect(
      (await call('PUT', `/supplier-capacities/${withdrawnItem}`, keys.supplier, { periodDays: 7, quantityPerPeriod: 0 })).status,
    ).toBe(200);
    const low = levels.lyon(withdrawnItem, 2, 35);
    await publish(levels.lyon(withdrawnItem, 1, 100), low);
    await positionReaches(ids.acme, sites.lyon, withdrawnItem, 2);
    const waiting = await json(await call('GET', '/capacity-requests?status=waiting', keys.supplier));
    expect(waiting).toEqual([
      expect.objectContaining({
        requestId: orderIdFor(low.eventId),
        requested: 90,
        reason: expect.stringMatching(/only 0 of it is left in the period$/),
      }),
    ]);

    expect((await call('DELETE', `/supplier-capacities/${withdrawnItem}`, keys.acme)).status).toBe(403);
    expect((await call('DELETE', `/supplier-capacities/${withdrawnItem}`, keys.supplier)).status).toBe(204);
    expect((await call('DELETE', `/supplier-capacities/${withdrawnItem}`, keys.supplier)).status).toBe(404);
    // Still on order while it waits: a lower level orders nothing more.
    await publish(levels.lyon(withdrawnItem, 3, 30));
    await positionReaches(ids.acme, sites.lyon, withdrawnItem, 3);
    expect(await json(await call('POST', '/capacity-allocations', keys.operator))).toEqual({ ordersPlaced: 1 });
    const orders = await kafka.waitFor(topics.replenishmentOrders, (o) => o.itemId === withdrawnItem, { count: 1, settleMs: 1500 });
    expect(orders.map((o) => o.value)).toEqual([expect.objectContaining({ orderId: orderIdFor(low.eventId), quantity: 90 })]);
  });
});
