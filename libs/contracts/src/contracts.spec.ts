import { AvroCodec, UndecodableRecordError } from './avro-codec';
import { generatedContractTypes } from './generated-modules';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { avroType } from './avro-types';
import { incompatibilityWith } from './schema-compatibility';
import { listSchemaFiles, readSchemaFile } from './schema-files';
import { ManifestSchemaRegistry, readManifest, sameSchema, versionsOf } from './schema-registry';
import { allTopics, subjectOf, topics } from './topics';
import type { StockMovement } from './generated';

const movement: StockMovement = {
  eventId: 'mv-1',
  buyerId: 'B1',
  siteId: 'S1',
  itemId: 'I1',
  kind: 'CONSUMPTION',
  quantity: 4,
  unit: 'EA',
  occurredAt: new Date('2026-11-01T08:00:00Z'),
  source: 'test',
  orderReference: null,
};

describe('contract types', () => {
  it('are exactly what schemas/*.avsc generate (run npm run contracts:generate if not)', () => {
    const { path, text } = generatedContractTypes();
    expect(readFileSync(join(__dirname, path), 'utf8')).toBe(text);
  });
});

describe('schema manifest', () => {
  const manifest = readManifest();

  it('holds every topic schema as its latest version (run npm run schemas:register if not)', () => {
    for (const topic of allTopics) {
      const versions = versionsOf(manifest, subjectOf(topic));
      expect(versions.length).toBeGreaterThan(0);
      expect(sameSchema(versions[versions.length - 1].schema, readSchemaFile(topic.schemaFile))).toBe(true);
    }
  });

  it('gives every version a unique id', () => {
    const ids = manifest.schemas.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps each schema able to read every earlier version of its subject', () => {
    for (const topic of allTopics) {
      const current = readSchemaFile(topic.schemaFile);
      for (const older of versionsOf(manifest, subjectOf(topic))) {
        expect({ subject: subjectOf(topic), version: older.version, problem: incompatibilityWith(current, older.schema) }).toEqual({
          subject: subjectOf(topic),
          version: older.version,
          problem: null,
        });
      }
    }
  });

  it('refuses a new required field, and accepts dropping a field or adding one with a default', () => {
    const v1 = readSchemaFile('StockMovement.avsc');
    const fields = v1.fields as Array<{ name: string }>;
    const withoutSource = { ...v1, fields: fields.filter((f) => f.name !== 'source') };
    expect(incompatibilityWith(withoutSource, v1)).toBeNull();
    const addedRequired = { ...v1, fields: [...fields, { name: 'lot', type: 'string' }] };
    expect(incompatibilityWith(addedRequired, v1)).toMatch(/lot/);
    const addedOptional = { ...v1, fields: [...fields, { name: 'lot', type: ['null', 'string'], default: null }] };
    expect(incompatibilityWith(addedOptional, v1)).toBeNull();
  });

  it('parses every schema file', () => {
    for (const file of listSchemaFiles()) expect(() => avroType(readSchemaFile(file))).not.toThrow();
  });
});

describe('Avro codec (Confluent wire format)', () => {
  const codec = new AvroCodec(new ManifestSchemaRegistry());

  it('writes magic byte 0 and the registered schema id, and reads the value back', async () => {
    const bytes = await codec.encode(topics.stockMovements, movement);
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(
      await new ManifestSchemaRegistry().idFor(subjectOf(topics.stockMovements), readSchemaFile('StockMovement.avsc')),
    );
    expect(await codec.decode(topics.stockMovements, bytes)).toEqual(movement);
  });

  it('refuses to encode a value missing a field, naming the field', async () => {
    const { unit: _unit, ...withoutUnit } = movement;
    await expect(codec.encode(topics.stockMovements, withoutUnit as StockMovement)).rejects.toThrow(/unit/);
  });

  it('reports bytes that are not framed Avro as undecodable, with the reason', async () => {
    await expect(codec.decode(topics.stockMovements, Buffer.from('{"json":true}'))).rejects.toThrow(UndecodableRecordError);
    await expect(codec.decode(topics.stockMovements, Buffer.from([0, 0, 0, 0, 99, 1]))).rejects.toThrow(/schema id 99/);
    const truncated = (await codec.encode(topics.stockMovements, movement)).subarray(0, 12);
    await expect(codec.decode(topics.stockMovements, truncated)).rejects.toThrow(/not valid Avro/);
  });
});
