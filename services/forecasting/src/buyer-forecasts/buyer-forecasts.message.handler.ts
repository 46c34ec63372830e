import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { BuyerForecast, inboundTopics, topics } from '@smi/contracts';
import { ConsumeEvents, fromTheirOwnBuyer, Inbound, Rejection, Transaction } from '@smi/messaging';
import { TakeBuyerForecasts } from './take-buyer-forecasts.use-case';

/**
 * Buyers' forecasts from their planning systems, each on its buyer's own topic
 * (`smi.in.<buyerId>.buyer-forecasts.v1`); a bad one, or one naming another buyer, goes to the
 * dead-letter topic with the reason. The shared topic is internal (no buyer may write it).
 */
@Controller()
export class BuyerForecastsMessageHandler {
  constructor(private readonly takeBuyerForecasts: TakeBuyerForecasts) {}

  @ConsumeEvents(topics.buyerForecasts, { scopeOf: (forecast) => forecast.buyerId })
  onBuyerForecasts(@Payload() forecasts: Inbound<BuyerForecast>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.takeBuyerForecasts.execute(forecasts, tx);
  }

  @ConsumeEvents(inboundTopics.buyerForecasts, { scopeOf: (forecast) => forecast.buyerId })
  async onBuyerOwnForecasts(@Payload() forecasts: Inbound<BuyerForecast>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    const { accepted, rejected } = fromTheirOwnBuyer(forecasts, inboundTopics.buyerForecasts);
    if (accepted.length === 0) return rejected;
    return [...rejected, ...(await this.takeBuyerForecasts.execute(accepted, tx))];
  }
}
