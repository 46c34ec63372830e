import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Agreement } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import {
  eventually,
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const DAY_MS = 86_400_000;
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const today = Math.floor(Date.now() / DAY_MS);
/** Monday of this week (1970-01-05 was a Monday). */
const thisMonday = 4 + Math.floor((today - 4) / 7) * 7;
const repoFile = (path: string) => readFileSync(resolve(__dirname, '../../..', path), 'utf8');

describe('consumption history backfill against a real broker and database', () => {
  let forecasting: ServiceProcess;
  let kafka: KafkaTestClient;
  const buyer = uniqueId('buyer');
  const otherBuyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const keys = { buyer: uniqueId('key'), otherBuyer: uniqueId('key'), supplier: uniqueId('key') };
  const site = uniqueId('site');
  const weeklyItem = uniqueId('item');
  const censoredItem = uniqueId('item');
  const dailyItem = uniqueId('item');
  const fileItem = uniqueId('item');
  const agreementId = uniqueId('AGR');

  const post = (path: string, key: string, body: unknown) =>
    fetch(`${forecasting.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const postFile = (key: string, csv: string) =>
    fetch(`${forecasting.baseUrl}/consumption-history-files`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'text/csv' },
      body: csv,
    });
  const daysOf = (itemId: string) =>
    queryDatabase<{ day: string; quantity: number; backfilled: boolean; stocked_out: boolean }>(
      process.env.DATABASE_URL!,
      `SELECT day::text AS day, quantity::float8 AS quantity, backfilled, stocked_out FROM forecasting.consumption_day
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 ORDER BY day`,
      [buyer, site, itemId],
    );

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const parties = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: keys.buyer },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: keys.otherBuyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: keys.supplier },
    ]);
    const line = { siteId: site, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 };
    const agreements = writeAgreementsFile([
      testAgreement({
        agreementId,
        buyerId: buyer,
        supplierId: supplier,
        lines: [
          { ...line, itemId: weeklyItem, leadTimeDays: 14, forecastPeriod: 'week' },
          { ...line, itemId: censoredItem, leadTimeDays: 14, forecastPeriod: 'week' },
          { ...line, itemId: dailyItem },
          { ...line, itemId: fileItem },
        ],
      }),
      // The demo's seed lines, for this test's buyer: the sample file in deploy/samples must go in whole.
      testAgreement({ agreementId: uniqueId('AGR'), buyerId: buyer, supplierId: supplier, lines: seedAgreement().lines }),
    ]);
    forecasting = await startServiceProcess('forecasting', { SMI_AGREEMENTS_FILE: agreements, SMI_PARTIES_FILE: parties });
  });

  afterAll(async () => {
    await forecasting?.stop();
    await kafka?.disconnect();
  });

  it('forecasts from two years of daily history the day it is sent, and a resend changes nothing', async () => {
    // 104 weeks of days up to last Sunday; each day 3 to 7, a mean of 5 a day, 35 a week.
    const first = thisMonday - 104 * 7;
    const periods = Array.from({ length: 104 * 7 }, (_, d) => ({ start: dayText(first + d), quantity: 3 + ((d * 3) % 5) }));
    const meanPerWeek = (periods.reduce((sum, p) => sum + p.quantity, 0) / periods.length) * 7;
    const body = { siteId: site, itemId: weeklyItem, unit: 'EA', periodDays: 1, periods };

    const sent = await post('/consumption-history', keys.buyer, body);
    expect(sent.status).toBe(200);
    const receipt = await json(sent);
    expect(receipt).toMatchObject({ seriesTaken: 1, daysWritten: 728, daysUnchanged: 0, liveDaysKept: 0 });
    expect(receipt.forecasts).toHaveLength(1);

    const [forecast] = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === weeklyItem, { timeoutMs: 60_000 });
    expect(forecast.value).toMatchObject({
      eventId: receipt.forecasts[0],
      agreementId,
      periodDays: 7,
      firstPeriodStart: dayText(thisMonday),
      censoredPeriods: 0,
    });
    expect(forecast.value.periodsObserved).toBeGreaterThanOrEqual(104);
    expect(forecast.value.methodScore).not.toBeNull(); // backtested over the backfilled weeks
    expect(Math.abs(forecast.value.demandPerPeriod - meanPerWeek) / meanPerWeek).toBeLessThan(0.1);

    const [served] = await json(
      await fetch(`${forecasting.baseUrl}/forecasts?itemId=${weeklyItem}`, { headers: { 'x-api-key': keys.buyer } }),
    );
    expect(served).toMatchObject({ eventId: receipt.forecasts[0], backfilledPeriods: forecast.value.periodsObserved });

    const stored = await daysOf(weeklyItem);
    expect(stored).toHaveLength(728);
    expect(stored.every((d) => d.backfilled && !d.stocked_out)).toBe(true);

    const again = await post('/consumption-history', keys.buyer, body);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ seriesTaken: 1, daysWritten: 0, daysUnchanged: 728, liveDaysKept: 0, forecasts: [] });
    const forecasts = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === weeklyItem, { settleMs: 3000 });
    expect(forecasts.map((f) => f.value.eventId)).toEqual([receipt.forecasts[0]]);
    expect(await daysOf(weeklyItem)).toEqual(stored);
  });

  it('censors a week the buyer flagged out of stock, as a live stock-out is censored', async () => {
    // Five weeks to last Sunday: 10 a week, then a week that ran out after 3 (as the live weekly test has it).
    const first = thisMonday - 5 * 7;
    const periods = [10, 10, 10, 10, 3].map((quantity, w) => ({
      start: dayText(first + 7 * w),
      quantity,
      ...(w === 4 && { stockout: true }),
    }));
    const sent = await post('/consumption-history', keys.buyer, { siteId: site, itemId: censoredItem, unit: 'EA', periodDays: 7, periods });
    expect(sent.status).toBe(200);
    expect(await json(sent)).toMatchObject({ daysWritten: 35 });
    const [forecast] = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === censoredItem);
    expect(forecast.value).toMatchObject({ periodDays: 7, periodsObserved: 5, censoredPeriods: 1, recentDemand: [10, 10, 10, 10, 10] });
    const stored = await daysOf(censoredItem);
    expect(stored.filter((d) => d.stocked_out).map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, d) => dayText(first + 28 + d)));
  });

  it('keeps what the live feed measured on a day already backfilled, through resends and corrections', async () => {
    const first = today - 14;
    const history = (quantity: number) => ({
      siteId: site,
      itemId: dailyItem,
      unit: 'EA',
      periodDays: 1,
      periods: Array.from({ length: 14 }, (_, d) => ({ start: dayText(first + d), quantity })),
    });
    expect((await post('/consumption-history', keys.buyer, history(2))).status).toBe(200);

    const liveDay = first + 5;
    const movementId = uniqueId('mv');
    const level: StockLevel = {
      eventId: `${movementId}/stock-level`,
      buyerId: buyer,
      siteId: site,
      itemId: dailyItem,
      onHand: 40,
      unit: 'EA',
      sequence: 1,
      asOf: new Date(liveDay * DAY_MS + 10 * 3_600_000),
      movementId,
      movementKind: 'CONSUMPTION',
      movementQuantity: 9,
      orderReference: null,
    };
    await kafka.publish(topics.stockLevels, level);
    const dayOf = async (day: number) => (await daysOf(dailyItem)).find((d) => d.day === dayText(day));
    await eventually(async () => (await dayOf(liveDay))?.backfilled === false, 'the live consumption recorded');
    expect(await dayOf(liveDay)).toEqual({ day: dayText(liveDay), quantity: 9, backfilled: false, stocked_out: false });

    expect(await json(await post('/consumption-history', keys.buyer, history(2)))).toMatchObject({
      daysWritten: 0,
      daysUnchanged: 13,
      liveDaysKept: 1,
      forecasts: [],
    });
    const corrected = await json(await post('/consumption-history', keys.buyer, history(3)));
    expect(corrected).toMatchObject({ daysWritten: 13, daysUnchanged: 0, liveDaysKept: 1 });
    expect(corrected.forecasts).toHaveLength(1);
    const stored = await daysOf(dailyItem);
    expect(stored.filter((d) => d.backfilled).map((d) => d.quantity)).toEqual(Array(13).fill(3));
    expect(await dayOf(liveDay)).toMatchObject({ quantity: 9, backfilled: false });
    // The corrected history's forecast: 13 days of 3 and the live 9 over the last 14 closed days.
    const [forecast] = await kafka.waitFor(topics.demandForecasts, (f) => f.eventId === corrected.forecasts[0]);
    expect(forecast.value.recentDemand).toEqual([...Array(5).fill(3), 9, ...Array(8).fill(3)]);
  });

  it('takes a CSV file, reporting each bad row with its line, column, value and reason; a resend changes nothing', async () => {
    const day = (back: number) => dayText(today - back);
    const stranger = uniqueId('item');
    const csv = [
      'siteId,itemId,unit,periodStart,periodDays,quantity,stockout',
      `${site},${fileItem},EA,${day(3)},1,4,false`,
      `${site},${fileItem},EA,${day(2)},1,-2,`,
      `${site},${fileItem},EA,02/03/2026,1,4,`,
      `${site},${stranger},EA,${day(3)},1,4,`,
      `${site},${fileItem},KG,${day(4)},1,4,`,
      `${site},${fileItem},EA,${day(5)},1,1.5,yes`,
      `${site},${fileItem},EA,${day(3)},1,6,`,
      '',
    ].join('\n');
    const response = await postFile(keys.buyer, csv);
    expect(response.status).toBe(200);
    const report = await json(response);
    expect(report).toMatchObject({ rowsRead: 7, rowsAccepted: 2, rowsRejected: 5, daysWritten: 2 });
    expect(report.rejections).toEqual([
      { row: 3, column: 'quantity', value: '-2', reason: 'must be a plain decimal number like 12 or 12.5' },
      { row: 4, column: 'periodStart', value: '02/03/2026', reason: 'must be a day YYYY-MM-DD from 2000 on (got "02/03/2026")' },
      { row: 5, column: 'siteId', value: site, reason: `${site} x ${stranger} is not covered by an agreement of ${buyer} in force now` },
      { row: 6, column: 'unit', value: 'KG', reason: `is KG but agreement ${agreementId} keeps ${site} x ${fileItem} in EA` },
      { row: 8, column: 'periodStart', value: day(3), reason: `covers ${day(3)}, which row 2 covers already` },
    ]);
    expect(await daysOf(fileItem)).toEqual([
      { day: day(5), quantity: 1.5, backfilled: true, stocked_out: true },
      { day: day(3), quantity: 4, backfilled: true, stocked_out: false },
    ]);
    expect(await json(await postFile(keys.buyer, csv))).toMatchObject({ daysWritten: 0, daysUnchanged: 2, forecasts: [] });

    const noQuantity = await postFile(keys.buyer, 'siteId,itemId,unit,periodStart,periodDays\n');
    expect(noQuantity.status).toBe(400);
    expect((await json(noQuantity)).message).toMatch(/^the header lacks quantity/);
  });

  it('takes the sample file of deploy/samples against the demo agreement’s lines whole, forecasting both its site x items', async () => {
    const response = await postFile(keys.buyer, repoFile('deploy/samples/consumption-history.csv'));
    expect(response.status).toBe(200);
    const report = await json(response);
    expect(report).toMatchObject({
      rowsRead: 208,
      rowsAccepted: 208,
      rowsRejected: 0,
      rejections: [],
      seriesTaken: 2,
      daysWritten: 208 * 7,
    });
    expect(report.forecasts).toHaveLength(2);
  });

  it('refuses another buyer (403), a bad field naming it (400), and a site x item without an agreement line or in another unit (422)', async () => {
    const body = { siteId: site, itemId: dailyItem, unit: 'EA', periodDays: 1, periods: [{ start: dayText(today - 1), quantity: 1 }] };
    expect((await post('/consumption-history', keys.otherBuyer, { ...body, buyerId: buyer })).status).toBe(403);
    expect((await post('/consumption-history', keys.supplier, body)).status).toBe(403);
    expect((await postFile(keys.supplier, 'siteId,itemId,unit,periodStart,periodDays,quantity\n')).status).toBe(403);

    // Another buyer's site x item is answered as any the caller has no line for: nobody learns others' ids.
    const asOther = await post('/consumption-history', keys.otherBuyer, body);
    expect(asOther.status).toBe(422);
    expect((await json(asOther)).message).toBe(
      `siteId ${site} x ${dailyItem} is not covered by an agreement of ${otherBuyer} in force now`,
    );

    const bad = await post('/consumption-history', keys.buyer, [body, { ...body, periods: [{ start: dayText(today), quantity: 1 }] }]);
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toBe(
      `[1].periods[0].start must be of a period that ended before today, ${dayText(today)} (got ${dayText(today)})`,
    );

    const inKilograms = await post('/consumption-history', keys.buyer, { ...body, unit: 'KG' });
    expect(inKilograms.status).toBe(422);
    expect((await json(inKilograms)).message).toBe(`unit is KG but agreement ${agreementId} keeps ${site} x ${dailyItem} in EA`);
  });
});

function seedAgreement(): Agreement {
  return (JSON.parse(repoFile('deploy/seed/agreements.json')) as { agreements: Agreement[] }).agreements[0];
}
