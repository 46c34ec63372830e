import { Injectable } from '@nestjs/common';
import { Penalty } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** An agreement's month. */
export interface AgreementMonth {
  agreementId: string;
  period: string;
}

/** Whose penalties a reading is about: a buyer's, a supplier's, or everyone's. */
export type PenaltyScope = { buyerId: string } | { supplierId: string } | 'all';

const PENALTY_COLUMNS = `
  r.event_id AS "eventId", r.penalty_id AS "penaltyId", r.revision, r.corrects_event_id AS "correctsEventId",
  r.agreement_id AS "agreementId", r.agreement_version AS "agreementVersion", r.buyer_id AS "buyerId", r.supplier_id AS "supplierId",
  r.site_id AS "siteId", r.item_id AS "itemId", r.rule, r.period, r.quantity, r.rate::float8 AS rate, r.amount::float8 AS amount,
  r.difference::float8 AS difference, r.currency, r.computed_at AS "computedAt", r.explanation, r.evidence`;

/**
 * A line of the month whose facts were touched after they were last read: each line is compared
 * with its own latest touch, so late data of one line is seen even when another line has later facts.
 */
const TOUCHED_SINCE_SEEN = `(c.facts_seen->>(t.site_id || '|' || t.item_id) IS NULL
  OR t.touched_at > (c.facts_seen->>(t.site_id || '|' || t.item_id))::timestamptz)`;

/** Per line (site|item), the latest touch of its facts, as ISO text to the microsecond. */
export type FactsSeen = Record<string, string>;

/** Evidence moments come back from jsonb as text. */
const penaltyOf = (row: Penalty): Penalty => ({
  ...row,
  evidence: row.evidence.map((e) => ({ ...e, at: e.at === null ? null : new Date(e.at) })),
});

/**
 * Closed months and every revision of every penalty. A month is closed by inserting its row,
 * once; a correction re-locks it (skipping one another instance holds) when facts of the month
 * were touched after they were last read.
 */
@Injectable()
export class PenaltiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Of the given months, those already closed, as `agreementId|period`. */
  async closedAmong(months: readonly AgreementMonth[]): Promise<Set<string>> {
    if (months.length === 0) return new Set();
    const rows: AgreementMonth[] = await this.dataSource.query(
      `SELECT c.agreement_id AS "agreementId", c.period FROM period_closings c
       JOIN unnest($1::text[], $2::text[]) AS m(agreement_id, period) USING (agreement_id, period)`,
      [months.map((m) => m.agreementId), months.map((m) => m.period)],
    );
    return new Set(rows.map(monthKeyOf));
  }

  /**
   * Claims a month's close: true for the one unit of work that inserted its row. A concurrent
   * claim waits on the row's key and, once the first commits, finds it taken.
   */
  async claimClose(manager: EntityManager, month: AgreementMonth, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO period_closings (agreement_id, period, closed_at, last_computed_at, computations) VALUES ($1, $2, $3, $3, 0)
       ON CONFLICT (agreement_id, period) DO NOTHING RETURNING 1`,
      [month.agreementId, month.period, at],
    );
    return rows.length === 1;
  }

  /** Closed months whose facts were touched after they were last read: the corrections to consider, oldest first. */
  async touchedSinceComputed(limit: number): Promise<AgreementMonth[]> {
    return this.dataSource.query(
      `SELECT c.agreement_id AS "agreementId", c.period FROM period_closings c
       WHERE EXISTS (SELECT 1 FROM touched_period t WHERE t.agreement_id = c.agreement_id AND t.period = c.period
                     AND ${TOUCHED_SINCE_SEEN})
       ORDER BY c.period, c.agreement_id LIMIT $1`,
      [limit],
    );
  }

  /** Locks a closed month for a correction, unless another unit of work holds it or nobody touched it since. */
  async claimCorrection(manager: EntityManager, month: AgreementMonth): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM period_closings c
       WHERE c.agreement_id = $1 AND c.period = $2
         AND EXISTS (SELECT 1 FROM touched_period t WHERE t.agreement_id = c.agreement_id AND t.period = c.period
                     AND ${TOUCHED_SINCE_SEEN})
       FOR UPDATE OF c SKIP LOCKED`,
      [month.agreementId, month.period],
    );
    return rows.length === 1;
  }

  /**
   * The latest touch of each line's facts in the month, read before the facts, so a touch after
   * this read brings the month back. FOR SHARE waits for a recording of facts already under way.
   */
  async factsTouched(manager: EntityManager, month: AgreementMonth): Promise<FactsSeen> {
    // To the microsecond, as Postgres keeps it: a JavaScript Date would cut it to the millisecond, and the touch
    // would then always look later than what was seen, recomputing the month at every sweep.
    const rows: Array<{ line: string; touched_at: string }> = await manager.query(
      `SELECT site_id || '|' || item_id AS line, to_char(touched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS touched_at
         FROM touched_period WHERE agreement_id = $1 AND period = $2 FOR SHARE`,
      [month.agreementId, month.period],
    );
    return Object.fromEntries(rows.map((row) => [row.line, row.touched_at]));
  }

  async markComputed(manager: EntityManager, month: AgreementMonth, at: Date, factsSeen: FactsSeen): Promise<void> {
    await manager.query(
      `UPDATE period_closings SET last_computed_at = $3, facts_seen = facts_seen || $4::jsonb, computations = computations + 1
       WHERE agreement_id = $1 AND period = $2`,
      [month.agreementId, month.period, at, JSON.stringify(factsSeen)],
    );
  }

  /** The latest revision of each penalty of an agreement's month. */
  async latestOfMonth(manager: EntityManager, month: AgreementMonth): Promise<Penalty[]> {
    const rows: Penalty[] = await manager.query(
      `SELECT DISTINCT ON (r.penalty_id) ${PENALTY_COLUMNS} FROM penalty_revisions r
       WHERE r.agreement_id = $1 AND r.period = $2 ORDER BY r.penalty_id, r.revision DESC`,
      [month.agreementId, month.period],
    );
    return rows.map(penaltyOf);
  }

  /** Records revisions in one statement. */
  async addRevisions(manager: EntityManager, revisions: readonly Penalty[]): Promise<void> {
    if (revisions.length === 0) return;
    const column = <K extends keyof Penalty>(name: K) => revisions.map((r) => r[name]);
    await manager.query(
      `INSERT INTO penalty_revisions (event_id, penalty_id, revision, corrects_event_id, agreement_id, agreement_version, buyer_id,
         supplier_id, site_id, item_id, rule, period, quantity, rate, amount, difference, currency, computed_at, explanation, evidence)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::float8[], $14::numeric[], $15::numeric[], $16::numeric[], $17::text[],
         $18::timestamptz[], $19::text[], $20::jsonb[])`,
      [
        column('eventId'),
        column('penaltyId'),
        column('revision'),
        column('correctsEventId'),
        column('agreementId'),
        column('agreementVersion'),
        column('buyerId'),
        column('supplierId'),
        column('siteId'),
        column('itemId'),
        column('rule'),
        column('period'),
        column('quantity'),
        column('rate'),
        column('amount'),
        column('difference'),
        column('currency'),
        column('computedAt'),
        column('explanation'),
        revisions.map((r) => JSON.stringify(r.evidence)),
      ],
    );
  }

  /** The latest revision of each penalty in scope, by month then id. */
  async list(scope: PenaltyScope, filter: { period?: string; agreementId?: string }): Promise<Penalty[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope !== 'all' && 'buyerId' in scope) add('r.buyer_id = ?', scope.buyerId);
    if (scope !== 'all' && 'supplierId' in scope) add('r.supplier_id = ?', scope.supplierId);
    if (filter.period) add('r.period = ?', filter.period);
    if (filter.agreementId) add('r.agreement_id = ?', filter.agreementId);
    const rows: Penalty[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (r.penalty_id) ${PENALTY_COLUMNS} FROM penalty_revisions r
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY r.penalty_id, r.revision DESC) latest
       ORDER BY period, "penaltyId"`,
      params,
    );
    return rows.map(penaltyOf);
  }

  /** Every revision of a penalty, oldest first; empty when there is none. */
  async revisionsOf(penaltyId: string): Promise<Penalty[]> {
    const rows: Penalty[] = await this.dataSource.query(
      `SELECT ${PENALTY_COLUMNS} FROM penalty_revisions r WHERE r.penalty_id = $1 ORDER BY r.revision`,
      [penaltyId],
    );
    return rows.map(penaltyOf);
  }

  /** A penalty's latest revision, locked so disputes over it are opened one at a time. */
  async lockLatest(manager: EntityManager, penaltyId: string): Promise<Penalty | undefined> {
    const rows: Penalty[] = await manager.query(
      `SELECT ${PENALTY_COLUMNS} FROM penalty_revisions r WHERE r.penalty_id = $1 ORDER BY r.revision DESC LIMIT 1 FOR UPDATE`,
      [penaltyId],
    );
    return rows.map(penaltyOf)[0];
  }
}

export const monthKeyOf = (month: AgreementMonth): string => `${month.agreementId}|${month.period}`;
