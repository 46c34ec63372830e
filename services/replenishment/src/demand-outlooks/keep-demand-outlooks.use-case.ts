import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { DemandForecast } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { newestPerSiteItem, outlookFromForecast } from './demand-outlook';
import { DemandOutlookRepository } from './demand-outlook.repository';

/**
 * Keeps the latest forecast of each site x item under an agreement, for the next replenishment
 * decision: a batch of forecasts in one statement, the newest per site x item. Storing only
 * what is newer than what is kept makes a redelivered forecast change nothing.
 */
@Injectable()
export class KeepDemandOutlooks {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly outlooks: DemandOutlookRepository,
  ) {}

  async execute(records: readonly Inbound<DemandForecast>[], tx: Transaction): Promise<void> {
    const ours = records
      .map((r) => r.event)
      .filter((forecast) => this.agreements.lineFor(forecast.buyerId, forecast.siteId, forecast.itemId, forecast.generatedAt)); // else not ours to replenish
    await this.outlooks.keepNewest(tx.manager, newestPerSiteItem(ours.map(outlookFromForecast)));
  }
}
