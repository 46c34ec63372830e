import { StockLevel, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('forecasting against a real broker and database', () => {
  let forecasting: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const site = uniqueId('site');
  const coveredItem = uniqueId('item');
  let sequence = 0;

  const level = (overrides: Partial<StockLevel> & Pick<StockLevel, 'itemId'>): StockLevel => {
    const movementId = uniqueId('mv');
    return {
      eventId: `${movementId}/stock-level`,
      buyerId: buyer,
      siteId: site,
      onHand: 100,
      unit: 'EA',
      sequence: ++sequence,
      asOf: new Date(),
      movementId,
      movementKind: 'CONSUMPTION',
      movementQuantity: 1,
      orderReference: null,
      ...overrides,
    };
  };

  const get = (path: string, key: string | null) =>
    fetch(`${forecasting.baseUrl}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: supplier,
        lines: [{ siteId: site, itemId: coveredItem, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 }],
      }),
    ]);
    forecasting = await startServiceProcess('forecasting', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: parties.file });
  });

  afterAll(async () => {
    await forecasting?.stop();
    await kafka?.disconnect();
  });

  it('reports broker and database up on /health', async () => {
    const response = await get('/health', null);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'up', kafka: 'up', database: 'up' });
  });

  it('forecasts a 7-day moving average from consumption levels, counts a redelivered level once, and ignores other movements', async () => {
    const item = uniqueId('item');
    const first = level({ itemId: item, movementQuantity: 10, asOf: new Date('2026-03-01T08:00:00Z') });
    const receipt = level({ itemId: item, movementKind: 'RECEIPT', movementQuantity: 50, asOf: new Date('2026-03-02T09:00:00Z') });
    const second = level({ itemId: item, movementQuantity: 4, asOf: new Date('2026-03-03T15:00:00Z') });
    const third = level({ itemId: item, movementQuantity: 2, asOf: new Date('2026-03-03T18:00:00Z') });
    await kafka.publish(topics.stockLevels, first);
    await kafka.publish(topics.stockLevels, receipt);
    await kafka.publish(topics.stockLevels, second);
    await kafka.publish(topics.stockLevels, first); // redelivery: no second effect
    await kafka.publish(topics.stockLevels, third);

    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item, { count: 3, settleMs: 2000 });
    expect(forecasts.map((f) => f.value.basedOnMovementId)).toEqual([first.movementId, second.movementId, third.movementId]);
    // 03-01: 10 -> [10]; then 03-03: 4 -> [10, 0, 4]; then 03-03: 4 + 2 -> [10, 0, 6]
    expect(forecasts.map((f) => [f.value.demandPerPeriod, f.value.standardDeviationPerPeriod, f.value.periodsObserved])).toEqual([
      [10, 0, 1],
      [4.666667, 5.033223, 3],
      [5.333333, 5.033223, 3],
    ]);
    expect(forecasts[2].key).toBe(`${buyer}|${site}|${item}`);
    expect(forecasts[2].value).toMatchObject({
      eventId: `${third.eventId}/demand-forecast`,
      buyerId: buyer,
      siteId: site,
      itemId: item,
      unit: 'EA',
      method: 'moving-average-7',
      periodDays: 1,
    });

    const history = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT day::text AS day, quantity::float AS quantity, unit FROM forecasting.consumption_day WHERE buyer_id = $1 AND item_id = $2 ORDER BY day',
      [buyer, item],
    );
    expect(history).toEqual([
      { day: '2026-03-01', quantity: 10, unit: 'EA' },
      { day: '2026-03-03', quantity: 6, unit: 'EA' },
    ]);
  });

  it('averages over 7 days once more than 7 have passed, counting days without consumption as 0', async () => {
    const item = uniqueId('item');
    const days: Array<[string, number]> = [['2026-03-01', 12], ['2026-03-03', 6], ['2026-03-04', 9], ['2026-03-08', 3], ['2026-03-09', 5]];
    for (const [day, quantity] of days) {
      await kafka.publish(topics.stockLevels, level({ itemId: item, movementQuantity: quantity, asOf: new Date(`${day}T12:00:00Z`) }));
    }
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item, { count: 5 });
    // Window 03-03..03-09: 6, 9, 0, 0, 0, 3, 5 (03-01 has left it).
    expect(forecasts[4].value).toMatchObject({ demandPerPeriod: 3.285714, standardDeviationPerPeriod: 3.545621, periodsObserved: 7 });
    // The history since the first consumption travels with it, classified: demand on 5 of 9 days
    // (ADI 1.8 >= 1.32) of steady size (CV² 0.2 < 0.49) is intermittent.
    expect(forecasts[4].value).toMatchObject({ recentDemand: [12, 0, 6, 9, 0, 0, 0, 3, 5], demandClass: 'intermittent' });
  });

  it('serves the latest forecasts: a buyer its own, a supplier those its agreements cover, an operator all', async () => {
    const uncoveredItem = uniqueId('item');
    await kafka.publish(topics.stockLevels, level({ itemId: coveredItem, movementQuantity: 3, asOf: new Date('2026-04-01T10:00:00Z') }));
    await kafka.publish(topics.stockLevels, level({ itemId: coveredItem, movementQuantity: 5, asOf: new Date('2026-04-02T10:00:00Z') }));
    await kafka.publish(topics.stockLevels, level({ itemId: uncoveredItem, movementQuantity: 8, asOf: new Date('2026-04-02T10:00:00Z') }));
    await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === coveredItem, { count: 2 });
    await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === uncoveredItem);

    const ofCovered = await json(await get(`/forecasts?siteId=${site}&itemId=${coveredItem}`, keys.operator));
    expect(ofCovered).toEqual([
      expect.objectContaining({ buyerId: buyer, siteId: site, itemId: coveredItem, demandPerPeriod: 4, periodsObserved: 2, method: 'moving-average-7' }),
    ]);
    const itemsSeenBy = async (key: string) =>
      ((await json(await get(`/forecasts?siteId=${site}`, key))) as Array<{ itemId: string }>).map((f) => f.itemId);
    expect(await itemsSeenBy(keys.buyer)).toEqual(expect.arrayContaining([coveredItem, uncoveredItem]));
    expect(await itemsSeenBy(keys.supplier)).toEqual([coveredItem]);
    expect(await itemsSeenBy(keys.otherSupplier)).toEqual([]);
    expect(await itemsSeenBy(keys.operator)).toEqual(expect.arrayContaining([coveredItem, uncoveredItem]));
  });

  it('answers 401 without an API key and 400 naming the field for a bad filter', async () => {
    expect((await get('/forecasts', null)).status).toBe(401);
    const empty = await get('/forecasts?siteId=', keys.operator);
    expect(empty.status).toBe(400);
    expect((await json(empty)).message).toBe('siteId must not be empty');
    const twice = await get(`/forecasts?itemId=a&itemId=b`, keys.operator);
    expect(twice.status).toBe(400);
    expect((await json(twice)).message).toMatch(/^itemId must be given at most once/);
  });

  it('dead-letters a consumption in another unit than the history, naming the field, and goes on', async () => {
    const item = uniqueId('item');
    await kafka.publish(topics.stockLevels, level({ itemId: item, movementQuantity: 2, asOf: new Date('2026-03-01T10:00:00Z') }));
    const inKilograms = level({ itemId: item, unit: 'KG', movementQuantity: 2, asOf: new Date('2026-03-01T11:00:00Z') });
    await kafka.publish(topics.stockLevels, inKilograms);
    await kafka.publish(topics.stockLevels, level({ itemId: item, movementQuantity: 4, asOf: new Date('2026-03-01T12:00:00Z') }));
    const [dead] = await kafka.waitForRaw('smi.dead-letter.forecasting', (r) => r.headers['smi-event-id'] === inKilograms.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(`rejected: unit is KG but consumption of ${site} x ${item} is kept in EA`);
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item, { count: 2 });
    expect(forecasts[1].value.demandPerPeriod).toBe(6);
  });
});
