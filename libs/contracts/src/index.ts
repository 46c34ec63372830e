export * from './generated';
export * from './topics';
export { AvroCodec, UndecodableRecordError, UnencodableValueError } from './avro-codec';
export {
  CompatibilityLevel,
  SchemaRegistry,
  SchemaRegistryError,
  ManifestSchemaRegistry,
  PublishedSchemas,
  HttpSchemaRegistry,
  RegisteredSchema,
  schemaRegistryFromEnv,
} from './schema-registry';
export { readSchemaFile } from './schema-files';
export { roundToStoredPrecision } from './stored-precision';
export { unstorableField } from './storable-value';
