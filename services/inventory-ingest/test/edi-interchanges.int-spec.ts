import fc from 'fast-check';
import { EnvelopeParties, InventoryReport, writeEdifactInventoryReport, writeX12ProductActivity } from '@smi/edi';
import {
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A buyer's EDI inventory reports (X12 852, EDIFACT INVRPT) through the real broker and database:
 * its codes mapped through its cross-reference, the movements applied as a person reading the report
 * would apply them, a resend changing nothing, every interchange kept and acknowledged.
 */
describe('EDI interchanges against a real broker and database', () => {
  let ingest: ServiceProcess;
  const buyer = uniqueId('buyer');
  const otherBuyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const key = { buyer: uniqueId('key'), otherBuyer: uniqueId('key'), supplier: uniqueId('key'), operator: uniqueId('key') };
  const [lyon, turin, graz] = [uniqueId('site-lyon'), uniqueId('site-turin'), uniqueId('site-graz')];
  const [pads, filters, coolant, bolts, nuts, seals] = ['pads', 'filters', 'coolant', 'bolts', 'nuts', 'seals'].map((i) => uniqueId(i));
  const line = (siteId: string, itemId: string) => ({
    siteId,
    itemId,
    unit: 'EA',
    minimum: 0,
    maximum: 500,
    leadTimeDays: 2,
    packMultiple: 1,
  });
  const agreementsFile = writeAgreementsFile([
    testAgreement({
      agreementId: uniqueId('AGR'),
      buyerId: buyer,
      supplierId: supplier,
      lines: [line(lyon, pads), line(lyon, filters), line(turin, coolant), line(turin, bolts), line(graz, nuts), line(graz, seals)],
    }),
  ]);

  // Whole days, as the 852's XQ carries them: the week that ended at midnight today.
  const periodEnd = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const periodStart = new Date(periodEnd.getTime() - 7 * DAY_MS);
  const envelope = (): EnvelopeParties => ({
    sender: 'TESTBUYER',
    receiver: 'SMIPLATFORM',
    controlNumber: 100_000_000 + Math.floor(Math.random() * 800_000_000),
    preparedAt: new Date(periodEnd.getTime() + 3_600_000),
  });
  const report = (lines: InventoryReport['lines'], controlNumber = '0001'): InventoryReport => ({
    controlNumber,
    periodStart,
    periodEnd,
    lines,
  });

  const call = (method: string, path: string, apiKey: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${ingest.baseUrl}${path}`, { method, headers: { 'x-api-key': apiKey, ...headers }, body });
  const send = (text: string, accept = 'application/json', contentType = 'application/edi-x12', apiKey = key.buyer) =>
    call('POST', '/edi-interchanges', apiKey, text, { 'content-type': contentType, accept });
  const putReferences = (entries: unknown[], apiKey = key.buyer) =>
    call('PUT', '/edi-cross-references', apiKey, JSON.stringify({ entries }), { 'content-type': 'application/json' });
  const onHand = async (siteId: string, itemId: string) => {
    const levels: Array<{ siteId: string; itemId: string; quantity: number; sequence: number }> = await json(
      await call('GET', `/stock-levels?siteId=${siteId}`, key.buyer),
    );
    return levels.find((l) => l.itemId === itemId);
  };
  const count = (siteId: string, itemId: string, quantity: number) => ({
    eventId: uniqueId('mv'),
    buyerId: buyer,
    siteId,
    itemId,
    kind: 'COUNT',
    quantity,
    unit: 'EA',
    occurredAt: new Date(periodStart.getTime() - DAY_MS).toISOString(),
  });

  beforeAll(async () => {
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: key.otherBuyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier },
      { id: uniqueId('operator'), kind: 'operator', name: 'Operator', apiKey: key.operator },
    ]);
    ingest = await startServiceProcess('inventory-ingest', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: partiesFile });
    // What stood before the period: counted the day before it began.
    const before = await call(
      'POST',
      '/stock-movements',
      key.buyer,
      JSON.stringify({ movements: [count(lyon, pads, 50), count(lyon, filters, 10), count(turin, bolts, 25), count(graz, seals, 10)] }),
      {
        'content-type': 'application/json',
      },
    );
    expect(before.status).toBe(202);
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  it("refuses a cross-reference to a site x item on none of the buyer's agreement lines, naming the entry", async () => {
    const refused = await putReferences([
      { locationCode: 'LYON01', itemCode: 'BP-100', siteId: lyon, itemId: pads },
      { locationCode: 'LYON01', itemCode: 'XX-1', siteId: lyon, itemId: 'not-agreed' },
    ]);
    expect(refused.status).toBe(422);
    expect((await json(refused)).problems).toEqual([
      { field: 'entries[1]', problem: `site ${lyon} x item not-agreed is on none of ${buyer}'s agreement lines` },
    ]);
    // Another buyer cannot map codes onto this buyer's agreement.
    expect((await putReferences([{ locationCode: 'L', itemCode: 'I', siteId: lyon, itemId: pads }], key.otherBuyer)).status).toBe(422);
    expect((await putReferences([{ locationCode: 'L', itemCode: 'I', siteId: lyon, itemId: pads }], key.supplier)).status).toBe(403);

    const saved = await putReferences([
      { locationCode: 'LYON01', itemCode: 'BP-100', siteId: lyon, itemId: pads },
      { locationCode: 'LYON01', itemCode: 'OF-220', siteId: lyon, itemId: filters },
      { locationCode: 'TURIN02', itemCode: 'C5L', siteId: turin, itemId: coolant },
      { locationCode: 'TURIN02', itemCode: 'BLT-8', siteId: turin, itemId: bolts },
      { locationCode: 'GRAZ03', itemCode: 'NUT-6', siteId: graz, itemId: nuts, ediUnit: 'PCE' },
      { locationCode: 'GRAZ03', itemCode: 'SEAL-2', siteId: graz, itemId: seals, ediUnit: 'PCE' },
    ]);
    expect(saved.status).toBe(200);
    expect(await json(saved)).toEqual({ saved: 6 });
  });

  it('moves stock as a person computes it from an 852 with two locations and four items, answers a 997 accepting it, and a resend changes nothing', async () => {
    const text = writeX12ProductActivity(
      [
        report([
          // 50 before; +20 received, -12 sold, counted 58 at the end: 58.
          { location: 'LYON01', item: 'BP-100', unit: 'EA', received: 20, consumed: 12, onHand: 58 },
          // 10 before; +30 received, -5 sold, no count: 35.
          { location: 'LYON01', item: 'OF-220', unit: 'EA', received: 30, consumed: 5 },
          // Nothing before; counted 7: 7.
          { location: 'TURIN02', item: 'C5L', unit: 'EA', onHand: 7 },
          // 25 before; -4 sold, counted 18 (3 gone missing): the count stands, 18.
          { location: 'TURIN02', item: 'BLT-8', unit: 'EA', consumed: 4, onHand: 18 },
        ]),
      ],
      envelope(),
    );
    const answer = await send(text, 'application/edi-x12');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/edi-x12/);
    const acknowledgment = await answer.text();
    expect(acknowledgment).toMatch(/ST\*997\*/);
    expect(acknowledgment).toMatch(/AK5\*A/);
    expect(acknowledgment).toMatch(/AK9\*A\*1\*1\*1/);

    const expected: Array<[string, string, number]> = [
      [lyon, pads, 58],
      [lyon, filters, 35],
      [turin, coolant, 7],
      [turin, bolts, 18],
    ];
    const seen = await untilPasses(async () => {
      const levels = await Promise.all(expected.map(([site, item]) => onHand(site, item)));
      expect(levels.map((l) => l?.quantity)).toEqual(expected.map(([, , q]) => q));
      // Every movement applied: the counts before (1 each where there was one) and the report's 8.
      expect(levels.map((l) => l?.sequence)).toEqual([4, 3, 1, 3]);
      return levels;
    });

    const again = await send(text);
    expect(await json(again)).toMatchObject({ outcome: 'accepted', accepted: true, movements: 0, repeats: 8, errors: [] });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await Promise.all(expected.map(([site, item]) => onHand(site, item)))).toEqual(seen);
  });

  it('takes an EDIFACT INVRPT likewise, in the unit its cross-reference names, and answers a CONTRL accepting it', async () => {
    const text = writeEdifactInventoryReport(
      [
        report(
          [
            { location: 'GRAZ03', item: 'NUT-6', unit: 'PCE', onHand: 12 },
            // 10 before; +5 received, -2 used, no count: 13.
            { location: 'GRAZ03', item: 'SEAL-2', unit: 'PCE', received: 5, consumed: 2 },
          ],
          'INV1',
        ),
      ],
      envelope(),
    );
    const answer = await send(text, 'application/json', 'application/edifact');
    const summary = await json(answer);
    expect(summary).toMatchObject({ outcome: 'accepted', movements: 3, repeats: 0, errors: [] });
    expect(summary.acknowledgment).toMatch(/UNH\+[^']*\+CONTRL:/);
    expect(summary.acknowledgment).toMatch(/UCI\+[^']*\+7'/);
    await untilPasses(async () => {
      expect((await onHand(graz, nuts))?.quantity).toBe(12);
      expect(await onHand(graz, seals)).toMatchObject({ quantity: 13, unit: 'EA' });
    });
  });

  it('names a line whose codes have no cross-reference and takes the others', async () => {
    const text = writeX12ProductActivity(
      [
        report([
          { location: 'LYON01', item: 'OF-220', unit: 'EA', consumed: 1 },
          { location: 'LYON01', item: 'NOPE-9', unit: 'EA', onHand: 4 },
        ]),
      ],
      envelope(),
    );
    const summary = await json(await send(text));
    expect(summary).toMatchObject({ outcome: 'partially-accepted', accepted: true, movements: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({
        transaction: '0001',
        line: 2,
        location: 'LYON01',
        item: 'NOPE-9',
        reason: expect.stringContaining('no cross-reference'),
      }),
    ]);
    // The 997 names the line at its item code (AK4 code 7, invalid code value) and accepts the set with errors noted.
    expect(summary.acknowledgment).toMatch(/AK2\*852\*0001~\nAK3\*LIN\*\d+\*\*8~\nAK4\*3\*\*7\*NOPE-9~\nAK5\*E\*5~\nAK9\*E\*1\*1\*1~/);
    const kept = await json(await call('GET', `/edi-interchanges/${summary.id}`, key.buyer));
    expect(kept).toMatchObject({ outcome: 'partially-accepted', errors: summary.errors });
  });

  let rejectedId: string;

  it('rejects a malformed interchange with an acknowledgment naming segment and element, and keeps it for inspection', async () => {
    const good = writeX12ProductActivity([report([{ location: 'LYON01', item: 'BP-100', unit: 'EA', onHand: 41 }])], envelope());
    const text = good.replace('ZA*QA*41*EA', 'ZA*QA*4I*EA');
    expect(text).not.toBe(good);
    const summary = await json(await send(text));
    expect(summary).toMatchObject({ outcome: 'rejected', accepted: false, movements: 0 });
    expect(summary.errors).toContainEqual(expect.objectContaining({ segment: 'ZA', element: 2, value: '4I', transaction: '0001' }));
    expect(summary.acknowledgment).toMatch(/AK3\*ZA\*\d+/);
    expect(summary.acknowledgment).toMatch(/AK4\*2\*/);
    expect(summary.acknowledgment).toMatch(/AK5\*R/);
    rejectedId = summary.id;

    const kept = await call('GET', `/edi-interchanges/${rejectedId}`, key.buyer);
    expect(kept.status).toBe(200);
    expect(await json(kept)).toMatchObject({
      interchangeId: rejectedId,
      buyerId: buyer,
      standard: 'x12',
      sender: 'TESTBUYER',
      receiver: 'SMIPLATFORM',
      outcome: 'rejected',
      raw: text,
      acknowledgment: summary.acknowledgment,
    });
    const rejected = await json(await call('GET', '/edi-interchanges?outcome=rejected', key.buyer));
    expect(rejected.map((i: { interchangeId: string }) => i.interchangeId)).toContain(rejectedId);
    expect(rejected.every((i: { outcome: string }) => i.outcome === 'rejected')).toBe(true);
    // Nothing of it reached the on-hand: the pads stand as the 852 above left them.
    expect((await onHand(lyon, pads))?.quantity).toBe(58);
  });

  it('keeps text that is no interchange at all, rejected', async () => {
    const summary = await json(await send('hello, this is not EDI', 'application/json', 'text/plain'));
    expect(summary).toMatchObject({ outcome: 'rejected', movements: 0 });
    expect(summary.errors.length).toBeGreaterThan(0);
    expect((await call('GET', `/edi-interchanges/${summary.id}`, key.buyer)).status).toBe(200);
  });

  it('answers any text, a mangled interchange or none, with a kept acknowledgment and never a server error', async () => {
    const good = writeX12ProductActivity([report([{ location: 'LYON01', item: 'OF-220', unit: 'EA', onHand: 35 }])], envelope());
    const mangled = fc.oneof(
      fc.nat({ max: good.length }).map((n) => good.slice(0, n)),
      fc
        .tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom('*', '~', '>', ':', '+', "'", '?', '\n', 'X', '9', ''))
        .map(([at, text]) => good.slice(0, at) + text + good.slice(at + 1)),
      fc.string({ minLength: 1, maxLength: 300 }).filter((t) => !t.includes('\u0000') && t.trim().length > 0),
    );
    // Blank text is a 400 of its own (nothing to keep).
    const texts = fc.sample(
      mangled.filter((t) => t.trim().length > 0),
      { numRuns: 60, seed: 16 },
    );
    for (const text of texts) {
      const response = await send(text);
      expect([text, response.status]).toEqual([text, 200]);
      const summary = await json(response);
      expect(summary.acknowledgment.length).toBeGreaterThan(0);
      expect((await call('GET', `/edi-interchanges/${summary.id}`, key.buyer)).status).toBe(200);
    }
    expect((await send('ISA*00*\u0000~')).status).toBe(400);
    expect((await call('GET', '/health', key.buyer)).status).toBe(200);
  });

  it("lets no other buyer or supplier read a buyer's interchanges or cross-references", async () => {
    expect((await call('GET', `/edi-interchanges/${rejectedId}`, key.otherBuyer)).status).toBe(404);
    expect((await call('GET', `/edi-interchanges/${rejectedId}`, key.supplier)).status).toBe(404);
    expect((await call('GET', `/edi-interchanges/${rejectedId}`, key.operator)).status).toBe(200);
    const theirs = await json(await call('GET', '/edi-interchanges', key.otherBuyer));
    expect(theirs.filter((i: { buyerId: string }) => i.buyerId === buyer)).toEqual([]);
    expect((await call('GET', '/edi-interchanges', key.supplier)).status).toBe(403);

    expect(await json(await call('GET', '/edi-cross-references', key.otherBuyer))).toEqual([]);
    const own = await json(await call('GET', '/edi-cross-references', key.buyer));
    expect(own).toHaveLength(6);
    expect(own.every((r: { buyerId: string }) => r.buyerId === buyer)).toBe(true);
    const all = await json(await call('GET', '/edi-cross-references', key.operator));
    expect(all.filter((r: { buyerId: string }) => r.buyerId === buyer)).toHaveLength(6);

    expect((await send('ISA*00~', 'application/json', 'application/edi-x12', key.supplier)).status).toBe(403);
    const asJson = await call('POST', '/edi-interchanges', key.buyer, '{"a":1}', { 'content-type': 'application/json' });
    expect(asJson.status).toBe(415);
  });
});
