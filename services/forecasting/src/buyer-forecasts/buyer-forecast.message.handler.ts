import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { BuyerForecast, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { BuyerForecastIntake } from './buyer-forecast-intake.adapter';

/** Buyers' forecasts from their planning systems; a bad one goes to the dead-letter topic naming its field. */
@Controller()
export class BuyerForecastMessageHandler {
  constructor(private readonly intake: BuyerForecastIntake) {}

  @ConsumeEvents(topics.buyerForecasts)
  async onBuyerForecast(@Payload() events: Inbound<BuyerForecast>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onBuyerForecastOne(inbound.event, tx));
  }

  private async onBuyerForecastOne(forecast: BuyerForecast, ctx: Transaction): Promise<void> {
    const outcome = await this.intake.take(ctx.manager, { ...forecast }, new Date());
    if (outcome.kind === 'refused') throw new RejectedEventError(outcome.problems.map((p) => `${p.field} ${p.problem}`).join('; '));
  }
}
