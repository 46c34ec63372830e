import { EntityManager, EntitySchema } from 'typeorm';

/** An event a consumer has already applied; its presence makes redelivery a no-op. */
export interface ProcessedEvent {
  consumer: string;
  eventId: string;
  processedAt: Date;
}

export const ProcessedEventEntity = new EntitySchema<ProcessedEvent>({
  name: 'ProcessedEvent',
  tableName: 'inbox',
  columns: {
    consumer: { type: 'text', primary: true },
    eventId: { name: 'event_id', type: 'text', primary: true },
    processedAt: { name: 'processed_at', type: 'timestamptz', createDate: true },
  },
});

/**
 * Claims a run of events for a consumer in one statement, inside the current transaction, and
 * returns the ids claimed now. An id missing from the answer was applied before (or is being
 * applied by a concurrent transaction, which holds the row lock until it commits); an id twice
 * in the run is claimed once.
 */
export async function claimEvents(manager: EntityManager, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows: Array<{ event_id: string }> = await manager.query(
    `INSERT INTO inbox (consumer, event_id)
     SELECT $1, id FROM unnest($2::text[]) AS id
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [consumer, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
