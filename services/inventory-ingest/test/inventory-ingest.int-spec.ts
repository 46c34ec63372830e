import { StockMovement, deadLetterTopicOf, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
} from '@smi/testing';

const BUYER = 'acme-motors';
const BUYER_KEY = 'demo-acme-key';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('inventory-ingest against a real broker and database', () => {
  let ingest: ServiceProcess;
  let kafka: KafkaTestClient;
  const site = uniqueId('site');
  // REST movements must fall under an agreement line in force: these two items have one, in KG and in EA.
  const kgItem = uniqueId('item-kg');
  const eaItem = uniqueId('item-ea');
  // Its own line: the REST id-conflict test counts its on-hand from zero.
  const restIdItem = uniqueId('item');
  const lineOf = (itemId: string, unit: string) => ({
    siteId: site,
    itemId,
    unit,
    minimum: 0,
    maximum: 100,
    leadTimeDays: 2,
    packMultiple: 1,
  });
  const agreementsFile = writeAgreementsFile([
    testAgreement({
      agreementId: uniqueId('AGR'),
      buyerId: BUYER,
      supplierId: 'northwind',
      lines: [lineOf(kgItem, 'KG'), lineOf(eaItem, 'EA'), lineOf(restIdItem, 'EA')],
    }),
  ]);

  const movement = (overrides: Partial<StockMovement> = {}): StockMovement => ({
    eventId: uniqueId('mv'),
    buyerId: BUYER,
    siteId: site,
    itemId: 'item-a',
    kind: 'RECEIPT',
    quantity: 10,
    unit: 'EA',
    occurredAt: new Date(),
    source: 'test',
    orderReference: null,
    ...overrides,
  });

  const post = (body: unknown, key: string | null = BUYER_KEY) =>
    fetch(`${ingest.baseUrl}/stock-movements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    ingest = await startServiceProcess('inventory-ingest', { SMI_AGREEMENTS_FILE: agreementsFile });
  });

  afterAll(async () => {
    await ingest?.stop();
    await kafka?.disconnect();
  });

  it('reports broker and database up on /health', async () => {
    const response = await fetch(`${ingest.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'up', kafka: 'up', database: 'up' });
  });

  it('projects on-hand from Avro movements on Kafka and publishes each stock level', async () => {
    const item = uniqueId('item');
    await kafka.publish(topics.stockMovements, movement({ itemId: item, kind: 'RECEIPT', quantity: 100 }));
    await kafka.publish(topics.stockMovements, movement({ itemId: item, kind: 'CONSUMPTION', quantity: 30 }));
    await kafka.publish(topics.stockMovements, movement({ itemId: item, kind: 'ADJUSTMENT', quantity: -5 }));
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 3 });
    expect(levels.map((l) => [l.value.sequence, l.value.onHand])).toEqual([
      [1, 100],
      [2, 70],
      [3, 65],
    ]);
    expect(levels[0].key).toBe(`${BUYER}|${site}|${item}`);
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT quantity::float AS quantity, sequence::int AS sequence FROM inventory_ingest.on_hand WHERE item_id = $1',
      [item],
    );
    expect(rows).toEqual([{ quantity: 65, sequence: 3 }]);
  });

  it('applies a redelivered movement once', async () => {
    const item = uniqueId('item');
    const once = movement({ itemId: item, quantity: 7 });
    await kafka.publish(topics.stockMovements, once);
    await kafka.publish(topics.stockMovements, once);
    await kafka.publish(topics.stockMovements, movement({ itemId: item, quantity: 1 }));
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 2, settleMs: 1500 });
    expect(levels.map((l) => l.value.onHand)).toEqual([7, 8]);
  });

  it('takes a count as the new on-hand and ignores movements that happened before it', async () => {
    const item = uniqueId('item');
    const t = Date.now() - 60_000;
    await kafka.publish(topics.stockMovements, movement({ itemId: item, quantity: 50, occurredAt: new Date(t) }));
    await kafka.publish(topics.stockMovements, movement({ itemId: item, kind: 'COUNT', quantity: 42, occurredAt: new Date(t + 20_000) }));
    await kafka.publish(
      topics.stockMovements,
      movement({ itemId: item, kind: 'CONSUMPTION', quantity: 5, occurredAt: new Date(t + 10_000) }),
    );
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 3 });
    expect(levels.map((l) => l.value.onHand)).toEqual([50, 42, 42]);
  });

  it('accepts movements over REST with the buyer API key and projects them', async () => {
    const item = kgItem;
    const response = await post({
      movements: [
        {
          eventId: uniqueId('rest'),
          buyerId: BUYER,
          siteId: site,
          itemId: item,
          kind: 'RECEIPT',
          quantity: 12.5,
          unit: 'KG',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    expect(response.status).toBe(202);
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item);
    expect(level.value).toMatchObject({ onHand: 12.5, unit: 'KG', movementKind: 'RECEIPT' });
  });

  it('answers 400 naming the field for a bad movement, 401 without a key, 403 for another buyer', async () => {
    const bad = await post({
      eventId: 'x',
      buyerId: BUYER,
      siteId: site,
      itemId: 'i',
      kind: 'RECEIPT',
      quantity: -3,
      unit: 'EA',
      occurredAt: new Date().toISOString(),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/^quantity must be greater than 0/);
    const noDate = await post({
      movements: [{ eventId: 'x', buyerId: BUYER, siteId: site, itemId: 'i', kind: 'RECEIPT', quantity: 3, unit: 'EA' }],
    });
    expect((await json(noDate)).message).toMatch(/movements\[0\]\.occurredAt must be a date-time/);
    expect((await post(movementJson(), null)).status).toBe(401);
    expect((await post(movementJson(), 'demo-northwind-key')).status).toBe(403);
    expect((await post({ ...movementJson(), buyerId: 'someone-else' })).status).toBe(403);
  });

  it('refuses over REST, before answering, a quantity of 1e12 or a NUL in an id (400), and a unit or site x item the agreement does not have (422)', async () => {
    const rest = (overrides: Record<string, unknown>) => ({ ...movementJson(), itemId: eaItem, ...overrides });
    const huge = await post({ movements: [rest({}), rest({ quantity: 1e12 })] });
    expect(huge.status).toBe(400);
    expect((await json(huge)).message).toBe('movements[1].quantity must be at most 1,000,000,000 in size (got 1000000000000)');
    const nul = await post(rest({ itemId: `${eaItem}\u0000` }));
    expect(nul.status).toBe(400);
    expect((await json(nul)).message).toBe('itemId must not contain control characters');
    const otherUnit = await post({ movements: [rest({ quantity: 4 }), rest({ unit: 'KG' })] });
    expect(otherUnit.status).toBe(422);
    expect((await json(otherUnit)).message).toMatch(/^movements\[1\]\.unit is KG but agreement .* keeps .* in EA$/);
    const uncovered = await post(rest({ itemId: uniqueId('item') }));
    expect(uncovered.status).toBe(422);
    expect((await json(uncovered)).message).toMatch(/^siteId .* is not covered by an agreement of acme-motors in force at occurredAt$/);
    // None of the refused requests reached the topic: the first movement applied is the one sent after them.
    expect((await post(rest({ quantity: 6 }))).status).toBe(202);
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === eaItem, { settleMs: 1500 });
    expect(level.value).toMatchObject({ onHand: 6, sequence: 1 });
  });

  it('dead-letters with its reason a Kafka movement of 1e12 or with a NUL in its unit or item, and applies the next', async () => {
    const item = uniqueId('item');
    const huge = movement({ itemId: item, quantity: 1e12 });
    const nul = movement({ itemId: item, unit: 'EA\u0000' });
    // Its key holds the NUL too, which Postgres text cannot: the dead letter must still be kept.
    const nulItem = movement({ itemId: `${item}\u0000` });
    await kafka.publish(topics.stockMovements, huge);
    await kafka.publish(topics.stockMovements, nul);
    await kafka.publish(topics.stockMovements, nulItem);
    await kafka.publish(topics.stockMovements, movement({ itemId: item, quantity: 9 }));
    const reasonOf = async (eventId: string) => {
      const [dead] = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.headers['smi-event-id'] === eventId);
      return dead.headers[DEAD_LETTER_HEADERS.reason];
    };
    expect(await reasonOf(huge.eventId)).toBe('rejected: quantity must be at most 1,000,000,000 in size (got 1000000000000)');
    // A NUL is refused as the record is decoded, on every topic alike, before any use case sees it.
    expect(await reasonOf(nul.eventId)).toBe(
      'undecodable: value holds what the platform never stores: unit holds a NUL or half of a surrogate pair',
    );
    expect(await reasonOf(nulItem.eventId)).toBe(
      'undecodable: value holds what the platform never stores: itemId holds a NUL or half of a surrogate pair',
    );
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item);
    expect(level.value).toMatchObject({ onHand: 9, sequence: 1 });
  });

  it('dead-letters a record that is not Avro, with the reason, and goes on with the next', async () => {
    const item = uniqueId('item');
    const marker = uniqueId('garbage');
    await kafka.publishRaw(topics.stockMovements.name, `${BUYER}|${site}|${item}`, Buffer.from(`{"not":"avro","marker":"${marker}"}`));
    await kafka.publish(topics.stockMovements, movement({ itemId: item, quantity: 3 }));
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.value.includes(marker));
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^undecodable: value does not start with the Confluent magic byte/);
    expect(dead.headers[DEAD_LETTER_HEADERS.topic]).toBe(topics.stockMovements.name);
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item);
    expect(level.value.onHand).toBe(3);
  });

  it('dead-letters a valid Avro movement that breaks a rule, naming the field', async () => {
    const item = uniqueId('item');
    const rejected = movement({ itemId: item, kind: 'CONSUMPTION', quantity: -4 });
    await kafka.publish(topics.stockMovements, rejected);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.headers['smi-event-id'] === rejected.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe('rejected: quantity must be greater than 0 for a CONSUMPTION (got -4)');
    await kafka.publish(topics.stockMovements, movement({ itemId: item, unit: 'EA', quantity: 2 }));
    await kafka.publish(topics.stockMovements, movement({ itemId: item, unit: 'KG', quantity: 2, eventId: `${item}-kg` }));
    const [unitDead] = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.headers['smi-event-id'] === `${item}-kg`);
    expect(unitDead.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^rejected: unit is KG but .* is kept in EA$/);
    // Kept for operators too, with the reason; buyers are told nothing of dead letters.
    const listed = await json(
      await fetch(`${ingest.baseUrl}/dead-letters?topic=${topics.stockMovements.name}`, { headers: { 'x-api-key': 'demo-operator-key' } }),
    );
    expect(listed.deadLetters).toContainEqual(
      expect.objectContaining({
        eventId: rejected.eventId,
        reason: 'rejected: quantity must be greater than 0 for a CONSUMPTION (got -4)',
      }),
    );
    expect((await fetch(`${ingest.baseUrl}/dead-letters`, { headers: { 'x-api-key': BUYER_KEY } })).status).toBe(404);
  });

  it("keeps event ids per buyer: another buyer's movement with an id already used is applied, not dropped", async () => {
    const item = uniqueId('item');
    const shared = uniqueId('shared');
    await kafka.publish(topics.stockMovements, movement({ eventId: shared, itemId: item, quantity: 4 }));
    await kafka.publish(topics.stockMovements, movement({ eventId: shared, buyerId: 'other-buyer', itemId: item, quantity: 9 }));
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 2 });
    expect(levels.map((l) => [l.value.buyerId, l.value.onHand]).sort()).toEqual([
      [BUYER, 4],
      ['other-buyer', 9],
    ]);
  });

  it('dead-letters a Kafka movement whose id was used with another body, naming the id; the same body again changes nothing', async () => {
    const item = uniqueId('item');
    const first = movement({ itemId: item, quantity: 5 });
    await kafka.publish(topics.stockMovements, first);
    await kafka.publish(topics.stockMovements, { ...first });
    await kafka.publish(topics.stockMovements, { ...first, quantity: 50 });
    await kafka.publish(topics.stockMovements, movement({ itemId: item, quantity: 1 }));
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.headers['smi-event-id'] === first.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(
      `conflict: event id ${first.eventId} was already used in ${BUYER}|kafka with a different body`,
    );
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 2, settleMs: 1500 });
    expect(levels.map((l) => l.value.onHand)).toEqual([5, 6]);
  });

  it('answers 409 over REST for an id sent before with another body, and 202 with no second effect for the same body', async () => {
    const item = restIdItem;
    const body = { ...movementJson(), itemId: item, quantity: 3 };
    expect((await post(body)).status).toBe(202);
    const again = await post(body);
    expect(again.status).toBe(202);
    expect(await json(again)).toMatchObject({ accepted: [body.eventId], repeats: [body.eventId] });
    const changed = await post({
      movements: [
        { ...movementJson(), itemId: item },
        { ...body, quantity: 30 },
      ],
    });
    expect(changed.status).toBe(409);
    expect(await json(changed)).toMatchObject({ conflicts: [body.eventId] });
    // Nothing of a refused request is taken in: its other movement may be sent again.
    await post({ ...movementJson(), itemId: item, quantity: 1 });
    const levels = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 2, settleMs: 1500 });
    expect(levels.map((l) => l.value.onHand)).toEqual([3, 4]);
    // The same id over Kafka is the buyer's Kafka channel, a scope of its own.
    await kafka.publish(topics.stockMovements, movement({ eventId: body.eventId, itemId: item, quantity: 2 }));
    const more = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item, { count: 3 });
    expect(more.map((l) => l.value.onHand)).toEqual([3, 4, 6]);
  });

  it('serves the schema registry read API so other tools can find a schema by id', async () => {
    const auth = { 'x-api-key': 'demo-operator-key' };
    const subjects = await json(await fetch(`${ingest.baseUrl}/subjects`, { headers: auth }));
    expect(subjects).toContain('smi.stock-movements.v1-value');
    const latest = await json(await fetch(`${ingest.baseUrl}/subjects/smi.stock-movements.v1-value/versions/latest`, { headers: auth }));
    const byId = await json(await fetch(`${ingest.baseUrl}/schemas/ids/${latest.id}`, { headers: auth }));
    expect(JSON.parse(byId.schema).name).toBe('StockMovement');
    const basic = 'Basic ' + Buffer.from('demo-operator-key:').toString('base64');
    expect((await fetch(`${ingest.baseUrl}/schemas/ids/99999`, { headers: { authorization: basic } })).status).toBe(404);
    expect((await fetch(`${ingest.baseUrl}/subjects`)).status).toBe(401);
  });

  function movementJson() {
    return {
      eventId: uniqueId('rest'),
      buyerId: BUYER,
      siteId: site,
      itemId: 'i',
      kind: 'RECEIPT',
      quantity: 1,
      unit: 'EA',
      occurredAt: new Date().toISOString(),
    };
  }
});
