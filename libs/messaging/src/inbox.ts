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
 * Claims an event for a consumer inside the current transaction. False means it
 * was applied before (or is being applied by a concurrent transaction, which
 * then holds the row lock until it commits).
 */
export async function claimEvent(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
    [consumer, eventId],
  );
  return rows.length === 1;
}
