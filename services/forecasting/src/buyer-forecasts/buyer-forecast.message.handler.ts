import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BuyerForecast, topics } from '@smi/contracts';
import { EventContext, RejectedEventError } from '@smi/messaging';
import { BuyerForecastIntake } from './buyer-forecast-intake.adapter';

/** Buyers' forecasts from their planning systems; a bad one goes to the dead-letter topic naming its field. */
@Controller()
export class BuyerForecastMessageHandler {
  constructor(private readonly intake: BuyerForecastIntake) {}

  @EventPattern(topics.buyerForecasts.name)
  async onBuyerForecast(@Payload() forecast: BuyerForecast, @Ctx() ctx: EventContext): Promise<void> {
    const outcome = await this.intake.take(ctx.manager, { ...forecast }, new Date());
    if (outcome.kind === 'refused') throw new RejectedEventError(outcome.problems.map((p) => `${p.field} ${p.problem}`).join('; '));
  }
}
