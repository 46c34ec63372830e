import { StockLevel, deadLetterTopicOf, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  eventually,
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
  const backtestItem = uniqueId('item');
  const weeklyItem = uniqueId('item');
  const buyerItem = uniqueId('item');
  const backdatedItem = uniqueId('item');
  const agreementId = uniqueId('AGR');
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

  const get = (path: string, key: string | null) => fetch(`${forecasting.baseUrl}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId,
        buyerId: buyer,
        supplierId: supplier,
        lines: [
          { siteId: site, itemId: coveredItem, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
          { siteId: site, itemId: backtestItem, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
          {
            siteId: site,
            itemId: weeklyItem,
            unit: 'EA',
            minimum: 10,
            maximum: 50,
            leadTimeDays: 14,
            packMultiple: 5,
            forecastPeriod: 'week',
          },
          { siteId: site, itemId: buyerItem, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
          { siteId: site, itemId: backdatedItem, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
        ],
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

  it('forecasts a series once per period: first from its open day, then from the days closed when a new one begins; a redelivered level counts once', async () => {
    const item = uniqueId('item');
    const first = level({ itemId: item, movementQuantity: 10, asOf: new Date('2026-03-01T08:00:00Z') });
    const receipt = level({ itemId: item, movementKind: 'RECEIPT', movementQuantity: 50, asOf: new Date('2026-03-02T09:00:00Z') });
    const second = level({ itemId: item, movementQuantity: 4, asOf: new Date('2026-03-03T15:00:00Z') });
    const third = level({ itemId: item, movementQuantity: 2, asOf: new Date('2026-03-03T18:00:00Z') });
    await kafka.publish(topics.stockLevels, first);
    await kafka.publish(topics.stockLevels, receipt);
    await kafka.publish(topics.stockLevels, second);
    await kafka.publish(topics.stockLevels, first); // redelivery: no second effect
    await kafka.publish(topics.stockLevels, third); // same day as second: that period is still open

    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item, { count: 2, settleMs: 2000 });
    expect(forecasts).toHaveLength(2);
    expect(forecasts.map((f) => f.value.basedOnMovementId)).toEqual([first.movementId, second.movementId]);
    // 03-01 open: [10]; then 03-03 begins, closing 03-01 and 03-02: [10, 0]. Too short for a backtest: the combination
    // unscored (median of ADIDA, TSB, IMAPA, SBA and, from two periods, SES: 8 on [10, 0]) and the history's spread.
    expect(
      forecasts.map((f) => [
        f.value.method,
        f.value.demandPerPeriod,
        f.value.standardDeviationPerPeriod,
        f.value.periodsObserved,
        f.value.firstPeriodStart,
      ]),
    ).toEqual([
      ['combination', 10, 0, 1, '2026-03-01'],
      ['combination', 8, 7.071068, 2, '2026-03-03'],
    ]);
    expect(forecasts[1].key).toBe(`${buyer}|${site}|${item}`);
    expect(forecasts[1].value).toMatchObject({
      eventId: `${second.eventId}/demand-forecast`,
      unit: 'EA',
      periodDays: 1,
      methodScore: null,
      agreementId: null,
      recentDemand: [10, 0],
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

  it('forecasts a smooth weekly pattern by the median of the 3 methods that backtest best once the history allows, with its score, the runner-up and the error over the lead time; scores its past forecasts as actuals arrive', async () => {
    // 21 days of a repeating weekly pattern on the agreement's line (daily periods, lead time 2 days): smooth demand with a season.
    const pattern = [6, 8, 7, 9, 5, 2, 1];
    for (let d = 0; d < 22; d++) {
      const asOf = new Date(Date.UTC(2026, 4, 1 + d, 12));
      await kafka.publish(topics.stockLevels, level({ itemId: backtestItem, movementQuantity: pattern[d % 7], asOf }));
    }
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === backtestItem, { count: 22 });
    const latest = forecasts[21].value;
    expect(latest).toMatchObject({
      agreementId,
      periodDays: 1,
      periodsObserved: 21,
      firstPeriodStart: '2026-05-22',
      leadTimePeriods: 2,
      censoredPeriods: 0,
    });
    expect(latest.methodScore).not.toBeNull();
    expect(latest.method).toBe('median-of-best');
    expect(latest.demandClass).toBe('smooth');
    // Scored 12 days ahead whatever the 2-day lead time: 21 closed days are the least that gives 8 origins.
    expect(forecasts[20].value).toMatchObject({ method: 'combination', methodScore: null });
    // Only the methods that can forecast from the first origin's 2 days are compared: the seasonal ones need more.
    expect(
      latest.methodScores
        .slice(1)
        .map((m) => m.method)
        .sort(),
    ).toEqual(['combination', 'naive', 'simple-exponential-smoothing']);
    expect(latest.methodScores[0]).toMatchObject({ method: latest.method, rmsse: latest.methodScore, origins: 8 });
    expect(latest.runnerUpMethod).toBe(latest.methodScores[1].method);
    expect(latest.horizonDemand).toHaveLength(2);
    expect(latest.demandPerPeriod).toBe(latest.horizonDemand[0]);
    // The per-period deviation is the lead-time error spread over its 2 periods, or the whole history's one-step error if more.
    expect(latest.standardDeviationPerPeriod).toBeGreaterThanOrEqual(Math.sqrt(latest.leadTimeErrorVariance! / 2) - 1e-6);
    // A daily line fits its trend methods in full weekly; the first fit is at the first backtest, 21 closed days (05-21).
    const kept = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT period_days, fitted_through::text AS fitted_through, parameters FROM forecasting.fitted_parameters WHERE buyer_id = $1 AND item_id = $2',
      [buyer, backtestItem],
    );
    expect(kept).toEqual([
      {
        period_days: 1,
        fitted_through: '2026-05-21',
        parameters: expect.objectContaining({ 'holt-winters-additive': expect.objectContaining({ seasonLength: 7 }) }),
      },
    ]);

    // Every closed day after the first (05-02 to 05-21) is scored against what was forecast for it the day before.
    const [ofLine] = await kafka.waitFor(
      topics.forecastAccuracy,
      (a) => a.scope === 'SITE_ITEM' && a.itemId === backtestItem && a.throughPeriodStart === '2026-05-21',
    );
    expect(ofLine.value).toMatchObject({ agreementId, periodsScored: 20, censoredPeriodsSkipped: 0, linesScored: 1 });
    expect(ofLine.value.mase).toBeGreaterThan(0);
    const [ofAgreement] = await kafka.waitFor(
      topics.forecastAccuracy,
      (a) => a.scope === 'AGREEMENT' && a.agreementId === agreementId && a.throughPeriodStart === '2026-05-21',
    );
    expect(ofAgreement.key).toBe(agreementId);
    expect(ofAgreement.value.linesScored).toBeGreaterThanOrEqual(1);

    const seenBy = async (key: string) =>
      (await json(await get(`/forecast-accuracy?agreementId=${agreementId}`, key))) as Array<{ scope: string; itemId: string | null }>;
    expect((await seenBy(keys.supplier)).map((a) => [a.scope, a.itemId])).toEqual(
      expect.arrayContaining([
        ['AGREEMENT', null],
        ['SITE_ITEM', backtestItem],
      ]),
    );
    expect(await seenBy(keys.otherSupplier)).toEqual([]);
    expect((await seenBy(keys.buyer)).length).toBeGreaterThanOrEqual(2);
  });

  it('buckets by week where the line says so, and takes a week out of stock as at least the usual demand', async () => {
    // Mondays from 2026-06-01: 10 a week; in the fifth week stock runs out after 3.
    const monday = (week: number, hour = 12) => new Date(Date.UTC(2026, 5, 1 + 7 * week, hour));
    for (let week = 0; week < 4; week++)
      await kafka.publish(topics.stockLevels, level({ itemId: weeklyItem, movementQuantity: 10, onHand: 50, asOf: monday(week) }));
    await kafka.publish(topics.stockLevels, level({ itemId: weeklyItem, movementQuantity: 3, onHand: 0, asOf: monday(4) }));
    await kafka.publish(
      topics.stockLevels,
      level({ itemId: weeklyItem, movementKind: 'RECEIPT', movementQuantity: 60, onHand: 60, asOf: monday(5, 8) }),
    );
    await kafka.publish(topics.stockLevels, level({ itemId: weeklyItem, movementQuantity: 10, onHand: 50, asOf: monday(5) }));
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === weeklyItem, { count: 6 });
    expect(forecasts[5].value).toMatchObject({
      periodDays: 7,
      firstPeriodStart: '2026-07-06',
      censoredPeriods: 1,
      recentDemand: [10, 10, 10, 10, 10],
    });
  });

  const postBuyerForecast = (key: string, body: unknown) =>
    fetch(`${forecasting.baseUrl}/buyer-forecasts`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const actual = Array.from({ length: 40 }, (_, d) => [3, 9, 1, 12, 2, 5, 7][d % 7] + (d % 3));
  const dayAfter = (first: Date, d: number) => new Date(first.getTime() + d * 86_400_000);
  /** Feeds 25 days of the actual demand from `first` and answers the forecast made after the last. */
  const forecastAfter25Days = async (itemId: string, first: Date) => {
    for (let d = 0; d < 25; d++) {
      const asOf = new Date(dayAfter(first, d).getTime() + 12 * 3_600_000);
      await kafka.publish(topics.stockLevels, level({ itemId, movementQuantity: actual[d], asOf }));
    }
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === itemId, { count: 25 });
    return forecasts[24].value;
  };

  it('takes buyer forecasts over REST and Kafka, naming a bad field, and chooses the buyer’s forecast when it proves the most accurate', async () => {
    // The buyer forecasts the 40 days from tomorrow, today: made before each of them began.
    const tomorrow = new Date(`${dayAfter(new Date(), 1).toISOString().slice(0, 10)}T00:00:00Z`);
    const submission = {
      eventId: uniqueId('bf'),
      siteId: site,
      itemId: buyerItem,
      unit: 'EA',
      periodDays: 1,
      firstPeriodStart: tomorrow.toISOString().slice(0, 10),
      quantities: actual,
      submittedAt: new Date().toISOString(),
    };

    const bad = await postBuyerForecast(keys.buyer, { ...submission, periodDays: 30 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toBe('periodDays must be 1 (days) or 7 (weeks from Monday) (got 30)');
    expect((await postBuyerForecast(keys.supplier, submission)).status).toBe(403);
    expect((await postBuyerForecast(keys.buyer, { ...submission, buyerId: 'someone-else' })).status).toBe(403);
    expect((await postBuyerForecast(keys.buyer, submission)).status).toBe(201);
    expect((await postBuyerForecast(keys.buyer, submission)).status).toBe(200); // the same eventId again
    // The same eventId with another body is a conflict the buyer is told about; the kept one stays.
    const rewritten = await postBuyerForecast(keys.buyer, { ...submission, quantities: actual.map((q) => q + 1) });
    expect(rewritten.status).toBe(409);
    expect((await json(rewritten)).message).toBe(`event id ${submission.eventId} was already used by ${buyer} with a different body`);
    // Over Kafka too, and another buyer's forecast under the same id is its own.
    const sameIdOverKafka = { ...submission, buyerId: buyer, quantities: [1], submittedAt: new Date() };
    await kafka.publish(topics.buyerForecasts, sameIdOverKafka);
    await kafka.publish(topics.buyerForecasts, { ...sameIdOverKafka, buyerId: 'other-buyer' });
    const [conflict] = await kafka.waitForRaw(deadLetterTopicOf('forecasting'), (r) => r.headers['smi-event-id'] === submission.eventId);
    expect(conflict.headers[DEAD_LETTER_HEADERS.reason]).toBe(
      `rejected: event id ${submission.eventId} was already used by ${buyer} with a different body`,
    );
    const keptUnder = () =>
      queryDatabase<{ buyer_id: string; quantities: number[] }>(
        process.env.DATABASE_URL!,
        'SELECT buyer_id, quantities FROM forecasting.buyer_forecast WHERE event_id = $1 ORDER BY buyer_id',
        [submission.eventId],
      );
    await eventually(async () => (await keptUnder()).length === 2, 'the other buyer’s forecast kept');
    expect(await keptUnder()).toEqual([
      { buyer_id: buyer, quantities: actual },
      { buyer_id: 'other-buyer', quantities: [1] },
    ]);

    const overKafka = { ...submission, eventId: uniqueId('bf'), buyerId: buyer, quantities: [1, -2], submittedAt: new Date() };
    await kafka.publish(topics.buyerForecasts, overKafka);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('forecasting'), (r) => r.headers['smi-event-id'] === overKafka.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe('rejected: quantities[1] must be a number from 0 to 1,000,000,000 (got -2)');

    const latest = await forecastAfter25Days(buyerItem, tomorrow);
    expect(latest.method).toBe('buyer-forecast');
    expect(latest.firstPeriodStart).toBe(dayAfter(tomorrow, 24).toISOString().slice(0, 10));
    expect(latest.horizonDemand).toEqual(actual.slice(24, 26));
  });

  it('refuses over REST, naming the field, a forecast the agreement does not take or storage could not hold', async () => {
    const forecast = {
      eventId: uniqueId('bf'),
      siteId: site,
      itemId: buyerItem,
      unit: 'EA',
      periodDays: 1,
      firstPeriodStart: '2026-12-01',
      quantities: [1, 2],
    };
    const problemsOf = async (body: unknown) => {
      const response = await postBuyerForecast(keys.buyer, body);
      expect(response.status).toBe(400);
      return (await json(response)).message;
    };
    expect(await problemsOf({ ...forecast, unit: 'KG' })).toBe(
      `unit is KG but agreement ${agreementId} keeps ${site} x ${buyerItem} in EA`,
    );
    const stranger = uniqueId('item');
    expect(await problemsOf({ ...forecast, itemId: stranger })).toBe(
      `siteId ${site} x ${stranger} is not covered by an agreement of ${buyer} in force now`,
    );
    expect(await problemsOf({ ...forecast, quantities: [1, 1e12] })).toBe(
      'quantities[1] must be a number from 0 to 1,000,000,000 (got 1000000000000)',
    );
    expect(await problemsOf({ ...forecast, eventId: 'bf\u0000' })).toBe('eventId must not contain control characters');
  });

  it('counts a backdated buyer forecast as made when it was received: it cannot win a backtest of the days it already saw', async () => {
    // Days of August 2026 already past, forecast exactly, but sent now claiming to be from July.
    const august = new Date('2026-08-01T00:00:00Z');
    const backdated = {
      eventId: uniqueId('bf'),
      siteId: site,
      itemId: backdatedItem,
      unit: 'EA',
      periodDays: 1,
      firstPeriodStart: '2026-08-01',
      quantities: actual,
      submittedAt: '2026-07-31T00:00:00Z',
    };
    expect((await postBuyerForecast(keys.buyer, { ...backdated, submittedAt: '2026-07-31' })).status).toBe(400);
    const kept = await postBuyerForecast(keys.buyer, backdated);
    expect(kept.status).toBe(201);
    const receivedAt = Date.parse((await json(kept)).receivedAt);
    expect(Math.abs(receivedAt - Date.now())).toBeLessThan(60_000);
    const latest = await forecastAfter25Days(backdatedItem, august);
    expect(latest.method).not.toBe('buyer-forecast');
  });

  it('runs the batch on an operator’s request: a series whose period closed without consumption is forecast again', async () => {
    const item = uniqueId('item');
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    await kafka.publish(topics.stockLevels, level({ itemId: item, movementQuantity: 4, asOf: yesterday }));
    await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item);
    const run = (key: string) => fetch(`${forecasting.baseUrl}/forecast-runs`, { method: 'POST', headers: { 'x-api-key': key } });
    expect((await run(keys.buyer)).status).toBe(403);
    const response = await run(keys.operator);
    expect(response.status).toBe(200);
    expect((await json(response)).seriesForecast).toBeGreaterThanOrEqual(1);
    const [again] = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item && f.basedOnMovementId === '');
    expect(again.value.firstPeriodStart).toBe(new Date().toISOString().slice(0, 10));
    expect(again.value.eventId).toMatch(/^forecast-run\//);
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
      expect.objectContaining({
        buyerId: buyer,
        siteId: site,
        itemId: coveredItem,
        demandPerPeriod: 3,
        periodsObserved: 1,
        method: 'combination',
      }),
    ]);
    const itemsSeenBy = async (key: string) =>
      ((await json(await get(`/forecasts?siteId=${site}`, key))) as Array<{ itemId: string }>).map((f) => f.itemId);
    expect(await itemsSeenBy(keys.buyer)).toEqual(expect.arrayContaining([coveredItem, uncoveredItem]));
    const seenBySupplier = await itemsSeenBy(keys.supplier);
    expect(seenBySupplier).toContain(coveredItem);
    expect(seenBySupplier).not.toContain(uncoveredItem);
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
    await kafka.publish(topics.stockLevels, level({ itemId: item, movementQuantity: 4, asOf: new Date('2026-03-02T12:00:00Z') }));
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('forecasting'), (r) => r.headers['smi-event-id'] === inKilograms.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(`rejected: unit is KG but consumption of ${site} x ${item} is kept in EA`);
    // 03-02 closes 03-01, which holds 2: the kilograms were never added.
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item, { count: 2 });
    expect(forecasts[1].value.recentDemand).toEqual([2]);
  });
});
