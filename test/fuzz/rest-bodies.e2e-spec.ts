import { AgreementLine } from '@smi/agreements';
import { deadLetterTopicOf, StockMovement } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  AnsweredCase,
  acceptedCases,
  eventually,
  foldStockMovements,
  FuzzCase,
  fuzzCases,
  fuzzRoute,
  fuzzRuns,
  fuzzSeed,
  FuzzTally,
  hostileBodies,
  hostileNumbers,
  hostileTexts,
  sendTimed,
  KafkaTestClient,
  preview,
  queryDatabase,
  ServiceName,
  ServiceProcess,
  startServiceProcesses,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import fc from 'fast-check';

/**
 * Every POST/PUT body of every service, fuzzed against the running services (real Kafka and
 * Postgres): valid bodies built from the request types mixed with their mutations. No answer
 * may be a 5xx or take over 2 s, every service stays healthy, and what a 2xx accepted is later
 * visible as applied. Prints the counts per route (FUZZ SUMMARY line); FUZZ_SEED and FUZZ_RUNS
 * choose the seed and the number of cases.
 */
describe('fuzzing every request body of every service', () => {
  const seed = fuzzSeed();
  const tally = new FuzzTally(seed);
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const run = uniqueId('fuzz');
  const line = (siteId: string, itemId: string, unit: string): AgreementLine => ({
    siteId,
    itemId,
    unit,
    minimum: 20,
    maximum: 100,
    leadTimeDays: 3,
    packMultiple: 5,
  });
  const lines = [line(`${run}-plant-1`, 'bolt', 'EA'), line(`${run}-plant-1`, 'oil', 'L'), line(`${run}-plant-2`, 'bolt', 'EA')];
  const signed = testAgreement({ agreementId: `${run}-AGR`, buyerId: buyer, supplierId: supplier, lines });
  const toAmend = testAgreement({
    agreementId: `${run}-AGR-amend`,
    buyerId: buyer,
    supplierId: supplier,
    lines: [line(`${run}-plant-3`, 'bolt', 'EA')],
  });
  const toRetire = testAgreement({
    agreementId: `${run}-AGR-retire`,
    buyerId: buyer,
    supplierId: supplier,
    lines: [line(`${run}-plant-4`, 'bolt', 'EA')],
  });
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const baseUrl = (name: ServiceName) => services.find((s) => s.name === name)!.baseUrl;
  const get = async (name: ServiceName, path: string, key: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${baseUrl(name)}${path}`, { headers: { 'x-api-key': key } });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };

  const now = Date.now();
  const DAY = 86_400_000;
  const caseId = fc.uuid().map((u) => `${run}-${u.slice(0, 13)}`);
  const agreedLine = fc.constantFrom(...lines);

  const validMovement = fc
    .record({
      eventId: caseId,
      buyerId: fc.constant(buyer),
      line: agreedLine,
      kind: fc.constantFrom('RECEIPT', 'CONSUMPTION', 'ADJUSTMENT', 'COUNT'),
      quantity: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.5, max: 500, noNaN: true })),
      occurredAt: fc.integer({ min: -7 * DAY, max: 0 }).map((offset) => new Date(now + offset).toISOString()),
      source: fc.constantFrom('erp', 'scanner', undefined),
    })
    .map(({ line: { siteId, itemId, unit }, source, ...movement }) => ({
      ...movement,
      siteId,
      itemId,
      unit,
      ...(source && { source }),
    }));
  const validMovements = fc.oneof(
    { weight: 3, arbitrary: validMovement },
    { weight: 1, arbitrary: fc.array(validMovement, { minLength: 1, maxLength: 4 }).map((movements) => ({ movements })) },
  );

  const monday = (offsetWeeks: number) => {
    const day = new Date(now + offsetWeeks * 7 * DAY);
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  };
  const validBuyerForecast = fc
    .record({
      eventId: caseId,
      line: agreedLine,
      weekly: fc.boolean(),
      offset: fc.integer({ min: -4, max: 4 }),
      quantities: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 30 }),
    })
    .map(({ line: { siteId, itemId, unit }, weekly, offset, ...forecast }) => ({
      ...forecast,
      siteId,
      itemId,
      unit,
      periodDays: weekly ? 7 : 1,
      firstPeriodStart: weekly ? monday(offset) : new Date(now + offset * DAY).toISOString().slice(0, 10),
    }));

  const validTerms = fc
    .record({
      minimum: fc.integer({ min: 0, max: 100 }),
      spread: fc.integer({ min: 0, max: 200 }),
      leadTimeDays: fc.integer({ min: 1, max: 30 }),
      packMultiple: fc.integer({ min: 1, max: 12 }),
    })
    .map(({ minimum, spread, ...terms }) => ({ minimum, maximum: minimum + spread, ...terms }));
  const validAgreement = fc
    .record({
      agreementId: caseId,
      site: caseId,
      terms: validTerms,
      penalty: fc.integer({ min: 0, max: 10_000 }),
      allowed: fc.integer({ min: 0, max: 5 }),
    })
    .map(({ agreementId, site, terms, penalty, allowed }) => ({
      ...testAgreement({
        agreementId,
        buyerId: buyer,
        supplierId: supplier,
        penalties: { allowedStockoutsPerMonth: allowed, penaltyPerStockout: penalty },
        lines: [{ siteId: site, itemId: 'bolt', unit: 'EA', ...terms }],
      }),
      changeReason: 'signed after the fuzz call',
    }));
  const validAmendment = validTerms.map((terms) => ({
    ...toAmend,
    lines: [{ ...toAmend.lines[0], ...terms }],
    changeReason: 'new terms',
  }));
  const validImport = fc
    .array(validAgreement, { minLength: 1, maxLength: 2 })
    .map((agreements) => ({ agreements: agreements.map(({ changeReason: _reason, ...a }) => a) }));
  const validCapacity = fc.record({ periodDays: fc.constantFrom(1, 7, 14, 30), quantityPerPeriod: fc.integer({ min: 0, max: 5_000 }) });
  const validWhatIf = fc.oneof(
    fc.record({
      line: validTerms.map((terms) => ({ siteId: 's', itemId: 'i', unit: 'EA', ...terms })),
      demand: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 120 }),
      bucketDays: fc.constantFrom(1, 7, 30),
    }),
    fc.record({
      agreementId: fc.constant(signed.agreementId),
      siteId: fc.constant(lines[0].siteId),
      itemId: fc.constant(lines[0].itemId),
      demand: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 120 }),
      bucketDays: fc.constantFrom(1, 7),
      scenarios: fc.constant([{ name: 'as signed' }, { name: 'longer lead time', lineOverrides: { leadTimeDays: 10 } }]),
    }),
  );
  const reason = fc.record({ reason: fc.string({ minLength: 1, maxLength: 80 }) });
  const anything = fc.record({ note: fc.string({ maxLength: 20 }) });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    services = await startServiceProcesses(
      ['inventory-ingest', 'forecasting', 'replenishment', 'shipment', 'sla-monitor', 'notification'],
      {
        SMI_AGREEMENTS_FILE: writeAgreementsFile([signed, toAmend, toRetire]),
        SMI_PARTIES_FILE: parties.file,
      },
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await kafka?.disconnect();
    console.log(tally.table());
  });

  const fuzz = (
    route: string,
    service: ServiceName,
    key: string,
    valid: fc.Arbitrary<unknown>,
    defaultRuns: number,
    url: (index: number) => string = () => route.split(' ')[1],
  ): Promise<AnsweredCase[]> => {
    const [method] = route.split(' ');
    const cases: FuzzCase[] = fuzzCases(hostileBodies(valid), seed, fuzzRuns(defaultRuns));
    return fuzzRoute(tally, { route, method, url: (i) => `${baseUrl(service)}${url(i)}`, headers: { 'x-api-key': key } }, cases);
  };
  const expectNoFailures = (route: string) => {
    const failures = tally.failures.filter((f) => f.startsWith(route));
    expect(failures).toEqual([]);
  };
  const expectHealthy = async (name: ServiceName) => {
    const response = await fetch(`${baseUrl(name)}/health`).catch((error: Error) => error);
    expect(response instanceof Response ? response.status : String(response)).toBe(200);
  };

  it('POST /stock-movements: no 5xx or hang, and every accepted movement applied once (on-hand and sequence per site x item)', async () => {
    const route = 'POST /stock-movements';
    const accepted = acceptedCases(await fuzz(route, 'inventory-ingest', keys.buyer, validMovements, 300));
    const sent: StockMovement[] = accepted.flatMap(({ fuzzCase }) => {
      const body = fuzzCase.body as { movements?: unknown[] };
      const items = (Array.isArray(body.movements) ? body.movements : [body]) as Array<Record<string, unknown>>;
      return items.map((m) => ({ ...(m as unknown as StockMovement), occurredAt: new Date(m.occurredAt as string) }));
    });
    const expected = foldStockMovements(sent);
    type Level = { siteId: string; itemId: string; quantity: number; sequence: number };
    let levels: Level[] = [];
    const shown = (siteId: string, itemId: string) => levels.find((l) => l.siteId === siteId && l.itemId === itemId);
    await eventually(
      async () => {
        levels = (await get('inventory-ingest', '/stock-levels', keys.buyer)).body as Level[];
        return [...expected.values()].every((e) => (shown(e.siteId, e.itemId)?.sequence ?? 0) >= e.movements);
      },
      'every accepted movement to show in GET /stock-levels',
      30_000,
    ).catch(() => undefined);
    let missing = 0;
    for (const e of expected.values()) {
      const level = shown(e.siteId, e.itemId);
      missing += e.movements - (level?.sequence ?? 0);
      if (level?.sequence !== e.movements || Math.abs(level.quantity - e.onHand) > 1e-4) {
        tally.fail(
          route,
          `accepted ${e.movements} movement(s) of ${JSON.stringify(e.siteId)} x ${JSON.stringify(e.itemId)} (on-hand ${e.onHand}) but GET /stock-levels shows ${level ? `sequence ${level.sequence}, on-hand ${level.quantity}` : 'nothing'}`,
        );
      }
    }
    if (missing > 0) {
      // Where the accepted movements went: the dead-letter topic says why each was refused after its 202.
      const ids = new Set(sent.map((m) => m.eventId));
      const dead = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => ids.has(r.headers['smi-event-id']), {
        count: missing,
        timeoutMs: 15_000,
        fewerOnTimeout: true,
      });
      for (const record of dead) {
        tally.fail(
          route,
          `accepted ${preview(record.headers['smi-event-id'])}, then dead-lettered: ${record.headers[DEAD_LETTER_HEADERS.reason]}`,
        );
      }
    }
    await expectHealthy('inventory-ingest');
    expectNoFailures(route);
  });

  it('POST /buyer-forecasts: no 5xx or hang, and every accepted forecast kept as sent', async () => {
    const route = 'POST /buyer-forecasts';
    const accepted = acceptedCases(await fuzz(route, 'forecasting', keys.buyer, validBuyerForecast, 200));
    for (const { fuzzCase } of accepted) {
      const body = fuzzCase.body as { eventId: string; quantities: number[] };
      const rows = await queryDatabase(
        process.env.DATABASE_URL!,
        'SELECT quantities FROM forecasting.buyer_forecast WHERE event_id = $1 AND buyer_id = $2',
        [body.eventId, buyer],
      );
      if (rows.length !== 1 || JSON.stringify((rows[0] as { quantities: unknown }).quantities) !== JSON.stringify(body.quantities)) {
        tally.fail(route, `accepted forecast ${JSON.stringify(body.eventId)} is kept as ${JSON.stringify(rows)}`);
      }
    }
    await expectHealthy('forecasting');
    expectNoFailures(route);
  });

  it('POST /forecast-runs: a body is ignored, never a 5xx', async () => {
    await fuzz('POST /forecast-runs', 'forecasting', keys.operator, anything, 20);
    await expectHealthy('forecasting');
    expectNoFailures('POST /forecast-runs');
  });

  /** A proposal as the agreement routes answer it. */
  type Proposal = { proposalId: string; agreementId: string; status: string; awaiting?: string };
  const keyOf = (partyId: string | undefined) => (partyId === buyer ? keys.buyer : partyId === supplier ? keys.supplier : undefined);
  /**
   * What a 2xx on an agreement route promises now that an agreement changes only with both parties' consent: each
   * proposal answered is readable by both parties; once the party it awaits accepts it, the version it makes is
   * readable by both and shows what `shows` expects of it (undefined when it does).
   */
  const appliedOnceAccepted = async (route: string, proposals: Proposal[], shows: (version: unknown) => string | undefined) => {
    for (const proposal of proposals) {
      const about = `proposal ${proposal.proposalId} of agreement ${JSON.stringify(proposal.agreementId)}`;
      for (const [party, key] of [
        ['buyer', keys.buyer],
        ['supplier', keys.supplier],
      ]) {
        const { status } = await get('replenishment', `/agreement-proposals/${encodeURIComponent(proposal.proposalId)}`, key);
        if (status !== 200) tally.fail(route, `answered ${about} but the ${party} reading it gets ${status}`);
      }
      if (proposal.status === 'pending') {
        const key = keyOf(proposal.awaiting);
        if (!key) {
          tally.fail(route, `${about} awaits ${JSON.stringify(proposal.awaiting)}, not the other party`);
          continue;
        }
        const accepting = await fetch(`${baseUrl('replenishment')}/agreement-proposals/${encodeURIComponent(proposal.proposalId)}/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: '{}',
        });
        if (accepting.status !== 200)
          tally.fail(route, `${about}: its acceptance answers ${accepting.status} ${(await accepting.text()).slice(0, 200)}`);
      }
      for (const [party, key] of [
        ['buyer', keys.buyer],
        ['supplier', keys.supplier],
      ]) {
        const { status, body } = await get('replenishment', `/agreements/${encodeURIComponent(proposal.agreementId)}`, key);
        const wrong = status === 200 ? shows(body) : `answers ${status}`;
        if (wrong) tally.fail(route, `${about} accepted, but GET /agreements/{id} by the ${party} ${wrong}`);
      }
    }
  };
  const proposalOf = ({ answer }: AnsweredCase) => JSON.parse(answer.text) as Proposal;
  const anyVersion = () => undefined;

  it('POST /agreements: no 5xx or hang, and every agreement proposed is readable by both parties, and once accepted its version', async () => {
    const route = 'POST /agreements';
    const accepted = acceptedCases(await fuzz(route, 'replenishment', keys.supplier, validAgreement, 200));
    await appliedOnceAccepted(route, accepted.map(proposalOf), anyVersion);
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });

  it('PUT /agreements/{id}: no 5xx or hang, and the last accepted amendment is the version in force', async () => {
    const route = 'PUT /agreements/{id}';
    const answered = await fuzz(route, 'replenishment', keys.supplier, validAmendment, 150, () => `/agreements/${toAmend.agreementId}`);
    const accepted = acceptedCases(answered);
    // A 200 is a version in force now (a proposal awaiting the other party answers otherwise).
    const last = accepted.filter(({ answer }) => answer.status === 200).at(-1);
    if (last) {
      const { body } = await get('replenishment', `/agreements/${toAmend.agreementId}`, keys.supplier);
      const answeredVersion = (JSON.parse(last.answer.text) as { version: number }).version;
      if ((body as { version?: number }).version !== answeredVersion) {
        tally.fail(route, `the last amendment answered version ${answeredVersion}; GET shows ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    await appliedOnceAccepted(route, accepted.filter(({ answer }) => answer.status === 202).map(proposalOf), anyVersion);
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });

  it('POST /agreements/import: no 5xx or hang, and every imported agreement proposed, readable once accepted', async () => {
    const route = 'POST /agreements/import';
    const accepted = acceptedCases(await fuzz(route, 'replenishment', keys.supplier, validImport, 150));
    const proposals = accepted.flatMap(({ answer }) => (JSON.parse(answer.text) as { proposals: Proposal[] }).proposals);
    await appliedOnceAccepted(route, proposals, anyVersion);
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });

  it('POST /agreements/{id}/retire: no 5xx or hang, and a retirement proposed shows once accepted', async () => {
    const route = 'POST /agreements/{id}/retire';
    const accepted = acceptedCases(
      await fuzz(route, 'replenishment', keys.buyer, reason, 60, () => `/agreements/${toRetire.agreementId}/retire`),
    );
    await appliedOnceAccepted(route, accepted.map(proposalOf), (version) =>
      (version as { status?: string }).status === 'retired' ? undefined : `shows ${JSON.stringify(version).slice(0, 300)}`,
    );
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });

  it('PUT /supplier-capacities/{itemId}: no 5xx or hang, and every accepted capacity listed as declared', async () => {
    const route = 'PUT /supplier-capacities/{itemId}';
    const item = (i: number) => `${run}-cap-${i}`;
    const accepted = acceptedCases(
      await fuzz(route, 'replenishment', keys.supplier, validCapacity, 150, (i) => `/supplier-capacities/${item(i)}`),
    );
    const { body } = await get('replenishment', '/supplier-capacities', keys.supplier);
    const listed = body as Array<{ itemId: string; periodDays: number; quantityPerPeriod: number }>;
    for (const { index, fuzzCase } of accepted) {
      const declared = fuzzCase.body as { periodDays: number; quantityPerPeriod: number };
      const row = listed.find((r) => r.itemId === item(index));
      if (row?.periodDays !== declared.periodDays || row.quantityPerPeriod !== declared.quantityPerPeriod) {
        tally.fail(route, `accepted ${JSON.stringify(declared)} for ${item(index)}; listed ${JSON.stringify(row)}`);
      }
    }
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });

  it('POST /capacity-allocations, /orders/{id}/approve, /orders/{id}/reject: a body never gives a 5xx', async () => {
    await fuzz('POST /capacity-allocations', 'replenishment', keys.supplier, anything, 20);
    await fuzz('POST /orders/{id}/approve', 'replenishment', keys.buyer, anything, 30, (i) => `/orders/${run}-order-${i}/approve`);
    await fuzz('POST /orders/{id}/reject', 'replenishment', keys.buyer, reason, 60, (i) => `/orders/${run}-order-${i}/reject`);
    await expectHealthy('replenishment');
    for (const route of ['POST /capacity-allocations', 'POST /orders/{id}/approve', 'POST /orders/{id}/reject']) expectNoFailures(route);
  });

  it('POST /shipments/{id}/dispatch and /deliver: a body never gives a 5xx', async () => {
    await fuzz('POST /shipments/{id}/dispatch', 'shipment', keys.supplier, anything, 30, (i) => `/shipments/${run}-shipment-${i}/dispatch`);
    await fuzz('POST /shipments/{id}/deliver', 'shipment', keys.supplier, anything, 30, (i) => `/shipments/${run}-shipment-${i}/deliver`);
    await expectHealthy('shipment');
    expectNoFailures('POST /shipments/{id}/dispatch');
    expectNoFailures('POST /shipments/{id}/deliver');
  });

  it('PUT /notification-preferences: a body never gives a 5xx', async () => {
    const route = 'PUT /notification-preferences';
    const preference = fc.record({
      rules: fc.option(
        fc.array(fc.constantFrom('STOCKOUT', 'ABOVE_MAX', 'SHIPMENT_LATE', 'PENALTY_RAISED', 'FEED_SILENT'), { maxLength: 5 }),
      ),
      channel: fc.constantFrom('WEBHOOK', 'EMAIL'),
      mode: fc.constantFrom('immediate', 'digest'),
    });
    await fuzz(route, 'notification', keys.buyer, preference, 60);
    await expectHealthy('notification');
    expectNoFailures(route);
  });

  /** A lone surrogate has no UTF-8 form to encode; it is sent raw below. */
  const queryPair = (param: string, value: string): string[] => {
    try {
      return [`${param}=${encodeURIComponent(value)}`];
    } catch {
      return [];
    }
  };

  it('GET query parameters of every service: never a 5xx or a hang', async () => {
    const queried: Array<[ServiceName, string, string[]]> = [
      ['inventory-ingest', '/stock-levels', ['siteId']],
      ['forecasting', '/forecasts', ['siteId', 'itemId']],
      ['forecasting', '/forecast-accuracy', ['agreementId', 'siteId', 'itemId']],
      ['notification', '/notifications', ['status', 'topic', 'channel', 'causedByEventId', 'limit']],
      ['shipment', '/shipments', ['status']],
      ['sla-monitor', '/breaches', ['kind', 'period']],
      ['sla-monitor', '/kpis', ['period']],
      ['replenishment', '/orders', ['status', 'siteId', 'itemId']],
      ['replenishment', '/agreements', ['status']],
      ['replenishment', `/agreements/${signed.agreementId}`, ['version', 'on']],
      ['replenishment', '/capacity-requests', ['status']],
      ['replenishment', '/stock-projections', ['siteId', 'itemId', 'horizonDays']],
    ];
    const values = [...hostileTexts, ...hostileNumbers.filter((n) => typeof n === 'number' || typeof n === 'string').map(String)];
    for (const [service, path, params] of queried) {
      const route = `GET ${path.replace(signed.agreementId, '{id}')} (query)`;
      for (const param of params) {
        const queries = [
          ...values.flatMap((v) => queryPair(param, v)),
          `${param}=%ED%A0%80`,
          `${param}=a&${param}=b`,
          `${param}[x]=1`,
          `${param}[]=1`,
          `${param}=%`,
        ];
        for (const query of queries) {
          const answer = await sendTimed(`${baseUrl(service)}${path}?${query}`, { method: 'GET', headers: { 'x-api-key': keys.operator } });
          tally.record(route, { body: undefined, mutation: `?${query.slice(0, 80)}` }, answer);
        }
      }
      await expectHealthy(service);
    }
    expect(tally.failures.filter((f) => f.startsWith('GET '))).toEqual([]);
  });

  // Last: until simulation work is bounded, one hostile lead time can exhaust the heap of replenishment.
  it('POST /what-if-simulations: no 5xx or hang, and replenishment stays up', async () => {
    const route = 'POST /what-if-simulations';
    await fuzz(route, 'replenishment', keys.buyer, validWhatIf, 200);
    await expectHealthy('replenishment');
    expectNoFailures(route);
  });
});
