import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { OnHand } from './on-hand-projection';
import { OnHandRow } from './on-hand.entity';

@Injectable()
export class OnHandRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads and locks the row, so two movements for one site x item never interleave. */
  async lockFor(manager: EntityManager, buyerId: string, siteId: string, itemId: string): Promise<OnHand | undefined> {
    const row = await manager.getRepository(OnHandRow).findOne({
      where: { buyerId, siteId, itemId },
      lock: { mode: 'pessimistic_write' },
    });
    return row ? toOnHand(row) : undefined;
  }

  async save(manager: EntityManager, onHand: OnHand): Promise<void> {
    await manager.getRepository(OnHandRow).save({ ...onHand, updatedAt: new Date() });
  }

  async listForBuyers(buyerIds: string[], siteId?: string): Promise<OnHand[]> {
    const rows = await this.dataSource.getRepository(OnHandRow).find({
      where: { buyerId: In(buyerIds), ...(siteId ? { siteId } : {}) },
      order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' },
    });
    return rows.map(toOnHand);
  }

  async listAll(siteId?: string): Promise<OnHand[]> {
    const rows = await this.dataSource.getRepository(OnHandRow).find({
      where: siteId ? { siteId } : {},
      order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' },
    });
    return rows.map(toOnHand);
  }
}

function toOnHand(row: OnHandRow): OnHand {
  const { updatedAt: _updatedAt, ...onHand } = row;
  return onHand;
}
