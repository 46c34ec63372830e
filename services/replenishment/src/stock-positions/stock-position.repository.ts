import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { StockPosition } from './stock-position';
import { StockPositionRow } from './stock-position.entity';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

export interface PositionFilter {
  buyerIds?: readonly string[];
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class StockPositionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reads the position after taking a per site x item lock held until the
   * transaction ends: the first level of a key has no row to lock yet, and two
   * decisions for one site x item must never interleave (each would miss the
   * other's order and the need would be ordered twice).
   */
  async lockFor(manager: EntityManager, key: SiteItem): Promise<StockPosition | undefined> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`replenishment|${key.buyerId}|${key.siteId}|${key.itemId}`]);
    const row = await manager.getRepository(StockPositionRow).findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId } });
    if (!row) return undefined;
    const { updatedAt: _updatedAt, ...position } = row;
    return position;
  }

  async save(manager: EntityManager, position: StockPosition): Promise<void> {
    await manager.getRepository(StockPositionRow).save({ ...position, updatedAt: new Date() });
  }

  async list(filter: PositionFilter): Promise<StockPosition[]> {
    const where: FindOptionsWhere<StockPositionRow> = {
      ...(filter.buyerIds ? { buyerId: In([...filter.buyerIds]) } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.itemId ? { itemId: filter.itemId } : {}),
    };
    const rows = await this.dataSource.getRepository(StockPositionRow).find({ where, order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' } });
    return rows.map(({ updatedAt: _updatedAt, ...position }) => position);
  }
}
