import { ApiProperty } from '@nestjs/swagger';
import { ALERT_TOPICS } from '../alerts/alert-rules';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, DeliveryChannel, DeliveryStatus } from './delivery';

export const NOTIFICATION_TOPICS = [...ALERT_TOPICS, 'DIGEST'] as const;

/** One alert (or digest) to one party, and how its delivery went so far. */
export class NotificationDto {
  @ApiProperty({ description: "The notification's id: one per recipient per causing event.", example: 'ord-evt-1:acme' })
  notificationId!: string;

  @ApiProperty({ description: 'The party it is addressed to.', example: 'acme' })
  recipientId!: string;

  @ApiProperty({ description: 'How it is sent.', enum: DELIVERY_CHANNELS, example: 'WEBHOOK' })
  channel!: DeliveryChannel;

  @ApiProperty({
    description: "Where: the party's webhook URL, or `mailto:<address>`, as it was when the alert arose.",
    example: 'https://erp.acme.example/smi-alerts',
  })
  url!: string;

  @ApiProperty({
    description: 'What it is about (an alert rule), or DIGEST for a digest of several.',
    enum: NOTIFICATION_TOPICS,
    example: 'ORDER_RAISED',
  })
  topic!: string;

  @ApiProperty({
    description: 'One line a person reads.',
    example: 'Order ORD-42 raised: 80 EA of brake-pad for plant-lyon, due 2026-03-13',
  })
  subject!: string;

  @ApiProperty({
    description: 'The details the receiver acts on; their fields depend on the topic.',
    type: 'object',
    additionalProperties: true,
    example: { orderId: 'ORD-42', siteId: 'plant-lyon', itemId: 'brake-pad', quantity: 80, unit: 'EA' },
  })
  payload!: Record<string, unknown>;

  @ApiProperty({ description: 'The event that raised it.', example: 'ord-evt-1' })
  causedByEventId!: string;

  @ApiProperty({
    description: 'pending: still being tried; delivered; failed: given up after the last retry.',
    enum: DELIVERY_STATUSES,
    example: 'delivered',
  })
  status!: DeliveryStatus;

  @ApiProperty({ description: 'Attempts started so far.', example: 1 })
  attempts!: number;

  @ApiProperty({ description: 'When the next attempt is due; null unless pending.', type: Date, nullable: true, example: null })
  nextAttemptAt!: Date | null;

  @ApiProperty({ description: "The last attempt's error; null when none failed.", type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ description: 'When the alert arose.', type: Date, example: '2026-03-10T08:00:01.000Z' })
  createdAt!: Date;

  @ApiProperty({
    description: 'When it was delivered or given up; null while pending.',
    type: Date,
    nullable: true,
    example: '2026-03-10T08:00:02.000Z',
  })
  completedAt!: Date | null;
}

export class DeliveryAttemptDto {
  @ApiProperty({ description: 'Its number, from 1.', example: 1 })
  attempt!: number;

  @ApiProperty({ description: 'When it was made.', type: Date, example: '2026-03-10T08:00:02.000Z' })
  at!: Date;

  @ApiProperty({ description: 'How it ended.', enum: ['delivered', 'failed'], example: 'delivered' })
  outcome!: 'delivered' | 'failed';

  @ApiProperty({
    description: 'Why it failed (the status or error the receiver gave); null when delivered.',
    type: String,
    nullable: true,
    example: null,
  })
  error!: string | null;
}

export class NotificationWithAttemptsDto extends NotificationDto {
  @ApiProperty({ description: 'Every attempt, oldest first.', type: [DeliveryAttemptDto] })
  attemptLog!: DeliveryAttemptDto[];
}
