import { AgreementLine } from '@smi/agreements';
import { topics } from '@smi/contracts';
import {
  BusinessClockFile,
  KafkaTestClient,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import { orderIdFor } from '../src/orders/replenishment-order';
import { apiCaller, levelPublisher, positionReaches, stockLevelsAt } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const HOUR_MS = 60 * 60 * 1000;

/**
 * Two buyers' orders wait for their supplier's capacity; then the business clock (driven through
 * SMI_CLOCK_FILE, as the demo's calendar does) moves 30 hours on. Globex sends nothing meanwhile,
 * Acme sends a level: when the capacity comes, Acme's order is released and Globex's waits for
 * Globex, saying its feed has been silent for longer than the agreed 24 hours.
 */
describe('stale feed hold against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const ids = { acme: uniqueId('buyer'), globex: uniqueId('buyer'), supplier: uniqueId('supplier') };
  const keys = { acme: uniqueId('key'), globex: uniqueId('key'), supplier: uniqueId('key') };
  const sites = { lyon: uniqueId('site'), graz: uniqueId('site') };
  const item = uniqueId('item');
  const clock = new BusinessClockFile();
  const setClock = (at: Date) => clock.set(at);

  const line = (siteId: string): AgreementLine => ({
    siteId,
    itemId: item,
    unit: 'EA',
    minimum: 40,
    maximum: 120,
    leadTimeDays: 3,
    packMultiple: 10,
  });
  const levels = { lyon: stockLevelsAt(ids.acme, sites.lyon), graz: stockLevelsAt(ids.globex, sites.graz) };
  const call = apiCaller(() => replenishment.baseUrl);
  const publish = levelPublisher(() => kafka);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    setClock(new Date());
    const partiesFile = writePartiesFile([
      { id: ids.acme, kind: 'buyer', name: 'Acme', apiKey: keys.acme },
      { id: ids.globex, kind: 'buyer', name: 'Globex', apiKey: keys.globex },
      { id: ids.supplier, kind: 'supplier', name: 'Northwind', apiKey: keys.supplier },
    ]);
    const agreementsFile = writeAgreementsFile([
      testAgreement({ agreementId: uniqueId('AGR'), buyerId: ids.acme, supplierId: ids.supplier, lines: [line(sites.lyon)] }),
      testAgreement({ agreementId: uniqueId('AGR'), buyerId: ids.globex, supplierId: ids.supplier, lines: [line(sites.graz)] }),
    ]);
    replenishment = await startServiceProcess('replenishment', {
      SMI_AGREEMENTS_FILE: agreementsFile,
      SMI_PARTIES_FILE: partiesFile,
      SMI_CAPACITY_ALLOCATION_MS: '600000',
      SMI_CLOCK_FILE: clock.path,
    });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it("holds for the buyer's approval an order placed while its feed is silent, releases the other buyer's, and a fresh level ends the silence", async () => {
    // No capacity this week: both buyers' orders (90 each) wait for the allocation.
    expect((await call('PUT', `/supplier-capacities/${item}`, keys.supplier, { periodDays: 7, quantityPerPeriod: 0 })).status).toBe(200);
    const lyonLow = levels.lyon(item, 1, 30);
    const grazLow = levels.graz(item, 1, 30);
    await publish(lyonLow, grazLow);
    await positionReaches(ids.acme, sites.lyon, item, 1);
    await positionReaches(ids.globex, sites.graz, item, 1);

    // 30 hours of business time pass. Acme's feed speaks, which ends its silence; Globex's stays silent.
    const now = new Date(grazLow.asOf.getTime() + 30 * HOUR_MS);
    setClock(now);
    const acmeSpeaks = levels.lyon(item, 2, 30, { asOf: new Date(now.getTime() - HOUR_MS) });
    await publish(acmeSpeaks);
    await positionReaches(ids.acme, sites.lyon, item, 2);

    expect((await call('PUT', `/supplier-capacities/${item}`, keys.supplier, { periodDays: 7, quantityPerPeriod: 180 })).status).toBe(200);
    expect(await json(await call('POST', '/capacity-allocations', keys.supplier))).toEqual({ ordersPlaced: 2 });

    const placed = await kafka.waitFor(topics.replenishmentOrders, (o) => o.itemId === item, { count: 2, settleMs: 1500 });
    const bySite = new Map(placed.map((r) => [r.value.siteId, r.value]));
    expect(bySite.get(sites.lyon)).toMatchObject({ orderId: orderIdFor(lyonLow.eventId), status: 'RELEASED', decidedAt: now });

    const held = bySite.get(sites.graz)!;
    const why =
      `the buyer's stock feed has been silent since ${grazLow.asOf.toISOString()}, for 30 h (the agreement allows 24 h): ` +
      'not released automatically; automatic release resumes when its stock data does';
    expect(held).toMatchObject({
      orderId: orderIdFor(grazLow.eventId),
      status: 'AWAITING_APPROVAL',
      statusReason: why,
      decidedAt: now,
      approvalDeadline: new Date(now.getTime() + 24 * HOUR_MS),
    });
    expect(held.explanation?.steps.at(-1)).toEqual({ rule: 'stale-feed-hold', before: 90, after: 90, note: why });

    // The buyer sees why over the API, and may release it itself.
    expect(await json(await call('GET', `/orders/${held.orderId}`, keys.globex))).toMatchObject({
      status: 'awaiting-approval',
      statusReason: why,
    });
    expect(await json(await call('POST', `/orders/${held.orderId}/approve`, keys.globex))).toMatchObject({ status: 'released' });
  });
});
