import { Injectable } from '@nestjs/common';
import { StockMovement, topics } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { projectMovements } from '../on-hand/on-hand-projection';
import { OnHandRepository } from '../on-hand/on-hand.repository';

/**
 * Records a batch of stock movements: locks the on-hand of every site x item in the batch at
 * once, lets the projection decide, and writes the changed on-hand and one stock level per
 * applied movement in the batch's unit of work. Refused movements come back with their reason.
 */
@Injectable()
export class RecordStockMovements {
  constructor(private readonly onHand: OnHandRepository) {}

  async execute(records: readonly Inbound<StockMovement>[], tx: Transaction, now = new Date()): Promise<Rejection[]> {
    const movements = records.map((r) => r.event);
    const current = await this.onHand.lockAll(
      tx.manager,
      movements.filter((m) => m.buyerId && m.siteId && m.itemId),
    );
    const projected = projectMovements(current, movements, now);
    await this.onHand.saveAll(tx.manager, projected.changed);
    for (const { index, level } of projected.stockLevels) await tx.outbox.add(topics.stockLevels, level, records[index]);
    return projected.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
