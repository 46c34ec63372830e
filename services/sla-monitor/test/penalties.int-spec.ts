import { Penalty, PenaltyDispute, StockLevel, topics } from '@smi/contracts';
import {
  BusinessClockFile,
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
type Json = any;

/**
 * Penalty months closed on the business clock, corrected by late data, and disputed, through a
 * real broker and database. The test drives the clock through SMI_CLOCK_FILE.
 */
describe('sla-monitor penalties and disputes against a real broker and database', () => {
  let monitors: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const clock = new BusinessClockFile();
  // The service rereads the file at most every 100 ms: wait that out, so the next step sees the new moment.
  const setClock = async (iso: string) => {
    clock.set(iso);
    await new Promise((r) => setTimeout(r, 250));
  };

  const one = {
    buyer: uniqueId('buyer'),
    supplier: uniqueId('supplier'),
    agreementId: uniqueId('AGR'),
    site: uniqueId('site'),
    item: uniqueId('coolant'),
  };
  const two = {
    buyer: uniqueId('buyer'),
    supplier: uniqueId('supplier'),
    agreementId: uniqueId('AGR'),
    site: uniqueId('site'),
    item: uniqueId('filter'),
  };
  // A second line of agreement one, quietly in stock, whose facts run later than line one's late level.
  const oneFilter = { ...one, item: uniqueId('filter') };
  const key = { B1: uniqueId('k'), S1: uniqueId('k'), B2: uniqueId('k'), S2: uniqueId('k'), OP: uniqueId('k') };
  type Caller = keyof typeof key;

  const stockoutDaysId = `${one.agreementId}|v1|${one.site}|${one.item}|2026-03|STOCKOUT_DAYS`;
  const beyondAllowanceId = `${one.agreementId}|v1|${one.site}|${one.item}|2026-03|STOCKOUTS_BEYOND_ALLOWANCE`;
  const filterStockoutDaysId = `${one.agreementId}|v1|${one.site}|${oneFilter.item}|2026-03|STOCKOUT_DAYS`;
  const otherStockoutDaysId = `${two.agreementId}|v1|${two.site}|${two.item}|2026-03|STOCKOUT_DAYS`;

  const sequences = new Map<string, number>();
  const level = (pair: typeof one, onHand: number, asOf: string, kind: StockLevel['movementKind'], quantity: number): StockLevel => {
    const sequence = (sequences.get(pair.item) ?? 0) + 1;
    sequences.set(pair.item, sequence);
    return {
      eventId: uniqueId('level'),
      buyerId: pair.buyer,
      siteId: pair.site,
      itemId: pair.item,
      onHand,
      unit: 'EA',
      sequence,
      asOf: new Date(asOf),
      movementId: uniqueId('mv'),
      movementKind: kind,
      movementQuantity: quantity,
      orderReference: null,
    };
  };
  // Line one: stocked out from the 10th 14:00 to the 12th 09:00, three stockout days, one stockout (one allowed).
  const levelsOne = [
    level(one, 20, '2026-03-01T00:00:00Z', 'RECEIPT', 20),
    level(one, -2, '2026-03-10T14:00:00Z', 'CONSUMPTION', 22),
    level(one, 15, '2026-03-12T09:00:00Z', 'RECEIPT', 17),
  ];
  const levelsOneFilter = [
    level(oneFilter, 30, '2026-03-01T00:00:00Z', 'RECEIPT', 30),
    level(oneFilter, 25, '2026-03-31T20:00:00Z', 'CONSUMPTION', 5),
  ];
  // Line two: at zero from the 5th 06:00 to the 6th 12:00, two stockout days.
  const levelsTwo = [
    level(two, 20, '2026-03-01T00:00:00Z', 'RECEIPT', 20),
    level(two, 0, '2026-03-05T06:00:00Z', 'CONSUMPTION', 20),
    level(two, 10, '2026-03-06T12:00:00Z', 'RECEIPT', 10),
  ];

  const publishAll = async (levels: StockLevel[]) => {
    for (const l of levels) await kafka.publish(topics.stockLevels, l);
  };
  const recorded = async (levels: StockLevel[]) => {
    const last = levels.at(-1)!;
    await eventually(async () => {
      const rows = await queryDatabase(
        process.env.DATABASE_URL!,
        'SELECT 1 FROM sla_monitor.stock_level_history WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND sequence = $4',
        [last.buyerId, last.siteId, last.itemId, last.sequence],
      );
      return rows.length === 1;
    }, `level ${last.sequence} of ${last.itemId} recorded`);
  };
  const penaltiesOf = (agreementId: string, count: number, settleMs = 3000) =>
    kafka
      .waitFor(topics.penalties, (p) => p.agreementId === agreementId, { count, settleMs, timeoutMs: 60_000 })
      .then((r) => r.map((x) => x.value));
  const disputeEventsOf = (penaltyId: string, count: number) =>
    kafka.waitFor(topics.penaltyDisputes, (d) => d.penaltyId === penaltyId, { count, settleMs: 1000 }).then((r) => r.map((x) => x.value));

  const monitor = () => monitors[0];
  const send = async (caller: Caller, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${monitor().baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': key[caller], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const penaltyPath = (penaltyId: string) => `/penalties/${encodeURIComponent(penaltyId)}`;

  const env = () => ({
    SMI_AGREEMENTS_FILE: writeAgreementsFile([
      testAgreement({
        agreementId: one.agreementId,
        buyerId: one.buyer,
        supplierId: one.supplier,
        currency: 'EUR',
        validFrom: '2026-03-01',
        validTo: '2026-12-31',
        penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
        lines: [one.item, oneFilter.item].map((itemId) => ({
          siteId: one.site,
          itemId,
          unit: 'EA',
          minimum: 5,
          maximum: 40,
          leadTimeDays: 2,
          packMultiple: 1,
          penalties: { perStockoutDay: 50 },
        })),
      }),
      testAgreement({
        agreementId: two.agreementId,
        buyerId: two.buyer,
        supplierId: two.supplier,
        currency: 'USD',
        validFrom: '2026-03-01',
        validTo: '2026-12-31',
        penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 100 },
        lines: [
          {
            siteId: two.site,
            itemId: two.item,
            unit: 'EA',
            minimum: 5,
            maximum: 40,
            leadTimeDays: 2,
            packMultiple: 1,
            penalties: { perStockoutDay: 40 },
          },
        ],
      }),
    ]),
    SMI_PARTIES_FILE: writePartiesFile([
      { id: one.buyer, kind: 'buyer', name: 'Buyer one', apiKey: key.B1 },
      { id: one.supplier, kind: 'supplier', name: 'Supplier one', apiKey: key.S1 },
      { id: two.buyer, kind: 'buyer', name: 'Buyer two', apiKey: key.B2 },
      { id: two.supplier, kind: 'supplier', name: 'Supplier two', apiKey: key.S2 },
      { id: uniqueId('operator'), kind: 'operator', name: 'Operator', apiKey: key.OP },
    ]),
    SMI_CLOCK_FILE: clock.path,
    SMI_PERIOD_CLOSE_SWEEP_MS: '300',
    SMI_PERIOD_CLOSE_GRACE_HOURS: '24',
  });
  let serviceEnv: ReturnType<typeof env>;

  beforeAll(async () => {
    await setClock('2026-03-05T00:00:00Z');
    kafka = new KafkaTestClient();
    serviceEnv = env();
    // Two instances sweep the same months: each month must still close once. The second starts
    // once the first has migrated the database.
    monitors = [await startServiceProcess('sla-monitor', serviceEnv, { timeoutMs: 120_000 })];
    monitors.push(await startServiceProcess('sla-monitor', serviceEnv, { timeoutMs: 120_000 }));
  });

  afterAll(async () => {
    await Promise.all(monitors.map((m) => m.stop()));
    await kafka?.disconnect();
  });

  it('closes March once, at April 1st plus the grace, with the penalties the stock record implies', async () => {
    await publishAll([...levelsOne, ...levelsOneFilter, ...levelsTwo]);
    await recorded(levelsOne);
    await recorded(levelsOneFilter);
    await recorded(levelsTwo);
    // One second before the close moment nothing is due.
    await setClock('2026-04-01T23:59:59Z');
    expect(
      await kafka.waitFor(topics.penalties, (p) => p.agreementId === one.agreementId, { timeoutMs: 2000, fewerOnTimeout: true }),
    ).toEqual([]);

    await setClock('2026-04-02T00:00:00Z');
    const [closed] = await penaltiesOf(one.agreementId, 1);
    expect(closed).toEqual({
      eventId: `${stockoutDaysId}/r1`,
      penaltyId: stockoutDaysId,
      revision: 1,
      correctsEventId: null,
      agreementId: one.agreementId,
      agreementVersion: 1,
      buyerId: one.buyer,
      supplierId: one.supplier,
      siteId: one.site,
      itemId: one.item,
      rule: 'STOCKOUT_DAYS',
      period: '2026-03',
      // The 10th (from 14:00), the 11th and the 12th (until 09:00): 3 x 50 = 150.
      quantity: 3,
      rate: 50,
      amount: 150,
      difference: 150,
      currency: 'EUR',
      computedAt: new Date('2026-04-02T00:00:00Z'),
      explanation: '3 stockout days x 50.00 EUR = 150.00 EUR',
      evidence: expect.any(Array),
    });
    expect(closed.evidence.filter((e) => e.kind === 'STOCKOUT_DAY').map((e) => e.id)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(closed.evidence).toContainEqual(expect.objectContaining({ kind: 'STOCK_LEVEL', id: levelsOne[1].eventId, quantity: -2 }));
    const [other] = await penaltiesOf(two.agreementId, 1);
    expect(other).toMatchObject({ penaltyId: otherStockoutDaysId, quantity: 2, rate: 40, amount: 80, currency: 'USD' });
    const closings = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT period FROM sla_monitor.period_closings WHERE agreement_id = $1',
      [one.agreementId],
    );
    expect(closings).toEqual([{ period: '2026-03' }]);
  });

  it('changes nothing when the sweep runs again after a restart', async () => {
    await Promise.all(monitors.map((m) => m.stop()));
    monitors = [await startServiceProcess('sla-monitor', serviceEnv)];
    await new Promise((r) => setTimeout(r, 2000));
    expect((await penaltiesOf(one.agreementId, 1)).map((p) => p.eventId)).toEqual([`${stockoutDaysId}/r1`]);
  });

  it('corrects the closed month when a late level arrives, referencing the first event with the difference', async () => {
    // Reported after the close: on-hand fell to -1 at 18:00 on the 31st, a fourth stockout day and a second stockout.
    // (The other line's facts reach 20:00 that day: the late level is still new for its own line.)
    const late = level(one, -1, '2026-03-31T18:00:00Z', 'CONSUMPTION', 16);
    levelsOne.push(late);
    await setClock('2026-04-03T10:00:00Z');
    await publishAll([late]);
    const events = await penaltiesOf(one.agreementId, 3);
    expect(events.slice(1)).toHaveLength(2);
    expect(events.slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventId: `${beyondAllowanceId}/r1`,
          revision: 1,
          correctsEventId: null,
          // Two stockouts begun, one allowed: 1 x 250.
          quantity: 1,
          amount: 250,
          difference: 250,
          computedAt: new Date('2026-04-03T10:00:00Z'),
        }),
        expect.objectContaining({
          eventId: `${stockoutDaysId}/r2`,
          revision: 2,
          correctsEventId: `${stockoutDaysId}/r1`,
          quantity: 4,
          amount: 200,
          difference: 50,
        }),
      ]),
    );
  });

  it('corrects the closed month for a movement reported late with a time before the facts already known', async () => {
    // The filter line's last March level was 25 at 20:00 on the 31st; a consumption of 30 dated 10:00 that
    // day is reported after the close. It takes effect after the level before it (20:00): -5, a stockout day.
    const backdated = level(oneFilter, -5, '2026-03-31T10:00:00Z', 'CONSUMPTION', 30);
    levelsOneFilter.push(backdated);
    await publishAll([backdated]);
    const events = await penaltiesOf(one.agreementId, 4);
    expect(events[3]).toMatchObject({
      eventId: `${filterStockoutDaysId}/r1`,
      correctsEventId: null,
      quantity: 1,
      rate: 50,
      amount: 50,
      difference: 50,
      explanation: '1 stockout day x 50.00 EUR = 50.00 EUR',
    });
    expect(events[3].evidence).toContainEqual(expect.objectContaining({ kind: 'STOCK_LEVEL', id: backdated.eventId, quantity: -5 }));
  });

  it('changes nothing when every event of the month is delivered again', async () => {
    await publishAll([...levelsOne, ...levelsOneFilter]);
    // A new April level after the replayed ones: once it is recorded, so are they.
    const april = level(one, 10, '2026-04-01T10:00:00Z', 'RECEIPT', 11);
    await publishAll([april]);
    await recorded([april]);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await penaltiesOf(one.agreementId, 4)).map((p) => p.eventId)).toHaveLength(4);
  });

  it('runs a dispute to acceptance: the supplier contests, the buyer credits', async () => {
    const path = `${penaltyPath(stockoutDaysId)}/disputes`;
    expect(await send('B1', 'POST', path, { reason: 'mine' })).toMatchObject({ status: 403 });
    expect(await send('S2', 'POST', path, { reason: 'not mine' })).toMatchObject({ status: 404 });
    expect(await send('OP', 'POST', path, { reason: 'operator' })).toMatchObject({ status: 404 });
    const noReason = await send('S1', 'POST', path, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');

    await setClock('2026-04-04T09:00:00Z');
    const opened = await send('S1', 'POST', path, { reason: 'the site refused our truck on the 10th' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ penaltyId: stockoutDaysId, penaltyEventId: `${stockoutDaysId}/r2`, status: 'open', amount: 200 });
    const disputePath = `/disputes/${opened.body.disputeId}`;
    expect(await send('S1', 'POST', path, { reason: 'again' })).toMatchObject({ status: 409 });
    expect(await send('S1', 'POST', `${disputePath}/accept`, {})).toMatchObject({ status: 403 });
    expect(await send('B2', 'POST', `${disputePath}/accept`, {})).toMatchObject({ status: 404 });
    expect(await send('OP', 'POST', `${disputePath}/accept`, {})).toMatchObject({ status: 404 });

    await setClock('2026-04-06T15:00:00Z');
    const accepted = await send('B1', 'POST', `${disputePath}/accept`, { reason: 'our gate log confirms it' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', credited: 200, decidedBy: one.buyer });
    expect(accepted.body.steps.map((s: Json) => s.step)).toEqual(['OPENED', 'ACCEPTED']);
    expect(await send('B1', 'POST', `${disputePath}/reject`, { reason: 'changed my mind' })).toMatchObject({ status: 409 });

    const events: PenaltyDispute[] = await disputeEventsOf(stockoutDaysId, 2);
    expect(events.map((e) => [e.eventId, e.step, e.by, e.amount, e.at.toISOString()])).toEqual([
      [`${opened.body.disputeId}/OPENED`, 'OPENED', one.supplier, 200, '2026-04-04T09:00:00.000Z'],
      [`${opened.body.disputeId}/ACCEPTED`, 'ACCEPTED', one.buyer, 200, '2026-04-06T15:00:00.000Z'],
    ]);

    const seenByBuyer = await send('B1', 'GET', penaltyPath(stockoutDaysId));
    expect(seenByBuyer.body).toMatchObject({ revision: 2, amount: 200, credited: 200, due: 0 });
    expect(seenByBuyer.body.revisions.map((r: Penalty) => r.eventId)).toEqual([`${stockoutDaysId}/r1`, `${stockoutDaysId}/r2`]);
    expect(seenByBuyer.body.disputes).toHaveLength(1);
  });

  it('runs a dispute to rejection: the buyer says why, the penalty stands', async () => {
    const opened = await send('S1', 'POST', `${penaltyPath(beyondAllowanceId)}/disputes`, {
      reason: 'the second stockout was a count error',
    });
    expect(opened.status).toBe(201);
    const disputePath = `/disputes/${opened.body.disputeId}`;
    const noReason = await send('B1', 'POST', `${disputePath}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    const rejected = await send('B1', 'POST', `${disputePath}/reject`, { reason: 'the count was audited' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', credited: null, decisionReason: 'the count was audited' } });
    const events = await disputeEventsOf(beyondAllowanceId, 2);
    expect(events.map((e) => [e.step, e.reason, e.amount])).toEqual([
      ['OPENED', 'the second stockout was a count error', 250],
      ['REJECTED', 'the count was audited', 250],
    ]);
    expect((await send('S1', 'GET', penaltyPath(beyondAllowanceId))).body).toMatchObject({ amount: 250, credited: 0, due: 250 });
  });

  it('shows each party its own penalties and disputes, an operator every penalty but no dispute', async () => {
    const ids = async (caller: Caller, path: string) => ((await send(caller, 'GET', path)).body as Json[]).map((p) => p.penaltyId).sort();
    const ones = [stockoutDaysId, beyondAllowanceId, filterStockoutDaysId].sort();
    expect(await ids('B1', '/penalties?period=2026-03')).toEqual(ones);
    expect(await ids('S1', `/penalties?agreementId=${one.agreementId}`)).toEqual(ones);
    expect(await ids('B2', '/penalties?period=2026-03')).toEqual([otherStockoutDaysId]);
    expect(await ids('S2', `/penalties?agreementId=${one.agreementId}`)).toEqual([]);
    expect(await ids('OP', '/penalties?period=2026-03')).toEqual(
      expect.arrayContaining([stockoutDaysId, beyondAllowanceId, otherStockoutDaysId]),
    );
    expect((await send('B1', 'GET', '/penalties?period=March')).status).toBe(400);

    expect((await send('B2', 'GET', penaltyPath(stockoutDaysId))).status).toBe(404);
    expect((await send('S2', 'GET', penaltyPath(stockoutDaysId))).status).toBe(404);
    const seenByOperator = await send('OP', 'GET', penaltyPath(stockoutDaysId));
    expect(seenByOperator.status).toBe(200);
    expect(seenByOperator.body).toMatchObject({ credited: 200, due: 0 });
    expect(seenByOperator.body).not.toHaveProperty('disputes');

    expect((await send('B1', 'GET', '/disputes?status=rejected')).body.map((d: Json) => d.penaltyId)).toEqual([beyondAllowanceId]);
    expect((await send('S1', 'GET', '/disputes')).body).toHaveLength(2);
    expect((await send('S2', 'GET', '/disputes')).body).toEqual([]);
    expect((await send('OP', 'GET', '/disputes')).body).toEqual([]);
    expect((await send('B1', 'GET', '/disputes?status=closed')).status).toBe(400);
  });
});
