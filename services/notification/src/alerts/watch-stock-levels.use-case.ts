import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { StockLevel } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { communicationOf } from '../preferences/preference';
import { AlertStateRepository } from './alert-state.repository';
import { FeedParties, watchFeeds } from './feed-watch';
import { RouteAlerts } from './route-alerts.use-case';
import { stockKeyOf, watchedLineOf, watchStockLevels } from './stock-watch';

/**
 * Watches a batch of stock levels: the stock rules (projected below the minimum, above the
 * maximum, once per crossing) and each buyer's feed (a level from a feed reported silent says it
 * resumed). State of every key loaded in one query per table, one decision, set-based writes.
 * A level no newer than the last seen (by its sequence) changes nothing, so no inbox is needed.
 */
@Injectable()
export class WatchStockLevels {
  constructor(
    private readonly state: AlertStateRepository,
    private readonly agreements: AgreementBook,
    private readonly route: RouteAlerts,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<void> {
    const levels = records.map((r) => r.event);
    const keys = [...new Map(levels.map((l) => [stockKeyOf(l), l])).values()];
    const stored = await this.state.stockStates(tx.manager, keys);
    const outlooks = await this.state.outlooks(tx.manager, keys);
    const feeds = await this.state.feedStates(tx.manager, [...new Set(levels.map((l) => l.buyerId))].sort());
    const stock = watchStockLevels(
      levels,
      stored,
      (key) => outlooks.get(key),
      (level) => {
        const inForce = this.agreements.lineFor(level.buyerId, level.siteId, level.itemId, level.asOf);
        return inForce && watchedLineOf(inForce, outlooks.get(stockKeyOf(level)));
      },
    );
    const feed = watchFeeds(levels, feeds, (buyerId) => feedPartiesOf(this.agreements, buyerId));
    await this.state.saveStockStates(tx.manager, stock.states);
    await this.state.saveFeedStates(tx.manager, feed.states);
    await this.route.execute([...stock.alerts, ...feed.alerts], tx);
  }
}

/** A buyer's feed concerns the buyer and each supplier replenishing it; the agreements' communication terms set how long it may be silent. */
export function feedPartiesOf(agreements: AgreementBook, buyerId: string): FeedParties {
  const ofBuyer = agreements.agreementsOf(buyerId).filter((a) => a.buyerId === buyerId);
  return {
    recipients: [buyerId, ...new Set(ofBuyer.map((a) => a.supplierId))],
    communication: { communication: communicationOf(ofBuyer) },
  };
}
