import {
  AvroCodec,
  HttpSchemaRegistry,
  ManifestSchemaRegistry,
  readSchemaFile,
  SchemaRegistryError,
  StockMovement,
  topics,
} from '@smi/contracts';
import {
  KafkaTestClient,
  ProvidedSchemaRegistry,
  provideSchemaRegistry,
  REPO_ROOT,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
} from '@smi/testing';
import { execFileSync } from 'node:child_process';

/**
 * The platform against a real Confluent-compatible registry (SCHEMA_REGISTRY_URL, else Apicurio
 * Registry from deploy/apicurio.sh): the schemas published with the project's tool, records
 * produced and consumed through the real broker with ids the registry gave, and the registry
 * itself refusing a schema change that breaks its readers.
 */
describe('a real schema registry', () => {
  let provided: ProvidedSchemaRegistry;
  let registry: HttpSchemaRegistry;
  let ingest: ServiceProcess;
  let kafka: KafkaTestClient;
  let published: string;
  const buyer = 'acme-motors';
  const site = uniqueId('site');
  const item = uniqueId('item');
  const stockMovementSchema = readSchemaFile(topics.stockMovements.schemaFile) as unknown as { fields: object[] };

  beforeAll(async () => {
    provided = provideSchemaRegistry();
    console.log(`[schema registry] ${provided.source}: ${provided.url}`);
    registry = new HttpSchemaRegistry(provided.url);
    // What an operator runs once against a new registry.
    published = execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/register-schemas.ts', '--registry', provided.url], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    kafka = new KafkaTestClient(undefined, {}, new AvroCodec(new HttpSchemaRegistry(provided.url)));
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: 'northwind',
        lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 0, maximum: 100, leadTimeDays: 2, packMultiple: 1 }],
      }),
    ]);
    ingest = await startServiceProcess('inventory-ingest', { SMI_AGREEMENTS_FILE: agreementsFile, SCHEMA_REGISTRY_URL: provided.url });
  });

  afterAll(async () => {
    await ingest?.stop();
    await kafka?.disconnect();
    await provided?.stop();
  });

  it('holds every subject of the project, its current schema as the latest version, each under BACKWARD_TRANSITIVE', async () => {
    const subjects = await new ManifestSchemaRegistry().subjects();
    expect(published.trim().split('\n')).toHaveLength(subjects.length);
    expect(await registry.subjects()).toEqual(expect.arrayContaining(subjects));
    const levels = await Promise.all(subjects.map((subject) => registry.compatibilityOf(subject)));
    expect(new Set(levels)).toEqual(new Set(['BACKWARD_TRANSITIVE']));
    // Registering today's StockMovement schema again adds no version: the registry has it as its latest.
    const latest = (await registry.version('smi.stock-movements.v1-value', 'latest'))!;
    expect(await registry.idFor('smi.stock-movements.v1-value', stockMovementSchema)).toBe(latest.id);
    expect(await registry.versions('smi.stock-movements.v1-value')).toEqual([latest.version]);
  });

  it('carries a stock movement through the broker and inventory-ingest with schema ids from the registry', async () => {
    const movement: StockMovement = {
      eventId: uniqueId('mv'),
      buyerId: buyer,
      siteId: site,
      itemId: item,
      kind: 'RECEIPT',
      quantity: 40,
      unit: 'EA',
      occurredAt: new Date(),
      source: 'erp',
      orderReference: null,
    };
    await kafka.publish(topics.stockMovements, movement);
    // inventory-ingest decoded the movement with the schema behind the registry's id, and wrote
    // the level under the id the registry holds for StockLevel; the test reads it back the same way.
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item);
    expect(level.value).toMatchObject({ buyerId: buyer, siteId: site, itemId: item, onHand: 40, movementId: movement.eventId });
    const stockLevelSchema = (await registry.version('smi.stock-levels.v1-value', 'latest'))!;
    expect(level.raw!.readInt32BE(1)).toBe(stockLevelSchema.id);
  });

  it("serves, on inventory-ingest's own registry endpoint, the registry's ids, since those are on the wire", async () => {
    const auth = { headers: { 'x-api-key': 'demo-acme-key' } };
    const latest = (await registry.version('smi.stock-levels.v1-value', 'latest'))!;
    const served = await (await fetch(`${ingest.baseUrl}/subjects/smi.stock-levels.v1-value/versions/latest`, auth)).json();
    expect(served).toMatchObject({ subject: 'smi.stock-levels.v1-value', version: latest.version, id: latest.id });
    const byId = (await (await fetch(`${ingest.baseUrl}/schemas/ids/${latest.id}`, auth)).json()) as { schema: string };
    expect(JSON.parse(byId.schema)).toEqual(latest.schema);
  });

  it('refuses a version that cannot read the one before under BACKWARD, and takes one that can', async () => {
    const subject = `${uniqueId('compat')}-value`;
    const first = await registry.idFor(subject, stockMovementSchema);
    await registry.setCompatibility(subject, 'BACKWARD');
    // A new field without a default: a reader on this version cannot read the records already written.
    const breaking = { ...stockMovementSchema, fields: [...stockMovementSchema.fields, { name: 'lotNumber', type: 'string' }] };
    const refusal = await registry.idFor(subject, breaking).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SchemaRegistryError);
    expect(refusal).toMatchObject({ status: 409 });
    expect(await registry.versions(subject)).toEqual([1]);

    const compatible = {
      ...stockMovementSchema,
      fields: [...stockMovementSchema.fields, { name: 'lotNumber', type: ['null', 'string'], default: null }],
    };
    expect(await registry.idFor(subject, compatible)).not.toBe(first);
    expect(await registry.versions(subject)).toEqual([1, 2]);
  });

  it("refuses the same breaking change on the project's own subject (the tool set BACKWARD_TRANSITIVE)", async () => {
    const breaking = { ...stockMovementSchema, fields: [...stockMovementSchema.fields, { name: 'lotNumber', type: 'string' }] };
    await expect(registry.idFor('smi.stock-movements.v1-value', breaking)).rejects.toMatchObject({ status: 409 });
  });
});
