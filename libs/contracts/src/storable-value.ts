/**
 * What no event of the platform ever carries, whatever its schema says: Avro lets a double be NaN,
 * Infinity or 1e308 and a string hold NUL or half a surrogate pair, but no service can store or
 * reason about them (Postgres refuses NUL and non-finite numerics; a NaN sequence or demand poisons
 * every later comparison). A record holding one is refused when it is decoded, with the field named.
 */

/**
 * Above every number an event may carry: quantities and amounts are bounded by 10^9 (libs/agreements bounds),
 * stock by 10^11, and an order's value (a quantity times a unit price) stays below 10^21, which its column holds.
 */
export const LARGEST_STORABLE_NUMBER = 1e21;
/** Longer than any text an event carries (ids 200 characters, reasons 1,000). */
export const LONGEST_STORABLE_TEXT = 10_000;

// eslint-disable-next-line no-control-regex
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first field of a decoded value that no service could store, with why, or undefined when there is none. */
export function unstorableField(value: unknown, path = 'value'): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${path} is ${value}`;
    if (Math.abs(value) > LARGEST_STORABLE_NUMBER) return `${path} is ${value}, beyond ${LARGEST_STORABLE_NUMBER}`;
    return undefined;
  }
  if (typeof value === 'string') {
    if (value.length > LONGEST_STORABLE_TEXT) return `${path} is ${value.length} characters, more than ${LONGEST_STORABLE_TEXT}`;
    if (NUL_OR_LONE_SURROGATE.test(value)) return `${path} holds a NUL or half of a surrogate pair`;
    return undefined;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${path} is not a valid time` : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, field] of Object.entries(value)) {
      const found = unstorableField(field, path === 'value' ? key : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
