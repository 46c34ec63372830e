import { Injectable, Logger } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { SlaBreachRepository } from '../breaches/sla-breach.repository';
import { StockLevelHistoryRepository } from '../service-level-facts/stock-level-history.repository';
import { TouchedPeriodRepository } from '../service-level-facts/touched-period.repository';
import { levelsUnderAgreement, linePeriodOf, watchStockouts } from './stockout-assessment';
import { StockoutWatchRepository } from './stockout-watch.repository';

/**
 * Watches a batch of stock levels of the site x items agreements cover and keeps their history
 * (the facts the service level is judged on), marking the agreement line months new levels land
 * in. Locks every key's watch
 * and reads every line's stockout count in its month at once, lets the assessment decide, then
 * writes the changed watches and the breaches, and announces the breaches, in the batch's unit
 * of work. The stored sequence makes a repeated level change nothing, so no inbox row is needed.
 * Malformed levels come back refused with their reason; levels nobody agreed on are not ours.
 */
@Injectable()
export class WatchStockouts {
  private readonly log = new Logger(WatchStockouts.name);

  constructor(
    private readonly agreements: AgreementBook,
    private readonly watches: StockoutWatchRepository,
    private readonly breaches: SlaBreachRepository,
    private readonly history: StockLevelHistoryRepository,
    private readonly touched: TouchedPeriodRepository,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<Rejection[]> {
    const { agreed, refused } = levelsUnderAgreement(
      records.map((r) => r.event),
      (level) => this.agreements.lineFor(level.buyerId, level.siteId, level.itemId, level.asOf)?.agreement,
    );
    const current = await this.watches.lockAll(
      tx.manager,
      agreed.map((a) => a.level),
    );
    const stockoutsSoFar = await this.breaches.stockoutCounts(tx.manager, agreed.map(linePeriodOf));
    const watched = watchStockouts(agreed, current, stockoutsSoFar);
    if (watched.stale.length > 0) {
      this.log.log(
        `${watched.stale.length} stock level(s) not newer than one applied (first: ${records[watched.stale[0]].event.eventId}); ignored`,
      );
    }
    await this.watches.saveAll(tx.manager, watched.changed);
    // A level out of order is still a fact of its day: the history keeps it, by its sequence.
    const added = new Set(
      await this.history.addAll(
        tx.manager,
        agreed.map((a) => a.level),
      ),
    );
    await this.touched.touchAll(
      tx.manager,
      agreed.filter((a) => added.has(a.level)).map((a) => ({ ...linePeriodOf(a), touchedAt: a.level.asOf })),
    );
    await this.breaches.addAll(
      tx.manager,
      watched.breaches.map((b) => b.breach),
    );
    for (const { index, breach } of watched.breaches) await tx.outbox.add(topics.slaBreaches, breach, records[index]);
    return refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
