import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from './delivery';

@Entity({ name: 'deliveries' })
export class DeliveryRow {
  @PrimaryColumn({ name: 'notification_id', type: 'text' }) notificationId!: string;
  @Column({ name: 'recipient', type: 'text' }) recipientId!: string;
  @Column({ type: 'text' }) channel!: DeliveryChannel;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text' }) topic!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'caused_by_event_id', type: 'text' }) causedByEventId!: string;
  @Column({ type: 'text' }) status!: DeliveryStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
