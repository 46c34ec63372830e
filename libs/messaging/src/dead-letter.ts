import { deadLetterTopicOf } from '@smi/contracts';
import type { KafkaMessage } from 'kafkajs';
import { EventPublisher, RawMessage } from './event-publisher';
import { headersAsStrings } from './trace-headers';

export const DEAD_LETTER_HEADERS = {
  reason: 'smi-dlq-reason',
  topic: 'smi-dlq-original-topic',
  partition: 'smi-dlq-original-partition',
  offset: 'smi-dlq-original-offset',
  consumer: 'smi-dlq-consumer',
  failedAt: 'smi-dlq-failed-at',
} as const;

/**
 * Parks a record this service cannot apply on its own dead-letter topic, bytes
 * untouched and the reason in headers, so the partition moves on and nothing
 * is lost: an operator can read, fix and replay it.
 */
export async function sendToDeadLetter(
  publisher: EventPublisher,
  service: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: string,
): Promise<void> {
  await publisher.send(deadLetterOf(service, source, reason));
}

/** The dead-letter record for a record this service cannot apply: its bytes untouched, the reason in headers. */
export function deadLetterOf(
  service: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: string,
): RawMessage {
  return {
    topic: deadLetterTopicOf(service),
    key: source.message.key?.toString() ?? '',
    value: source.message.value ?? Buffer.alloc(0),
    headers: {
      ...headersAsStrings(source.message.headers),
      [DEAD_LETTER_HEADERS.reason]: reason.slice(0, 2000),
      [DEAD_LETTER_HEADERS.topic]: source.topic,
      [DEAD_LETTER_HEADERS.partition]: String(source.partition),
      [DEAD_LETTER_HEADERS.offset]: source.message.offset,
      [DEAD_LETTER_HEADERS.consumer]: service,
      [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
    },
  };
}
