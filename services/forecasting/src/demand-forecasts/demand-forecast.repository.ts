import { Injectable } from '@nestjs/common';
import { DemandForecast } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { DemandForecastRow } from './demand-forecast.entity';

export interface ForecastFilter {
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class DemandForecastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the latest forecast per site x item. */
  async save(manager: EntityManager, forecast: DemandForecast): Promise<void> {
    await manager.getRepository(DemandForecastRow).save(forecast);
  }

  /** The latest forecast of a site x item, if it has one. */
  async latest(manager: EntityManager, key: { buyerId: string; siteId: string; itemId: string }): Promise<DemandForecast | undefined> {
    return (await manager.getRepository(DemandForecastRow).findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId } })) ?? undefined;
  }

  async listForBuyers(buyerIds: string[], filter: ForecastFilter): Promise<DemandForecast[]> {
    return this.list({ buyerId: In(buyerIds), ...filterOf(filter) });
  }

  async listAll(filter: ForecastFilter): Promise<DemandForecast[]> {
    return this.list(filterOf(filter));
  }

  private async list(where: FindOptionsWhere<DemandForecastRow>): Promise<DemandForecast[]> {
    return this.dataSource.getRepository(DemandForecastRow).find({ where, order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' } });
  }
}

const filterOf = ({ siteId, itemId }: ForecastFilter): FindOptionsWhere<DemandForecastRow> => ({
  ...(siteId ? { siteId } : {}),
  ...(itemId ? { itemId } : {}),
});
