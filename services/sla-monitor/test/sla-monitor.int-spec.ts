import { deadLetterTopicOf, SlaBreach, StockLevel, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('sla-monitor against a real broker and database', () => {
  let monitor: ServiceProcess;
  let kafka: KafkaTestClient;
  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const otherBuyer = uniqueId('buyer');
  const otherSupplier = uniqueId('supplier');
  const agreementId = uniqueId('AGR');
  const otherAgreementId = uniqueId('AGR');
  const site = uniqueId('site');
  const item = {
    runs: uniqueId('item-runs'),
    redelivered: uniqueId('item-redelivered'),
    stale: uniqueId('item-stale'),
    malformed: uniqueId('item-malformed'),
    monthEnd: uniqueId('item-month-end'),
    quiet: uniqueId('item-quiet'),
    other: uniqueId('item-other'),
  };
  const key = {
    buyer: uniqueId('k'),
    supplier: uniqueId('k'),
    otherBuyer: uniqueId('k'),
    otherSupplier: uniqueId('k'),
    operator: uniqueId('k'),
  };
  const line = (itemId: string) => ({ siteId: site, itemId, unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 });

  let sequence = 0;
  const level = (itemId: string, onHand: number, asOf: string, overrides: Partial<StockLevel> = {}): StockLevel => ({
    eventId: uniqueId('level'),
    buyerId: buyer,
    siteId: site,
    itemId,
    onHand,
    unit: 'EA',
    sequence: ++sequence,
    asOf: new Date(asOf),
    movementId: uniqueId('mv'),
    movementKind: 'CONSUMPTION',
    movementQuantity: 1,
    orderReference: null,
    ...overrides,
  });

  const publishAll = async (levels: StockLevel[]) => {
    for (const l of levels) await kafka.publish(topics.stockLevels, l);
  };
  const breachesOf = async (itemId: string, count: number): Promise<SlaBreach[]> =>
    (await kafka.waitFor(topics.slaBreaches, (b) => b.siteId === site && b.itemId === itemId, { count, settleMs: 3000 })).map(
      (r) => r.value,
    );
  const get = (path: string, apiKey: string | null) =>
    fetch(`${monitor.baseUrl}${path}`, { headers: apiKey ? { 'x-api-key': apiKey } : {} });

  beforeAll(async () => {
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId,
        buyerId: buyer,
        supplierId: supplier,
        currency: 'EUR',
        penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
        lines: [item.runs, item.redelivered, item.stale, item.malformed, item.monthEnd, item.quiet].map(line),
      }),
      testAgreement({
        agreementId: otherAgreementId,
        buyerId: otherBuyer,
        supplierId: otherSupplier,
        currency: 'USD',
        penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 40 },
        lines: [line(item.other)],
      }),
    ]);
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: key.otherBuyer },
      { id: otherSupplier, kind: 'supplier', name: 'Another supplier', apiKey: key.otherSupplier },
      { id: 'test-operator', kind: 'operator', name: 'Operator', apiKey: key.operator },
    ]);
    kafka = new KafkaTestClient();
    monitor = await startServiceProcess('sla-monitor', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: partiesFile });
  });

  afterAll(async () => {
    await monitor?.stop();
    await kafka?.disconnect();
  });

  it('turns levels 5 → 0 → 0 → 3 → -2 into two stockouts, numbered in the month, claiming no money (penalties come when the month closes)', async () => {
    const levels = [
      level(item.runs, 5, '2026-03-02T08:00:00Z'),
      level(item.runs, 0, '2026-03-03T08:00:00Z'),
      level(item.runs, 0, '2026-03-04T08:00:00Z'),
      level(item.runs, 3, '2026-03-05T08:00:00Z'),
      level(item.runs, -2, '2026-03-06T08:00:00Z'),
    ];
    await publishAll(levels);
    const breaches = await breachesOf(item.runs, 2);
    expect(breaches.map((b) => [b.kind, b.stockoutsInPeriod, b.penaltyAmount, b.stockLevelEventId])).toEqual([
      ['STOCKOUT', 1, 0, levels[1].eventId],
      ['STOCKOUT', 2, 0, levels[4].eventId],
    ]);
    expect(breaches[1]).toEqual({
      eventId: `${levels[4].eventId}/stockout`,
      kind: 'STOCKOUT',
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: item.runs,
      occurredAt: new Date('2026-03-06T08:00:00Z'),
      period: '2026-03',
      stockoutsInPeriod: 2,
      allowedStockoutsPerPeriod: 1,
      penaltyAmount: 0,
      currency: 'EUR',
      stockLevelEventId: levels[4].eventId,
    });
    const [record] = await kafka.waitFor(topics.slaBreaches, (b) => b.eventId === breaches[1].eventId);
    expect(record.key).toBe(agreementId);
  });

  it('changes nothing when a level is redelivered', async () => {
    const empty = level(item.redelivered, 0, '2026-03-10T08:00:00Z');
    const refilled = level(item.redelivered, 4, '2026-03-11T08:00:00Z');
    const emptyAgain = level(item.redelivered, 0, '2026-03-12T08:00:00Z');
    await publishAll([empty, empty, refilled, empty, emptyAgain, emptyAgain]);
    const breaches = await breachesOf(item.redelivered, 2);
    expect(breaches.map((b) => [b.kind, b.stockoutsInPeriod, b.stockLevelEventId])).toEqual([
      ['STOCKOUT', 1, empty.eventId],
      ['STOCKOUT', 2, emptyAgain.eventId],
    ]);
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM sla_monitor.sla_breaches WHERE item_id = $1',
      [item.redelivered],
    );
    expect(rows).toEqual([{ n: 2 }]);
    // The history keeps each level once, by its sequence.
    const kept = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT event_id AS "eventId" FROM sla_monitor.stock_level_history WHERE item_id = $1 ORDER BY sequence',
      [item.redelivered],
    );
    expect(kept).toEqual([empty, refilled, emptyAgain].map(({ eventId }) => ({ eventId })));
    // The watch's sequence makes the repeats harmless: no inbox row is written per stock level.
    const claimed = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM sla_monitor.inbox WHERE event_id = ANY($1)',
      [[empty.eventId, refilled.eventId, emptyAgain.eventId]],
    );
    expect(claimed).toEqual([{ n: 0 }]);
  });

  it('dead-letters a malformed level, naming the fields, and watches the levels around it', async () => {
    const before = level(item.malformed, 2, '2026-03-14T08:00:00Z');
    const malformed = level(item.malformed, 0, '2026-03-15T08:00:00Z', { sequence: 0, siteId: '' });
    const after = level(item.malformed, 0, '2026-03-16T08:00:00Z');
    await publishAll([before, malformed, after]);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('sla-monitor'), (r) => r.headers['smi-event-id'] === malformed.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(
      'rejected: siteId is required and must be a non-empty string; sequence must be a whole number from 1 to 9,007,199,254,740,991 (got 0)',
    );
    const breaches = await breachesOf(item.malformed, 1);
    expect(breaches.map((b) => [b.kind, b.stockoutsInPeriod, b.stockLevelEventId])).toEqual([['STOCKOUT', 1, after.eventId]]);
  });

  it('ignores a level older than one already applied', async () => {
    const newer = level(item.stale, 10, '2026-03-02T08:00:00Z', { sequence: 30 });
    const older = level(item.stale, 0, '2026-03-01T08:00:00Z', { sequence: 29 });
    const sameSequence = level(item.stale, 0, '2026-03-02T09:00:00Z', { sequence: 30 });
    const next = level(item.stale, 0, '2026-03-03T08:00:00Z', { sequence: 31 });
    await publishAll([newer, older, sameSequence, next]);
    const breaches = await breachesOf(item.stale, 1);
    expect(breaches.map((b) => [b.kind, b.stockoutsInPeriod, b.stockLevelEventId])).toEqual([['STOCKOUT', 1, next.eventId]]);
    const watch = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT last_sequence::int AS "lastSequence", stocked_out AS "stockedOut" FROM sla_monitor.stockout_watch WHERE item_id = $1',
      [item.stale],
    );
    expect(watch).toEqual([{ lastSequence: 31, stockedOut: true }]);
  });

  it('counts stockouts per calendar month: one on 31 January and one on 1 February are both within the allowance', async () => {
    await publishAll([
      level(item.monthEnd, 0, '2026-01-31T23:59:00Z'),
      level(item.monthEnd, 2, '2026-01-31T23:59:30Z'),
      level(item.monthEnd, 0, '2026-02-01T00:00:00Z'),
    ]);
    const breaches = await breachesOf(item.monthEnd, 2);
    expect(breaches.map((b) => [b.kind, b.period, b.stockoutsInPeriod, b.penaltyAmount])).toEqual([
      ['STOCKOUT', '2026-01', 1, 0],
      ['STOCKOUT', '2026-02', 1, 0],
    ]);
  });

  it('yields nothing for a site x item without an agreement line in force', async () => {
    const uncovered = uniqueId('item-uncovered');
    await publishAll([
      level(uncovered, 0, '2026-03-05T08:00:00Z'),
      level(uncovered, 3, '2026-03-06T08:00:00Z'),
      level(uncovered, -1, '2026-03-07T08:00:00Z'),
      // Covered site x item, but on a day the agreement is not in force.
      level(item.quiet, 0, '2031-06-01T08:00:00Z'),
      // A covered line as a marker that the monitor is reading.
      level(item.other, 0, '2026-03-05T08:00:00Z', { buyerId: otherBuyer }),
    ]);
    const seen = await kafka.waitFor(
      topics.slaBreaches,
      (b) => b.siteId === site && [uncovered, item.quiet, item.other].includes(b.itemId),
      { count: 1, settleMs: 3000 },
    );
    expect(seen.map((r) => [r.value.itemId, r.value.kind])).toEqual([[item.other, 'STOCKOUT']]);
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM sla_monitor.stockout_watch WHERE item_id = ANY($1)',
      [[uncovered, item.quiet]],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('lists breaches by kind and period, each party seeing only its own agreements', async () => {
    await breachesOf(item.runs, 2);
    const stockouts = async (apiKey: string) => {
      const response = await get('/breaches?kind=STOCKOUT&period=2026-03', apiKey);
      expect(response.status).toBe(200);
      return (await json(response)) as Array<{ agreementId: string; itemId: string; kind: string }>;
    };
    const ours = await stockouts(key.buyer);
    expect(new Set(ours.map((b) => b.itemId))).toEqual(new Set([item.redelivered, item.runs, item.stale, item.malformed]));
    expect(ours.every((b) => b.kind === 'STOCKOUT' && b.agreementId === agreementId)).toBe(true);
    expect((await stockouts(key.supplier)).length).toBe(ours.length);
    expect((await stockouts(key.otherBuyer)).map((b) => b.itemId)).toEqual([item.other]);
    expect((await stockouts(key.operator)).map((b) => b.itemId)).toEqual(expect.arrayContaining([item.runs, item.other]));
    // Penalties are no longer stockout breaches: they come when a month closes, on their own topic.
    expect(await json(await get('/breaches?kind=PENALTY', key.operator))).toEqual([]);

    const january = await json(await get('/breaches?period=2026-01', key.buyer));
    expect(january.map((b: SlaBreach) => [b.itemId, b.kind])).toEqual([[item.monthEnd, 'STOCKOUT']]);
    const theirs = await json(await get('/breaches', key.otherSupplier));
    expect(theirs.map((b: SlaBreach) => b.itemId)).toEqual([item.other]);

    const badKind = await get('/breaches?kind=FINE', key.operator);
    expect(badKind.status).toBe(400);
    expect((await json(badKind)).message).toBe('kind must be one of STOCKOUT, PENALTY');
    const badPeriod = await get('/breaches?period=2026-3', key.operator);
    expect(badPeriod.status).toBe(400);
    expect((await json(badPeriod)).message).toMatch(/^period must be YYYY-MM/);
    expect((await get('/breaches', null)).status).toBe(401);
  });
});
