import { Controller, Get, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ApiRefusal,
  asDto,
  AuthenticatedRequest,
  optionalQueryChoice,
  optionalQueryText,
  optionalQueryWholeNumber,
} from '@smi/service-kit';
import { Delivery, DELIVERY_CHANNELS, DELIVERY_STATUSES } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryAttemptDto, NOTIFICATION_TOPICS, NotificationDto, NotificationWithAttemptsDto } from './notifications.dto';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Alerts and how their delivery went: a party sees those addressed to it; an operator, all. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly deliveries: DeliveryRepository) {}

  /** Newest first; filters: status, topic, channel, causedByEventId, limit. */
  @Get()
  @ApiOperation({
    summary: 'The alerts sent to the caller and how their delivery went, newest first',
    description:
      'Each alert or digest, by webhook or e-mail, with its status (pending, delivered, failed) and attempts. A buyer ' +
      'or supplier sees those addressed to it; an operator, all.',
  })
  @ApiQuery({ name: 'status', required: false, enum: DELIVERY_STATUSES, description: 'Only in this status.' })
  @ApiQuery({ name: 'topic', required: false, enum: NOTIFICATION_TOPICS, description: 'Only about this.' })
  @ApiQuery({ name: 'channel', required: false, enum: DELIVERY_CHANNELS, description: 'Only sent this way.' })
  @ApiQuery({ name: 'causedByEventId', required: false, description: 'Only those this event raised.', example: 'ord-evt-1' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `At most this many (1 to ${MAX_LIMIT}; default ${DEFAULT_LIMIT}).`,
    example: 20,
  })
  @ApiOkResponse({ description: 'The notifications.', type: [NotificationDto] })
  @ApiRefusal(400, 'A filter is not one of its values, is empty or given twice, or limit is out of range.')
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('status') status: unknown,
    @Query('topic') topic: unknown,
    @Query('channel') channel: unknown,
    @Query('causedByEventId') causedByEventId: unknown,
    @Query('limit') limit: unknown,
  ): Promise<NotificationDto[]> {
    const party = request.party;
    const deliveries = await this.deliveries.list({
      status: optionalQueryChoice(status, 'status', DELIVERY_STATUSES),
      topic: optionalQueryChoice(topic, 'topic', NOTIFICATION_TOPICS),
      channel: optionalQueryChoice(channel, 'channel', DELIVERY_CHANNELS),
      causedByEventId: optionalQueryText(causedByEventId, 'causedByEventId'),
      recipientId: party.kind === 'operator' ? undefined : party.id,
      limit: optionalQueryWholeNumber(limit, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT,
    });
    return deliveries.map((delivery) => asDto(NotificationDto, asView(delivery)));
  }

  /** One notification's delivery log: every attempt, when, how it ended and why. Another party's answers 404 like none. */
  @Get(':notificationId')
  @ApiOperation({
    summary: "One notification's delivery log: every attempt, when, how it ended and why",
    description: "Another party's notification answers 404, as one that does not exist; an operator sees all.",
  })
  @ApiParam({ name: 'notificationId', description: "The notification's id, from the list.", example: 'ord-evt-1:acme' })
  @ApiOkResponse({ description: 'The notification with its attempts.', type: NotificationWithAttemptsDto })
  @ApiRefusal(404, "No such notification, or another party's.")
  async one(@Req() request: AuthenticatedRequest, @Param('notificationId') notificationId: string): Promise<NotificationWithAttemptsDto> {
    const found = await this.deliveries.find(notificationId);
    const party = request.party;
    if (!found || (party.kind !== 'operator' && found.delivery.recipientId !== party.id))
      throw new NotFoundException(`no notification ${notificationId}`);
    return asDto(NotificationWithAttemptsDto, {
      ...asView(found.delivery),
      attemptLog: found.attempts.map((attempt) => asDto(DeliveryAttemptDto, attempt)),
    });
  }
}

/** nextAttemptAt only means something while a delivery is pending. */
function asView(delivery: Delivery): NotificationDto {
  const { nextAttemptAt, ...rest } = delivery;
  return { ...rest, nextAttemptAt: delivery.status === 'pending' ? nextAttemptAt : null };
}
