import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ForecastAccuracy, ReplenishmentOrder, Shipment, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction } from '@smi/messaging';
import { RecordForecastAccuracy, RecordOrderLines, RecordShippedLines } from './record-delivery-facts.use-case';

/**
 * Records the order, shipment and forecast accuracy facts the service level is judged on.
 * Orders and shipments go through the inbox (no per-key sequence to tell a repeat); a forecast
 * accuracy keeps the latest measurement per period, so a repeat changes nothing by itself.
 */
@Controller()
export class ServiceLevelFactsMessageHandler {
  constructor(
    private readonly orderLines: RecordOrderLines,
    private readonly shippedLines: RecordShippedLines,
    private readonly forecastAccuracy: RecordForecastAccuracy,
  ) {}

  @ConsumeEvents(topics.replenishmentOrders)
  async recordOrders(@Payload() orders: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<void> {
    await this.orderLines.execute(orders, tx);
  }

  @ConsumeEvents(topics.shipments)
  async recordShipments(@Payload() shipments: Inbound<Shipment>[], @Ctx() tx: Transaction): Promise<void> {
    await this.shippedLines.execute(shipments, tx);
  }

  @ConsumeEvents(topics.forecastAccuracy, { deduplication: 'handler' })
  async recordForecastAccuracy(@Payload() measurements: Inbound<ForecastAccuracy>[], @Ctx() tx: Transaction): Promise<void> {
    await this.forecastAccuracy.execute(measurements, tx);
  }
}
