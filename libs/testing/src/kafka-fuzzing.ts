import { AvroCodec, TopicDefinition } from '@smi/contracts';
import { DEAD_LETTER_HEADERS, EVENT_ID_HEADER, RawMessage } from '@smi/messaging';
import fc from 'fast-check';

/** Marks each fuzzed record, so its dead letter (headers are kept) says which case it was. */
export const FUZZ_CASE_HEADER = 'smi-fuzz-case';

/** A record no consumer can apply: its bytes (null for a tombstone) and what is wrong with it. */
export interface BadRecord {
  label: string;
  value: Buffer | null;
}

/** Field values a record may carry in valid Avro that no consumer should apply. */
export type OutOfRange<T> = ReadonlyArray<readonly [label: string, change: Partial<T>]>;

/**
 * The bad records of one topic, built from a valid value: bytes that are not the wire format
 * (garbage, empty, a tombstone, another magic byte, an unknown schema id, truncated Avro) and
 * valid Avro carrying values out of range. A change Avro itself cannot carry is left out.
 */
export async function badRecordsOf<T extends { eventId: string }>(
  codec: AvroCodec,
  topic: TopicDefinition<T>,
  valid: T,
  outOfRange: OutOfRange<T>,
  seed: number,
): Promise<BadRecord[]> {
  const encoded = await codec.encode(topic, valid);
  const [noise] = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { seed, numRuns: 1 });
  const unknownId = Buffer.from(encoded);
  unknownId.writeInt32BE(0x7ffffffe, 1);
  const records: BadRecord[] = [
    { label: 'garbage text', value: Buffer.from('not avro at all, just text') },
    { label: 'random bytes', value: Buffer.from(noise) },
    { label: 'empty value', value: Buffer.alloc(0) },
    { label: 'tombstone (null value)', value: null },
    { label: 'magic byte 1', value: Buffer.concat([Buffer.from([1]), encoded.subarray(1)]) },
    { label: 'unknown schema id', value: unknownId },
    { label: 'wire header only', value: encoded.subarray(0, 5) },
    { label: 'truncated Avro (half)', value: encoded.subarray(0, Math.ceil(encoded.length / 2)) },
    { label: 'truncated Avro (last byte cut)', value: encoded.subarray(0, encoded.length - 1) },
  ];
  for (const [i, [label, change]] of outOfRange.entries()) {
    try {
      // An event id of its own, so no consumer may take it for a repeat of another bad record.
      records.push({ label, value: await codec.encode(topic, { ...valid, eventId: `${valid.eventId}-${i}`, ...change }) });
    } catch {
      // Avro cannot carry it (a long beyond 2^53, a string where an enum is): the wire format itself refuses it.
    }
  }
  return records;
}

/**
 * Valid values with bad records between them (each valid value followed by `perValid` bad ones, in turn),
 * as raw messages in that order: a consumer must dead-letter each bad one and apply each valid one once.
 */
export async function interleaved<T extends { eventId: string }>(
  codec: AvroCodec,
  topic: TopicDefinition<T>,
  valid: T[],
  bad: BadRecord[],
  options: { run: string; perValid: number; copies?: number },
): Promise<{ messages: RawMessage[]; badCases: string[] }> {
  const messages: RawMessage[] = [];
  const badCases: string[] = [];
  let next = 0;
  const total = bad.length * (options.copies ?? 1);
  for (const value of valid) {
    messages.push({
      topic: topic.name,
      key: topic.keyOf(value),
      value: await codec.encode(topic, value),
      headers: { [EVENT_ID_HEADER]: value.eventId },
    });
    for (let i = 0; i < options.perValid && next < total; i++, next++) {
      const record = bad[next % bad.length];
      const fuzzCase = `${options.run}:${topic.contractName}:${next}:${record.label}`;
      badCases.push(fuzzCase);
      messages.push({
        topic: topic.name,
        key: topic.keyOf(value),
        value: record.value as Buffer,
        headers: { [FUZZ_CASE_HEADER]: fuzzCase },
      });
    }
  }
  return { messages, badCases };
}

/** What a dead-letter topic holds for a run: each case with its reason ('' when it came without one). */
export const deadLetterReasons = (records: Array<{ headers: Record<string, string> }>): Map<string, string> =>
  new Map(records.map((r) => [r.headers[FUZZ_CASE_HEADER], r.headers[DEAD_LETTER_HEADERS.reason] ?? '']));
