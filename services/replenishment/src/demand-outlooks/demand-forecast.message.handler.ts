import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DemandForecast, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction } from '@smi/messaging';
import { KeepDemandOutlooks } from './keep-demand-outlooks.use-case';

/**
 * Demand forecasts, a batch at a time. An outlook is replaced only by a newer forecast, so a
 * redelivered one changes nothing: no inbox row is written per forecast.
 */
@Controller()
export class DemandForecastMessageHandler {
  constructor(private readonly keepOutlooks: KeepDemandOutlooks) {}

  @ConsumeEvents(topics.demandForecasts, { deduplication: 'handler' })
  onDemandForecasts(@Payload() forecasts: Inbound<DemandForecast>[], @Ctx() tx: Transaction): Promise<void> {
    return this.keepOutlooks.execute(forecasts, tx);
  }
}
