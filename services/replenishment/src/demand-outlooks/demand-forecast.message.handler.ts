import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AgreementBook } from '@smi/agreements';
import { DemandForecast, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction, withinTraceOf } from '@smi/messaging';
import { outlookFromForecast } from './demand-outlook';
import { DemandOutlookRepository } from './demand-outlook.repository';

/** Keeps the latest forecast of each site x item under an agreement, for the next replenishment decision. */
@Controller()
export class DemandForecastMessageHandler {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly outlooks: DemandOutlookRepository,
  ) {}

  @ConsumeEvents(topics.demandForecasts)
  async onDemandForecast(@Payload() events: Inbound<DemandForecast>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onDemandForecastOne(inbound.event, tx));
  }

  private async onDemandForecastOne(forecast: DemandForecast, ctx: Transaction): Promise<void> {
    if (!this.agreements.lineFor(forecast.buyerId, forecast.siteId, forecast.itemId, forecast.generatedAt)) return; // not ours to replenish
    await this.outlooks.keepNewest(ctx.manager, outlookFromForecast(forecast));
  }
}
