import { avroType } from './avro-types';

/**
 * BACKWARD_TRANSITIVE, as Confluent names it: a consumer on the new schema must
 * read every record written with any earlier version, because topics keep old
 * records for weeks. avsc's resolver refuses exactly the pairs Avro cannot resolve.
 */
export function incompatibilityWith(newer: object, older: object): string | null {
  try {
    const reader = avroType(newer);
    const writer = avroType(older);
    reader.createResolver(writer);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
