import { Agreement, AgreementLine } from '@smi/agreements';
import { AgreementVersion as AgreementVersionEvent, StockMovement, topics } from '@smi/contracts';
import {
  KafkaTestClient,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { eventually } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('agreements API against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer, supplier, otherSupplier, keys } = parties;
  const site = uniqueId('site');
  const line = (itemId: string, overrides: Partial<AgreementLine> = {}): AgreementLine => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 40,
    maximum: 120,
    leadTimeDays: 3,
    packMultiple: 10,
    ...overrides,
  });
  const agreement = (agreementId: string, lines: AgreementLine[], overrides: Partial<Agreement> = {}): Agreement =>
    testAgreement({ agreementId, buyerId: buyer, supplierId: supplier, lines, ...overrides });
  const seeded = agreement(uniqueId('AGR-SEED'), [line(uniqueId('item'))]);

  const call = (method: string, path: string, key: string | null, body?: unknown) =>
    fetch(`${replenishment.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const published = (eventId: string) => kafka.waitFor(topics.agreements, (v) => v.eventId === eventId).then(([record]) => record);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    replenishment = await startServiceProcess('replenishment', {
      SMI_AGREEMENTS_FILE: writeAgreementsFile([seeded]),
      SMI_PARTIES_FILE: parties.file,
    });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it('records the agreements file as version 1 at boot and publishes it, so it reads like any other agreement', async () => {
    const response = await call('GET', `/agreements/${seeded.agreementId}`, keys.buyer);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ version: 1, status: 'active', changedBy: 'seed-file', agreement: seeded });
    const record = await published(`${seeded.agreementId}/v1`);
    expect(record.value).toMatchObject({ agreementId: seeded.agreementId, version: 1, changedBy: 'seed-file' });
  });

  it('creates an agreement: 201, version 1, and its AgreementVersion on the topic keyed by agreement', async () => {
    const created = agreement(uniqueId('AGR'), [
      line(uniqueId('item'), { policy: 'fixed-quantity', fixedOrderQuantity: 60, unitPrice: 2.5 }),
    ]);
    const response = await call('POST', '/agreements', keys.supplier, { ...created, changeReason: 'signed on the phone' });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({
      version: 1,
      status: 'active',
      changedBy: supplier,
      changeReason: 'signed on the phone',
      agreement: created,
    });

    const record = await published(`${created.agreementId}/v1`);
    expect(record.key).toBe(created.agreementId);
    expect(record.value).toMatchObject<Partial<AgreementVersionEvent>>({
      agreementId: created.agreementId,
      version: 1,
      status: 'ACTIVE',
      changedBy: supplier,
      buyerId: buyer,
      supplierId: supplier,
      effectiveFrom: new Date(`${created.validFrom}T00:00:00Z`),
    });
    expect(record.value.lines[0]).toMatchObject({ policy: 'fixed-quantity', fixedOrderQuantity: 60, unitPrice: 2.5, reorderPoint: null });
  });

  it('refuses an invalid agreement with 400 naming each field and rule, and records nothing', async () => {
    const id = uniqueId('AGR');
    const response = await call(
      'POST',
      '/agreements',
      keys.buyer,
      agreement(id, [line('x', { maximum: 5, packMultiple: 0, deliveryWeekdays: ['MON', 'FUNDAY'] as never })]),
    );
    expect(response.status).toBe(400);
    expect((await json(response)).problems).toEqual([
      `${id}: lines[0].maximum must be >= minimum`,
      `${id}: lines[0].packMultiple must be > 0`,
      `${id}: lines[0].deliveryWeekdays[1] must be one of MON..SUN`,
    ]);
    expect((await call('GET', `/agreements/${id}`, keys.buyer)).status).toBe(404);
  });

  it('refuses terms beyond their bounds (lead times of 1e308, 2^53+1 and 3e9 days, a penalty of 1e12, a NUL in an id) with 400 naming each', async () => {
    const id = uniqueId('AGR');
    const response = await call(
      'POST',
      '/agreements',
      keys.buyer,
      agreement(
        id,
        [line('a', { leadTimeDays: 1e308 }), line('b', { leadTimeDays: 2 ** 53 + 1 }), line('c', { leadTimeDays: 3e9 }), line('d\u0000')],
        { penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 1e12 } },
      ),
    );
    expect(response.status).toBe(400);
    expect((await json(response)).problems).toEqual([
      `${id}: penalties.penaltyPerStockout must be at most 1,000,000,000 (got 1000000000000)`,
      `${id}: lines[0].leadTimeDays must be at most 365 (got 1e+308)`,
      `${id}: lines[1].leadTimeDays must be at most 365 (got 9007199254740992)`,
      `${id}: lines[2].leadTimeDays must be at most 365 (got 3000000000)`,
      `${id}: lines[3].itemId must not contain control characters`,
    ]);
    expect((await call('GET', `/agreements/${id}`, keys.buyer)).status).toBe(404);
  });

  it('refuses a second agreement for a buyer site x item another agreement already covers', async () => {
    const rival = agreement(uniqueId('AGR'), [seeded.lines[0]], { supplierId: otherSupplier });
    const response = await call('POST', '/agreements', keys.otherSupplier, rival);
    expect(response.status).toBe(400);
    expect((await json(response)).message).toContain(
      `${rival.agreementId}: lines[0] (site ${site} x item ${seeded.lines[0].itemId}) overlaps agreement ${seeded.agreementId}`,
    );
  });

  it('amends into version 2 with who, when and why; keeps version 1 readable, by number and by date; refuses a stale amend', async () => {
    const item = uniqueId('item');
    const original = agreement(uniqueId('AGR'), [line(item)]);
    expect((await call('POST', '/agreements', keys.supplier, original)).status).toBe(201);
    const before = new Date();

    const amended = { ...original, lines: [line(item, { minimum: 60, maximum: 150 })] };
    const response = await call('PUT', `/agreements/${original.agreementId}`, keys.buyer, {
      ...amended,
      changeReason: 'second shift',
      expectedVersion: 1,
    });
    expect(response.status).toBe(200);
    const v2 = await json(response);
    expect(v2).toMatchObject({ version: 2, status: 'active', changedBy: buyer, changeReason: 'second shift', agreement: amended });
    expect(Date.parse(v2.effectiveFrom)).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const history = await json(await call('GET', `/agreements/${original.agreementId}/versions`, keys.supplier));
    expect(
      history.map((v: { version: number; changedBy: string; changeReason: string }) => [v.version, v.changedBy, v.changeReason]),
    ).toEqual([
      [1, supplier, 'created'],
      [2, buyer, 'second shift'],
    ]);
    expect((await json(await call('GET', `/agreements/${original.agreementId}?version=1`, keys.buyer))).agreement.lines[0].maximum).toBe(
      120,
    );
    expect((await json(await call('GET', `/agreements/${original.agreementId}?on=${before.toISOString()}`, keys.buyer))).version).toBe(1);
    expect((await json(await call('GET', `/agreements/${original.agreementId}`, keys.buyer))).version).toBe(2);

    const stale = await call('PUT', `/agreements/${original.agreementId}`, keys.supplier, {
      ...amended,
      changeReason: 'late edit',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).message).toBe(
      `agreement ${original.agreementId} is at version 2, not the expected 1: read it again and reapply the change`,
    );

    const event = await published(`${original.agreementId}/v2`);
    expect(event.value).toMatchObject({ version: 2, changedBy: buyer, changeReason: 'second shift', changedAt: new Date(v2.changedAt) });
    expect(event.value.lines[0]).toMatchObject({ minimum: 60, maximum: 150 });
  });

  it('shows an agreement to its two parties and operators only', async () => {
    const own = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    expect((await call('POST', '/agreements', keys.buyer, own)).status).toBe(201);
    const listed = async (key: string) =>
      ((await json(await call('GET', '/agreements', key))) as Array<{ agreement: Agreement }>).map((v) => v.agreement.agreementId);
    expect(await listed(keys.buyer)).toEqual(expect.arrayContaining([own.agreementId, seeded.agreementId]));
    expect(await listed(keys.supplier)).toContain(own.agreementId);
    expect(await listed(keys.operator)).toContain(own.agreementId);
    expect(await listed(keys.otherSupplier)).not.toContain(own.agreementId);

    // To anyone else the agreement answers exactly as one that does not exist.
    const peek = await call('GET', `/agreements/${own.agreementId}`, keys.otherSupplier);
    const unknownId = uniqueId('AGR-none');
    const unknown = await call('GET', `/agreements/${unknownId}`, keys.otherSupplier);
    expect([peek.status, unknown.status]).toEqual([404, 404]);
    expect((await json(peek)).message).toBe(`agreement ${own.agreementId} is not known`);
    expect((await json(unknown)).message).toBe(`agreement ${unknownId} is not known`);
    expect((await call('GET', `/agreements/${own.agreementId}/versions`, keys.otherSupplier)).status).toBe(404);
    expect((await call('PUT', `/agreements/${own.agreementId}`, keys.otherSupplier, { ...own, changeReason: 'mine now' })).status).toBe(
      404,
    );
    expect((await call('POST', `/agreements/${own.agreementId}/retire`, keys.otherSupplier, { reason: 'no' })).status).toBe(404);
    expect((await call('GET', '/agreements', null)).status).toBe(401);
    const export_ = await json(await call('GET', '/agreements/export', keys.otherSupplier));
    expect(export_.agreements.map((a: Agreement) => a.agreementId)).not.toContain(own.agreementId);
  });

  it('retires with a reason, after which the agreement cannot change', async () => {
    const doomed = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    expect((await call('POST', '/agreements', keys.supplier, doomed)).status).toBe(201);
    const noReason = await call('POST', `/agreements/${doomed.agreementId}/retire`, keys.supplier, {});
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).message).toBe('reason is required');

    const response = await call('POST', `/agreements/${doomed.agreementId}/retire`, keys.supplier, { reason: 'site closes' });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ version: 2, status: 'retired', changeReason: 'site closes', changedBy: supplier });
    const retiredIds = ((await json(await call('GET', '/agreements?status=retired', keys.buyer))) as Array<{ agreement: Agreement }>).map(
      (v) => v.agreement.agreementId,
    );
    expect(retiredIds).toContain(doomed.agreementId);
    expect((await call('PUT', `/agreements/${doomed.agreementId}`, keys.buyer, { ...doomed, changeReason: 'reopen' })).status).toBe(409);
    expect((await published(`${doomed.agreementId}/v2`)).value.status).toBe('RETIRED');
  });

  it("exports the caller's agreements as the agreements file has them, and imports them back all or nothing", async () => {
    const exported = await json(await call('GET', '/agreements/export', keys.supplier));
    expect(exported.agreements).toEqual(expect.arrayContaining([seeded]));
    const again = await call('POST', '/agreements/import', keys.supplier, exported);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ created: [], amended: [] });

    const fresh = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    const broken = agreement(uniqueId('AGR'), [line(uniqueId('item'), { minimumOrderQuantity: 0 })]);
    const refused = await call('POST', '/agreements/import', keys.supplier, { agreements: [fresh, broken] });
    expect(refused.status).toBe(400);
    expect((await json(refused)).problems).toEqual([`${broken.agreementId}: lines[0].minimumOrderQuantity must be > 0`]);
    expect((await call('GET', `/agreements/${fresh.agreementId}`, keys.supplier)).status).toBe(404);

    const changedSeed = { ...seeded, penalties: { allowedStockoutsPerMonth: 2, penaltyPerStockout: 400 } };
    const imported = await call('POST', '/agreements/import', keys.supplier, {
      agreements: [fresh, changedSeed],
      changeReason: 'yearly review',
    });
    expect(imported.status).toBe(200);
    expect(await json(imported)).toEqual({ created: [fresh.agreementId], amended: [seeded.agreementId], unchanged: [] });
    expect(await json(await call('GET', `/agreements/${seeded.agreementId}`, keys.buyer))).toMatchObject({
      version: 2,
      changeReason: 'yearly review',
      agreement: changedSeed,
    });
    expect((await published(`${fresh.agreementId}/v1`)).value.changeReason).toBe('yearly review');
  });

  describe('another service acting on the agreements topic', () => {
    let ingest: ServiceProcess;
    const items = { atBoot: uniqueId('item'), later: uniqueId('item') };
    const covered = agreement(uniqueId('AGR'), [line(items.atBoot)]);

    const movement = (itemId: string): StockMovement => ({
      eventId: uniqueId('mv'),
      buyerId: buyer,
      siteId: site,
      itemId,
      kind: 'RECEIPT',
      quantity: 10,
      unit: 'EA',
      occurredAt: new Date(),
      source: 'test',
      orderReference: null,
    });
    const visibleItems = async (key: string): Promise<string[]> => {
      const response = await fetch(`${ingest.baseUrl}/stock-levels?siteId=${site}`, { headers: { 'x-api-key': key } });
      return ((await json(response)) as Array<{ itemId: string }>).map((row) => row.itemId).sort();
    };

    beforeAll(async () => {
      // Created before inventory-ingest starts: it must know this agreement from the topic when it first answers.
      expect((await call('POST', '/agreements', keys.supplier, covered)).status).toBe(201);
      await published(`${covered.agreementId}/v1`);
      // An agreements file of its own with nothing in it: whatever it knows comes from the topic.
      ingest = await startServiceProcess('inventory-ingest', {
        SMI_AGREEMENTS_FILE: writeAgreementsFile([]),
        SMI_PARTIES_FILE: parties.file,
      });
      for (const itemId of Object.values(items)) await kafka.publish(topics.stockMovements, movement(itemId));
      await eventually(async () => ((await visibleItems(keys.buyer)).length === 2 ? true : undefined));
    });

    afterAll(async () => {
      await ingest?.stop();
    });

    it('knows the agreements on the topic as soon as it answers, and follows amendments and retirements live', async () => {
      expect(await visibleItems(keys.supplier)).toEqual([items.atBoot]);
      expect(await visibleItems(keys.otherSupplier)).toEqual([]);

      const widened = { ...covered, lines: [line(items.atBoot), line(items.later)], changeReason: 'second item', expectedVersion: 1 };
      expect((await call('PUT', `/agreements/${covered.agreementId}`, keys.supplier, widened)).status).toBe(200);
      await eventually(async () => ((await visibleItems(keys.supplier)).length === 2 ? true : undefined));
      expect(await visibleItems(keys.supplier)).toEqual([items.atBoot, items.later].sort());

      expect(
        (await call('POST', `/agreements/${covered.agreementId}/retire`, keys.buyer, { reason: 'moving to consignment' })).status,
      ).toBe(200);
      await eventually(async () => ((await visibleItems(keys.supplier)).length === 0 ? true : undefined));
    });
  });
});
