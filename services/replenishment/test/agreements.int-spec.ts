import { Agreement, AgreementLine } from '@smi/agreements';
import {
  AgreementProposal as AgreementProposalEvent,
  AgreementVersion as AgreementVersionEvent,
  StockMovement,
  topics,
} from '@smi/contracts';
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
  const stepPublished = (eventId: string) =>
    kafka.waitFor(topics.agreementProposals, (v) => v.eventId === eventId).then(([record]) => record);
  /** Proposes with one party's key (202) and accepts with the other's (200): the change both consent to. Answers the version made. */
  const agreed = async (proposer: string, acceptor: string, method: string, path: string, body: unknown) => {
    const proposal = await call(method, path, proposer, body);
    expect(proposal.status).toBe(202);
    const { proposalId } = await json(proposal);
    const acceptance = await call('POST', `/agreement-proposals/${proposalId}/accept`, acceptor, {});
    expect(acceptance.status).toBe(200);
    return (await json(acceptance)).version;
  };

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

  it('creates an agreement once the other party accepts the proposal: version 1, effective from the acceptance, on the topic keyed by agreement', async () => {
    const created = agreement(uniqueId('AGR'), [
      line(uniqueId('item'), { policy: 'fixed-quantity', fixedOrderQuantity: 60, unitPrice: 2.5 }),
    ]);
    const proposed = await call('POST', '/agreements', keys.supplier, { ...created, changeReason: 'signed on the phone' });
    expect(proposed.status).toBe(202);
    const proposal = await json(proposed);
    expect(proposal).toMatchObject({
      agreementId: created.agreementId,
      change: 'create',
      status: 'pending',
      proposedBy: supplier,
      reason: 'signed on the phone',
      awaiting: buyer,
      agreement: created,
    });
    // Nothing exists on one side alone: no version to read, none listed.
    expect((await call('GET', `/agreements/${created.agreementId}`, keys.supplier)).status).toBe(404);
    const pending = (await json(await call('GET', '/agreement-proposals', keys.buyer))) as Array<{ proposalId: string }>;
    expect(pending.map((p) => p.proposalId)).toContain(proposal.proposalId);

    const before = Date.now();
    const accepted = await call('POST', `/agreement-proposals/${proposal.proposalId}/accept`, keys.buyer, { reason: 'as discussed' });
    expect(accepted.status).toBe(200);
    const { version, proposal: decided } = await json(accepted);
    expect(decided).toMatchObject({ status: 'accepted', decidedBy: buyer, decisionReason: 'as discussed', acceptedVersion: 1 });
    expect(version).toMatchObject({
      version: 1,
      status: 'active',
      changedBy: supplier,
      changeReason: 'signed on the phone',
      agreement: created,
    });
    expect(Date.parse(version.effectiveFrom)).toBeGreaterThanOrEqual(before - 1000);

    const record = await published(`${created.agreementId}/v1`);
    expect(record.key).toBe(created.agreementId);
    expect(record.value).toMatchObject<Partial<AgreementVersionEvent>>({
      agreementId: created.agreementId,
      version: 1,
      status: 'ACTIVE',
      changedBy: supplier,
      buyerId: buyer,
      supplierId: supplier,
      effectiveFrom: new Date(version.effectiveFrom),
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
      `${id}: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept`,
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

  it('amends into version 2 only when the other party accepts: until then the old terms govern; keeps version 1 readable; refuses a stale amend', async () => {
    const item = uniqueId('item');
    const original = agreement(uniqueId('AGR'), [line(item)]);
    await agreed(keys.supplier, keys.buyer, 'POST', '/agreements', original);
    const later = new Date(Date.now() + 60 * 60 * 1000).toISOString();

    const amended = { ...original, lines: [line(item, { minimum: 60, maximum: 150 })] };
    const proposed = await call('PUT', `/agreements/${original.agreementId}`, keys.buyer, {
      ...amended,
      changeReason: 'second shift',
      expectedVersion: 1,
    });
    expect(proposed.status).toBe(202);
    const proposal = await json(proposed);
    expect(proposal).toMatchObject({ change: 'amend', baseVersion: 1, proposedBy: buyer, awaiting: supplier, agreement: amended });
    // One-sided: the agreement in force now and later still has the old terms.
    expect(await json(await call('GET', `/agreements/${original.agreementId}?on=${later}`, keys.buyer))).toMatchObject({
      version: 1,
      agreement: { lines: [{ maximum: 120 }] },
    });
    expect((await json(await call('GET', `/agreements/${original.agreementId}`, keys.supplier))).version).toBe(1);
    expect(
      (
        (await json(await call('GET', `/agreements/${original.agreementId}/proposals`, keys.supplier))) as Array<{ proposalId: string }>
      ).map((p) => p.proposalId),
    ).toEqual([expect.any(String), proposal.proposalId]);

    const before = new Date();
    const accepted = await call('POST', `/agreement-proposals/${proposal.proposalId}/accept`, keys.supplier, {});
    expect(accepted.status).toBe(200);
    const v2 = (await json(accepted)).version;
    expect(v2).toMatchObject({ version: 2, status: 'active', changedBy: buyer, changeReason: 'second shift', agreement: amended });
    expect(Date.parse(v2.effectiveFrom)).toBeGreaterThanOrEqual(before.getTime());

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
    expect((await json(await call('GET', `/agreements/${original.agreementId}?on=${later}`, keys.buyer))).version).toBe(2);

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

  it('refuses an amendment or retirement dated in the past: no party rewrites the terms once in force', async () => {
    const signed = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    await agreed(keys.buyer, keys.supplier, 'POST', '/agreements', signed);
    const rewritten = { ...signed, penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 0 } };
    const backdated = await call('PUT', `/agreements/${signed.agreementId}`, keys.supplier, {
      ...rewritten,
      changeReason: 'no penalty ever',
      effectiveFrom: signed.validFrom,
    });
    expect(backdated.status).toBe(400);
    expect((await json(backdated)).message).toContain(`${signed.agreementId}: effectiveFrom must not be in the past`);
    const backdatedRetire = await call('POST', `/agreements/${signed.agreementId}/retire`, keys.supplier, {
      reason: 'never was',
      effectiveFrom: signed.validFrom,
    });
    expect(backdatedRetire.status).toBe(400);
    const backdatedCreate = await call('POST', '/agreements', keys.supplier, {
      ...agreement(uniqueId('AGR'), [line(uniqueId('item'))]),
      effectiveFrom: signed.validFrom,
    });
    expect(backdatedCreate.status).toBe(400);
    expect(await json(await call('GET', `/agreements/${signed.agreementId}/proposals`, keys.buyer))).toHaveLength(1);
    expect((await json(await call('GET', `/agreements/${signed.agreementId}`, keys.buyer))).agreement.penalties.penaltyPerStockout).toBe(
      250,
    );
  });

  it('refuses an agreement naming a party the platform does not know in that role, naming the field', async () => {
    const ghost = agreement(uniqueId('AGR'), [line(uniqueId('item'))], { supplierId: uniqueId('nobody') });
    const response = await call('POST', '/agreements', keys.buyer, ghost);
    expect(response.status).toBe(400);
    expect((await json(response)).problems).toEqual([`${ghost.agreementId}: supplierId must name a supplier known to the platform`]);
    const notABuyer = agreement(uniqueId('AGR'), [line(uniqueId('item'))], { buyerId: otherSupplier, supplierId: supplier });
    const second = await call('POST', '/agreements', keys.supplier, notABuyer);
    expect(second.status).toBe(400);
    expect((await json(second)).problems).toEqual([`${notABuyer.agreementId}: buyerId must name a buyer known to the platform`]);
  });

  it('lets only the other party decide: the proposer cannot accept its own, an operator can neither propose nor accept', async () => {
    const asked = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    expect((await call('POST', '/agreements', keys.operator, asked)).status).toBe(403);
    const { proposalId } = await json(await call('POST', '/agreements', keys.supplier, asked));
    const own = await call('POST', `/agreement-proposals/${proposalId}/accept`, keys.supplier, {});
    expect(own.status).toBe(403);
    expect((await json(own)).message).toContain('only the other party may accept it');
    expect((await call('POST', `/agreement-proposals/${proposalId}/accept`, keys.operator, {})).status).toBe(403);
    expect((await call('POST', `/agreement-proposals/${proposalId}/reject`, keys.operator, { reason: 'no' })).status).toBe(403);
    // A stranger finds nothing, worded as for a proposal that does not exist.
    const stranger = await call('POST', `/agreement-proposals/${proposalId}/accept`, keys.otherSupplier, {});
    expect(stranger.status).toBe(404);
    expect((await json(stranger)).message).toBe(`proposal ${proposalId} is not known`);
    expect((await call('GET', `/agreement-proposals/${proposalId}`, keys.otherSupplier)).status).toBe(404);
    // An operator sees it.
    expect(await json(await call('GET', `/agreement-proposals/${proposalId}`, keys.operator))).toMatchObject({ status: 'pending' });
    expect((await call('GET', `/agreements/${asked.agreementId}`, keys.buyer)).status).toBe(404);
  });

  it('publishes every step with who, when and why on the proposals topic; only an acceptance makes a version', async () => {
    const asked = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    const first = await json(await call('POST', '/agreements', keys.buyer, { ...asked, changeReason: 'first draft' }));
    const withdrawn = await call('POST', `/agreement-proposals/${first.proposalId}/withdraw`, keys.buyer, { reason: 'wrong penalty' });
    expect(withdrawn.status).toBe(200);
    const second = await json(await call('POST', '/agreements', keys.buyer, { ...asked, changeReason: 'second draft' }));
    const rejected = await call('POST', `/agreement-proposals/${second.proposalId}/reject`, keys.supplier, {
      reason: 'lead time too short',
    });
    expect(rejected.status).toBe(200);
    expect((await json(rejected)).proposal).toMatchObject({
      status: 'rejected',
      decidedBy: supplier,
      decisionReason: 'lead time too short',
    });
    expect((await call('POST', `/agreement-proposals/${second.proposalId}/accept`, keys.supplier, {})).status).toBe(409);
    const third = await json(await call('POST', '/agreements', keys.buyer, { ...asked, changeReason: 'third draft' }));
    expect((await call('POST', `/agreement-proposals/${third.proposalId}/accept`, keys.supplier, { reason: 'fine' })).status).toBe(200);

    const steps = await Promise.all([
      stepPublished(`${first.proposalId}/proposed`),
      stepPublished(`${first.proposalId}/withdrawn`),
      stepPublished(`${second.proposalId}/proposed`),
      stepPublished(`${second.proposalId}/rejected`),
      stepPublished(`${third.proposalId}/proposed`),
      stepPublished(`${third.proposalId}/accepted`),
    ]);
    expect(steps.map((r) => [r.key, r.value.step, r.value.by, r.value.reason])).toEqual([
      [asked.agreementId, 'PROPOSED', buyer, 'first draft'],
      [asked.agreementId, 'WITHDRAWN', buyer, 'wrong penalty'],
      [asked.agreementId, 'PROPOSED', buyer, 'second draft'],
      [asked.agreementId, 'REJECTED', supplier, 'lead time too short'],
      [asked.agreementId, 'PROPOSED', buyer, 'third draft'],
      [asked.agreementId, 'ACCEPTED', supplier, 'fine'],
    ]);
    expect(steps[0].value).toMatchObject<Partial<AgreementProposalEvent>>({ change: 'CREATE', awaiting: supplier, supplierId: supplier });
    expect(steps[5].value).toMatchObject<Partial<AgreementProposalEvent>>({ acceptedVersion: 1, proposedBy: buyer });
    expect(steps[5].value.at.getTime()).toBeGreaterThanOrEqual(steps[4].value.at.getTime());
    expect((await published(`${asked.agreementId}/v1`)).value.changeReason).toBe('third draft');
  });

  it('lets a party change alone the terms the agreement says it may tune, within their bounds; anything beyond waits for the other', async () => {
    const item = uniqueId('item');
    const tunable = agreement(uniqueId('AGR'), [line(item)], {
      tunableAlone: [{ by: 'supplier', term: 'leadTimeDays', min: 2, max: 10 }],
    });
    await agreed(keys.supplier, keys.buyer, 'POST', '/agreements', tunable);
    const tuned = await call('PUT', `/agreements/${tunable.agreementId}`, keys.supplier, {
      ...tunable,
      lines: [line(item, { leadTimeDays: 6 })],
      changeReason: 'new carrier',
    });
    expect(tuned.status).toBe(200);
    const proposal = await json(tuned);
    expect(proposal).toMatchObject({ status: 'accepted', decidedBy: supplier, acceptedVersion: 2 });
    expect(proposal.decisionReason).toContain('leadTimeDays');
    expect(await json(await call('GET', `/agreements/${tunable.agreementId}`, keys.buyer))).toMatchObject({
      version: 2,
      agreement: { lines: [{ leadTimeDays: 6 }] },
    });
    expect((await stepPublished(`${proposal.proposalId}/accepted`)).value).toMatchObject({ by: supplier, acceptedVersion: 2 });

    const beyond = await call('PUT', `/agreements/${tunable.agreementId}`, keys.supplier, {
      ...tunable,
      lines: [line(item, { leadTimeDays: 30 })],
      changeReason: 'slow boat',
    });
    expect(beyond.status).toBe(202);
    expect((await json(await call('GET', `/agreements/${tunable.agreementId}`, keys.buyer))).version).toBe(2);
  });

  it('shows an agreement to its two parties and operators only; to anyone else it does not exist', async () => {
    const own = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    await agreed(keys.buyer, keys.supplier, 'POST', '/agreements', own);
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
    expect((await call('GET', `/agreements/${own.agreementId}/proposals`, keys.otherSupplier)).status).toBe(404);
    expect((await call('PUT', `/agreements/${own.agreementId}`, keys.otherSupplier, { ...own, changeReason: 'mine now' })).status).toBe(
      404,
    );
    expect((await call('POST', `/agreements/${own.agreementId}/retire`, keys.otherSupplier, { reason: 'no' })).status).toBe(404);
    expect((await call('GET', '/agreements', null)).status).toBe(401);
    const export_ = await json(await call('GET', '/agreements/export', keys.otherSupplier));
    expect(export_.agreements.map((a: Agreement) => a.agreementId)).not.toContain(own.agreementId);
  });

  it('retires with a reason once the other party accepts, after which the agreement cannot change', async () => {
    const doomed = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    await agreed(keys.supplier, keys.buyer, 'POST', '/agreements', doomed);
    const noReason = await call('POST', `/agreements/${doomed.agreementId}/retire`, keys.supplier, {});
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).message).toBe('reason is required');

    const retired = await agreed(keys.supplier, keys.buyer, 'POST', `/agreements/${doomed.agreementId}/retire`, { reason: 'site closes' });
    expect(retired).toMatchObject({ version: 2, status: 'retired', changeReason: 'site closes', changedBy: supplier });
    const retiredIds = ((await json(await call('GET', '/agreements?status=retired', keys.buyer))) as Array<{ agreement: Agreement }>).map(
      (v) => v.agreement.agreementId,
    );
    expect(retiredIds).toContain(doomed.agreementId);
    expect((await call('PUT', `/agreements/${doomed.agreementId}`, keys.buyer, { ...doomed, changeReason: 'reopen' })).status).toBe(409);
    expect((await published(`${doomed.agreementId}/v2`)).value.status).toBe('RETIRED');
  });

  it("exports the caller's agreements as the agreements file has them, and imports them back as proposals, all or nothing", async () => {
    const exported = await json(await call('GET', '/agreements/export', keys.supplier));
    expect(exported.agreements).toEqual(expect.arrayContaining([seeded]));
    const again = await call('POST', '/agreements/import', keys.supplier, exported);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ proposals: [] });

    const fresh = agreement(uniqueId('AGR'), [line(uniqueId('item'))]);
    const broken = agreement(uniqueId('AGR'), [line(uniqueId('item'), { minimumOrderQuantity: 0 })]);
    const refused = await call('POST', '/agreements/import', keys.supplier, { agreements: [fresh, broken] });
    expect(refused.status).toBe(400);
    expect((await json(refused)).problems).toEqual([`${broken.agreementId}: lines[0].minimumOrderQuantity must be > 0`]);
    expect(await json(await call('GET', `/agreements/${fresh.agreementId}/proposals`, keys.supplier))).toMatchObject({ statusCode: 404 });
    expect((await call('POST', '/agreements/import', keys.operator, { agreements: [fresh] })).status).toBe(403);

    const changedSeed = { ...seeded, penalties: { allowedStockoutsPerMonth: 2, penaltyPerStockout: 400 } };
    const imported = await call('POST', '/agreements/import', keys.supplier, {
      agreements: [fresh, changedSeed],
      changeReason: 'yearly review',
    });
    expect(imported.status).toBe(202);
    const { proposals } = await json(imported);
    expect(proposals.map((p: { agreementId: string; change: string }) => [p.agreementId, p.change])).toEqual([
      [fresh.agreementId, 'create'],
      [seeded.agreementId, 'amend'],
    ]);
    expect((await json(await call('GET', `/agreements/${seeded.agreementId}`, keys.buyer))).version).toBe(1);
    for (const { proposalId } of proposals) {
      expect((await call('POST', `/agreement-proposals/${proposalId}/accept`, keys.buyer, {})).status).toBe(200);
    }
    expect(await json(await call('GET', `/agreements/${seeded.agreementId}`, keys.buyer))).toMatchObject({
      version: 2,
      changeReason: 'yearly review',
      agreement: changedSeed,
    });
    expect((await published(`${fresh.agreementId}/v1`)).value.changeReason).toBe('yearly review');
  });

  describe('another service acting on the agreements topic', () => {
    let ingest: ServiceProcess;
    const items = { atBoot: uniqueId('item'), later: uniqueId('item'), unclaimed: uniqueId('item') };
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
      await agreed(keys.supplier, keys.buyer, 'POST', '/agreements', covered);
      await published(`${covered.agreementId}/v1`);
      // An agreements file of its own with nothing in it: whatever it knows comes from the topic.
      ingest = await startServiceProcess('inventory-ingest', {
        SMI_AGREEMENTS_FILE: writeAgreementsFile([]),
        SMI_PARTIES_FILE: parties.file,
      });
      for (const itemId of Object.values(items)) await kafka.publish(topics.stockMovements, movement(itemId));
      await eventually(async () => ((await visibleItems(keys.buyer)).length === 3 ? true : undefined));
    });

    afterAll(async () => {
      await ingest?.stop();
    });

    it('knows the agreements on the topic as soon as it answers, and follows amendments and retirements live', async () => {
      expect(await visibleItems(keys.supplier)).toEqual([items.atBoot]);
      expect(await visibleItems(keys.otherSupplier)).toEqual([]);

      const widened = { ...covered, lines: [line(items.atBoot), line(items.later)], changeReason: 'second item', expectedVersion: 1 };
      await agreed(keys.supplier, keys.buyer, 'PUT', `/agreements/${covered.agreementId}`, widened);
      await eventually(async () => ((await visibleItems(keys.supplier)).length === 2 ? true : undefined));
      expect(await visibleItems(keys.supplier)).toEqual([items.atBoot, items.later].sort());

      await agreed(keys.buyer, keys.supplier, 'POST', `/agreements/${covered.agreementId}/retire`, { reason: 'moving to consignment' });
      await eventually(async () => ((await visibleItems(keys.supplier)).length === 0 ? true : undefined));
    });

    it("gives a supplier none of a buyer's stock on its proposal alone, and the covered stock once the buyer accepts", async () => {
      const claim = agreement(uniqueId('AGR'), [line(items.unclaimed)], { supplierId: otherSupplier });
      const proposed = await call('POST', '/agreements', keys.otherSupplier, { ...claim, changeReason: 'we supply them now' });
      expect(proposed.status).toBe(202);
      const { proposalId } = await json(proposed);
      await stepPublished(`${proposalId}/proposed`);
      // As long as the attacker waited: a published version would have reached inventory-ingest by now.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await visibleItems(keys.otherSupplier)).toEqual([]);

      expect((await call('POST', `/agreement-proposals/${proposalId}/accept`, keys.buyer, { reason: 'welcome' })).status).toBe(200);
      await eventually(async () => ((await visibleItems(keys.otherSupplier)).length === 1 ? true : undefined));
      expect(await visibleItems(keys.otherSupplier)).toEqual([items.unclaimed]);
    });
  });
});
