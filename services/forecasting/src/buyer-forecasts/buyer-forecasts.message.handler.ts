import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { BuyerForecast, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { TakeBuyerForecasts } from './take-buyer-forecasts.use-case';

/** Buyers' forecasts from their planning systems; a bad one goes to the dead-letter topic naming its field. */
@Controller()
export class BuyerForecastsMessageHandler {
  constructor(private readonly takeBuyerForecasts: TakeBuyerForecasts) {}

  @ConsumeEvents(topics.buyerForecasts, { scopeOf: (forecast) => forecast.buyerId })
  onBuyerForecasts(@Payload() forecasts: Inbound<BuyerForecast>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.takeBuyerForecasts.execute(forecasts, tx);
  }
}
