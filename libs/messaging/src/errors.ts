/**
 * The event is well-formed Avro but breaks a business rule (unknown unit, negative
 * receipt...). Retrying cannot help: it goes to the dead-letter topic with the reason.
 */
export class RejectedEventError extends Error {
  override readonly name = 'RejectedEventError';
}
