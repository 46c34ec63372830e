import { Controller, Get, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { AuthenticatedRequest, optionalQueryChoice, optionalQueryText, optionalQueryWholeNumber } from '@smi/service-kit';
import { ALERT_TOPICS } from '../alerts/alert-rules';
import { Delivery, DELIVERY_CHANNELS, DELIVERY_STATUSES } from './delivery';
import { DeliveryRepository } from './delivery.repository';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const TOPICS = [...ALERT_TOPICS, 'DIGEST'] as const;

/** Alerts and how their delivery went: a party sees those addressed to it; an operator, all. */
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly deliveries: DeliveryRepository) {}

  /** Newest first; filters: status, topic, channel, causedByEventId, limit. */
  @Get()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('status') status: unknown,
    @Query('topic') topic: unknown,
    @Query('channel') channel: unknown,
    @Query('causedByEventId') causedByEventId: unknown,
    @Query('limit') limit: unknown,
  ) {
    const party = request.party;
    const deliveries = await this.deliveries.list({
      status: optionalQueryChoice(status, 'status', DELIVERY_STATUSES),
      topic: optionalQueryChoice(topic, 'topic', TOPICS),
      channel: optionalQueryChoice(channel, 'channel', DELIVERY_CHANNELS),
      causedByEventId: optionalQueryText(causedByEventId, 'causedByEventId'),
      recipientId: party.kind === 'operator' ? undefined : party.id,
      limit: optionalQueryWholeNumber(limit, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT,
    });
    return deliveries.map(asView);
  }

  /** One notification's delivery log: every attempt, when, how it ended and why. Another party's answers 404 like none. */
  @Get(':notificationId')
  async one(@Req() request: AuthenticatedRequest, @Param('notificationId') notificationId: string) {
    const found = await this.deliveries.find(notificationId);
    const party = request.party;
    if (!found || (party.kind !== 'operator' && found.delivery.recipientId !== party.id))
      throw new NotFoundException(`no notification ${notificationId}`);
    return { ...asView(found.delivery), attemptLog: found.attempts };
  }
}

/** nextAttemptAt only means something while a delivery is pending. */
function asView(delivery: Delivery) {
  const { nextAttemptAt, ...rest } = delivery;
  return { ...rest, nextAttemptAt: delivery.status === 'pending' ? nextAttemptAt : null };
}
