import { Injectable } from '@nestjs/common';
import { DemandForecast } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { AlertStateRepository } from './alert-state.repository';
import { outlookOf } from './stock-watch';

/** Keeps the latest forecast per site x item for the projected-below-minimum rule; an older forecast arriving late changes nothing. */
@Injectable()
export class KeepDemandOutlooks {
  constructor(private readonly state: AlertStateRepository) {}

  async execute(records: readonly Inbound<DemandForecast>[], tx: Transaction): Promise<void> {
    const latest = new Map<string, DemandForecast>();
    for (const { event } of records) {
      const key = `${event.buyerId}|${event.siteId}|${event.itemId}`;
      const kept = latest.get(key);
      if (!kept || kept.generatedAt.getTime() <= event.generatedAt.getTime()) latest.set(key, event);
    }
    await this.state.saveOutlooks(tx.manager, [...latest.values()].map(outlookOf));
  }
}
