import { unstorableField } from './storable-value';
import avro from 'avsc';
import { avroType } from './avro-types';
import { readSchemaFile } from './schema-files';
import { SchemaRegistry, schemaRegistryFromEnv } from './schema-registry';
import { subjectOf, TopicDefinition } from './topics';

const MAGIC_BYTE = 0;

/** A value on the wire could not be read: not our framing, unknown schema, or bad Avro. */
export class UndecodableRecordError extends Error {
  override readonly name = 'UndecodableRecordError';
}

/** A value does not fit its topic's schema (a field missing, of another type, an int out of range): it never will. */
export class UnencodableValueError extends Error {
  override readonly name = 'UnencodableValueError';
}

/**
 * Avro values in the Confluent wire format: magic byte 0, 4-byte big-endian
 * schema id, Avro binary. Records are read with the writer's schema (found by
 * id) resolved to the reader's current schema, so old records stay readable.
 */
export class AvroCodec {
  private readonly readerTypes = new Map<string, avro.Type>();
  private readonly writerTypes = new Map<number, Promise<avro.Type>>();
  private readonly resolvers = new Map<string, avro.Resolver>();
  /** The id each topic's current schema was registered under: looked up once per process, not per value. */
  private readonly writerIds = new Map<string, Promise<number>>();

  constructor(private readonly registry: SchemaRegistry = schemaRegistryFromEnv()) {}

  async encode<T>(topic: TopicDefinition<T>, value: T): Promise<Buffer> {
    const type = this.readerType(topic);
    if (!type.isValid(value)) {
      const errors: string[] = [];
      type.isValid(value, { errorHook: (path) => errors.push(path.join('.') || '(root)') });
      throw new UnencodableValueError(`value for ${topic.name} does not match ${topic.schemaFile} at field ${errors.join(', ')}`);
    }
    const id = await this.writerIdOf(topic);
    const header = Buffer.alloc(5);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeInt32BE(id, 1);
    return Buffer.concat([header, type.toBuffer(value)]);
  }

  private writerIdOf(topic: TopicDefinition<unknown>): Promise<number> {
    let id = this.writerIds.get(topic.contractName);
    if (!id) {
      id = this.registry.idFor(subjectOf(topic), readSchemaFile(topic.schemaFile));
      // A failed look-up (registry down) is tried again next time, not remembered.
      id.catch(() => this.writerIds.delete(topic.contractName));
      this.writerIds.set(topic.contractName, id);
    }
    return id;
  }

  async decode<T>(topic: TopicDefinition<T>, buffer: Buffer | null): Promise<T> {
    if (!buffer || buffer.length < 5) throw new UndecodableRecordError('value is empty or shorter than the 5-byte wire header');
    if (buffer.readUInt8(0) !== MAGIC_BYTE) {
      throw new UndecodableRecordError(`value does not start with the Confluent magic byte 0 (found ${buffer.readUInt8(0)})`);
    }
    const id = buffer.readInt32BE(1);
    let writer: avro.Type;
    try {
      writer = await this.writerType(id);
    } catch (error) {
      throw new UndecodableRecordError(`schema id ${id} is unknown: ${(error as Error).message}`);
    }
    const reader = this.readerType(topic);
    const resolverKey = `${topic.contractName}\n${id}`;
    let resolver = this.resolvers.get(resolverKey);
    let value: T;
    try {
      if (!resolver) {
        resolver = reader.createResolver(writer);
        this.resolvers.set(resolverKey, resolver);
      }
      value = reader.fromBuffer(buffer.subarray(5), resolver) as T;
    } catch (error) {
      throw new UndecodableRecordError(`value is not valid Avro for schema id ${id} on ${topic.name}: ${(error as Error).message}`);
    }
    const unstorable = unstorableField(value);
    if (unstorable) throw new UndecodableRecordError(`value holds what the platform never stores: ${unstorable}`);
    return value;
  }

  private readerType(topic: TopicDefinition<unknown>): avro.Type {
    let type = this.readerTypes.get(topic.contractName);
    if (!type) {
      type = avroType(readSchemaFile(topic.schemaFile));
      this.readerTypes.set(topic.contractName, type);
    }
    return type;
  }

  private writerType(id: number): Promise<avro.Type> {
    let type = this.writerTypes.get(id);
    if (!type) {
      type = this.registry.schemaFor(id).then((schema) => avroType(schema));
      type.catch(() => this.writerTypes.delete(id));
      this.writerTypes.set(id, type);
    }
    return type;
  }
}
