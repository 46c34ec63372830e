import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockoutWatch } from './stockout-watch';
import { StockoutWatchRow } from './stockout-watch.entity';

@Injectable()
export class StockoutWatchRepository {
  /** Reads and locks the watch, so two levels of one site x item are never judged at once. */
  async lockFor(manager: EntityManager, buyerId: string, siteId: string, itemId: string): Promise<StockoutWatch | undefined> {
    const row = await manager.getRepository(StockoutWatchRow).findOne({ where: { buyerId, siteId, itemId }, lock: { mode: 'pessimistic_write' } });
    if (!row) return undefined;
    const { updatedAt: _updatedAt, ...watch } = row;
    return watch;
  }

  async save(manager: EntityManager, watch: StockoutWatch): Promise<void> {
    await manager.getRepository(StockoutWatchRow).save({ ...watch, updatedAt: new Date() });
  }
}
