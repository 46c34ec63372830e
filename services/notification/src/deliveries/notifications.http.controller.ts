import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { AuthenticatedRequest } from '@smi/service-kit';
import { Delivery, DELIVERY_STATUSES, DeliveryStatus } from './delivery';
import { DeliveryRepository } from './delivery.repository';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Alerts and how their delivery went: a party sees those addressed to it; an operator, all. */
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly deliveries: DeliveryRepository) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: string, @Query('limit') limit?: string) {
    const party = request.party;
    const deliveries = await this.deliveries.list({
      status: statusFrom(status),
      recipientId: party.kind === 'operator' ? undefined : party.id,
      limit: limitFrom(limit),
    });
    return deliveries.map(asView);
  }
}

function statusFrom(status: string | undefined): DeliveryStatus | undefined {
  if (status === undefined || status === '') return undefined;
  if (!(DELIVERY_STATUSES as readonly string[]).includes(status)) {
    throw new BadRequestException(`status must be one of ${DELIVERY_STATUSES.join(', ')} (got "${status}")`);
  }
  return status as DeliveryStatus;
}

function limitFrom(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_LIMIT;
  const value = Number(limit);
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT} (got "${limit}")`);
  }
  return value;
}

/** nextAttemptAt only means something while a delivery is pending. */
function asView(delivery: Delivery) {
  const { nextAttemptAt, ...rest } = delivery;
  return { ...rest, nextAttemptAt: delivery.status === 'pending' ? nextAttemptAt : null };
}
