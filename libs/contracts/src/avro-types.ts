import avro from 'avsc';

/** timestamp-millis as a JavaScript Date (avsc leaves logical types as plain numbers unless told). */
class TimestampMillis extends avro.types.LogicalType {
  override _fromValue(value: number): Date {
    return new Date(value);
  }
  override _toValue(value: unknown): number | undefined {
    if (value instanceof Date) return value.getTime();
    // Dates from another realm (jest's sandbox, worker threads) fail instanceof.
    if (value !== null && typeof value === 'object' && typeof (value as Date).getTime === 'function') {
      return (value as Date).getTime();
    }
    return undefined;
  }
  override _resolve(type: avro.Type): ((value: number) => number) | undefined {
    if (avro.Type.isType(type, 'long', 'logical:timestamp-millis')) return (value: number) => value;
    return undefined;
  }
}

/** Every schema in the platform is parsed through here, so logical types read the same everywhere. */
export function avroType(schema: object): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { logicalTypes: { 'timestamp-millis': TimestampMillis } });
}
