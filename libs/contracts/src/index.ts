export * from './generated';
export * from './topics';
export { AvroCodec, UndecodableRecordError } from './avro-codec';
export { SchemaRegistry, ManifestSchemaRegistry, HttpSchemaRegistry, RegisteredSchema, schemaRegistryFromEnv } from './schema-registry';
export { readSchemaFile } from './schema-files';
export { roundToStoredPrecision, STORED_QUANTITY_LIMIT } from './stored-precision';
