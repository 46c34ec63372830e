import { Injectable } from '@nestjs/common';
import { BreachKind, SlaBreach } from '@smi/contracts';
import { Party } from '@smi/service-kit';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { LinePeriod, linePeriodKeyOf } from '../stockouts/stockout-assessment';
import { SlaBreachRow } from './sla-breach.entity';

/** Whose breaches a reading is about: a buyer's, a supplier's, or everyone's. */
export type BreachScope = { buyerId: string } | { supplierId: string } | 'all';

/** A buyer or supplier reads the breaches of its own agreements; an operator reads all. */
export function breachScopeOf(party: Party): BreachScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}

@Injectable()
export class SlaBreachRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stockouts already recorded per agreement line and period, for every given line-period in one
   * statement: the counts new stockouts continue. Keyed by linePeriodKeyOf; a line-period without
   * any is absent.
   */
  async stockoutCounts(manager: EntityManager, linePeriods: readonly LinePeriod[]): Promise<Map<string, number>> {
    const unique = [...new Map(linePeriods.map((l) => [linePeriodKeyOf(l), l])).values()];
    if (unique.length === 0) return new Map();
    const rows: Array<LinePeriod & { stockouts: number }> = await manager.query(
      `SELECT b.agreement_id AS "agreementId", b.site_id AS "siteId", b.item_id AS "itemId", b.period, count(*)::int AS stockouts
       FROM sla_breaches b
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS l(agreement_id, site_id, item_id, period)
         USING (agreement_id, site_id, item_id, period)
       WHERE b.kind = 'STOCKOUT'
       GROUP BY b.agreement_id, b.site_id, b.item_id, b.period`,
      [unique.map((l) => l.agreementId), unique.map((l) => l.siteId), unique.map((l) => l.itemId), unique.map((l) => l.period)],
    );
    return new Map(rows.map((row) => [linePeriodKeyOf(row), row.stockouts]));
  }

  /** Records breaches in one statement. */
  async addAll(manager: EntityManager, breaches: readonly SlaBreach[]): Promise<void> {
    if (breaches.length === 0) return;
    const column = <K extends keyof SlaBreach>(name: K) => breaches.map((b) => b[name]);
    await manager.query(
      `INSERT INTO sla_breaches (event_id, kind, agreement_id, buyer_id, supplier_id, site_id, item_id, occurred_at, period,
                                 stockouts_in_period, allowed_stockouts_per_period, penalty_amount, currency, stock_level_event_id, recorded_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                                   $9::text[], $10::int[], $11::int[], $12::numeric[], $13::text[], $14::text[])`,
      [
        column('eventId'),
        column('kind'),
        column('agreementId'),
        column('buyerId'),
        column('supplierId'),
        column('siteId'),
        column('itemId'),
        column('occurredAt'),
        column('period'),
        column('stockoutsInPeriod'),
        column('allowedStockoutsPerPeriod'),
        column('penaltyAmount'),
        column('currency'),
        column('stockLevelEventId'),
      ],
    );
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
