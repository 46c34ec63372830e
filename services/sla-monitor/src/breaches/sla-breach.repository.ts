import { Injectable } from '@nestjs/common';
import { BreachKind, SlaBreach } from '@smi/contracts';
import { Party } from '@smi/service-kit';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { SlaBreachRow } from './sla-breach.entity';

/** Whose breaches a reading is about: a buyer's, a supplier's, or everyone's. */
export type BreachScope = { buyerId: string } | { supplierId: string } | 'all';

/** A buyer or supplier reads the breaches of its own agreements; an operator reads all. */
export function breachScopeOf(party: Party): BreachScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}

export interface AgreementLineRef {
  agreementId: string;
  siteId: string;
  itemId: string;
}

@Injectable()
export class SlaBreachRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stockouts already recorded for an agreement line in a period: the count a new stockout continues. */
  async stockoutsIn(manager: EntityManager, line: AgreementLineRef, period: string): Promise<number> {
    return manager.getRepository(SlaBreachRow).count({ where: { ...line, period, kind: 'STOCKOUT' } });
  }

  async add(manager: EntityManager, breach: SlaBreach): Promise<void> {
    await manager.getRepository(SlaBreachRow).insert({ ...breach, recordedAt: new Date() });
  }

  async list(scope: BreachScope, filter: { kind?: BreachKind; period?: string }): Promise<SlaBreach[]> {
    const where: FindOptionsWhere<SlaBreachRow> = {
      ...(scope === 'all' ? {} : scope),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.period ? { period: filter.period } : {}),
    };
    const rows = await this.dataSource.getRepository(SlaBreachRow).find({ where, order: { occurredAt: 'ASC', eventId: 'ASC' } });
    return rows.map(({ recordedAt: _recordedAt, ...breach }) => breach);
  }
}
