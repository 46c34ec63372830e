import { Injectable } from '@nestjs/common';
import { PenaltyDispute } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Dispute, DisputeStatus } from './penalty-dispute';

/** One step of a dispute, as kept in its history. */
export type DisputeStepRecord = Pick<PenaltyDispute, 'eventId' | 'step' | 'by' | 'at' | 'reason' | 'amount'>;
export type DisputeWithHistory = Dispute & { steps: DisputeStepRecord[] };

const DISPUTE_COLUMNS = `
  d.dispute_id AS "disputeId", d.penalty_id AS "penaltyId", d.penalty_event_id AS "penaltyEventId", d.agreement_id AS "agreementId",
  d.buyer_id AS "buyerId", d.supplier_id AS "supplierId", d.status, d.amount::float8 AS amount, d.currency,
  d.credited::float8 AS credited, d.opened_by AS "openedBy", d.opened_at AS "openedAt", d.reason, d.decided_by AS "decidedBy",
  d.decided_at AS "decidedAt", d.decision_reason AS "decisionReason"`;

/** A party's own disputes: those over penalties it owes or is owed. */
export type DisputeScope = { buyerId: string } | { supplierId: string };

/** Disputes and every step of each. */
@Injectable()
export class DisputesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every dispute a penalty had, read inside the unit of work that holds the penalty's lock. */
  async ofPenalty(manager: EntityManager, penaltyId: string): Promise<Dispute[]> {
    return manager.query(`SELECT ${DISPUTE_COLUMNS} FROM penalty_disputes d WHERE d.penalty_id = $1 ORDER BY d.opened_at`, [penaltyId]);
  }

  /** A dispute, locked so that of two decisions on it the second sees the first. */
  async lock(manager: EntityManager, disputeId: string): Promise<Dispute | undefined> {
    const rows: Dispute[] = await manager.query(`SELECT ${DISPUTE_COLUMNS} FROM penalty_disputes d WHERE d.dispute_id = $1 FOR UPDATE`, [
      disputeId,
    ]);
    return rows[0];
  }

  /** Writes a dispute as it stands after a step, and the step. */
  async saveStep(manager: EntityManager, dispute: Dispute, step: PenaltyDispute): Promise<void> {
    await manager.query(
      `INSERT INTO penalty_disputes (dispute_id, penalty_id, penalty_event_id, agreement_id, buyer_id, supplier_id, status, amount,
         currency, credited, opened_by, opened_at, reason, decided_by, decided_at, decision_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (dispute_id) DO UPDATE SET status = excluded.status, credited = excluded.credited, decided_by = excluded.decided_by,
         decided_at = excluded.decided_at, decision_reason = excluded.decision_reason`,
      [
        dispute.disputeId,
        dispute.penaltyId,
        dispute.penaltyEventId,
        dispute.agreementId,
        dispute.buyerId,
        dispute.supplierId,
        dispute.status,
        dispute.amount,
        dispute.currency,
        dispute.credited,
        dispute.openedBy,
        dispute.openedAt,
        dispute.reason,
        dispute.decidedBy,
        dispute.decidedAt,
        dispute.decisionReason,
      ],
    );
    await manager.query(
      'INSERT INTO penalty_dispute_steps (event_id, dispute_id, step, by_party, at, reason, amount) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [step.eventId, step.disputeId, step.step, step.by, step.at, step.reason, step.amount],
    );
  }

  /** A party's disputes, optionally of one status, newest first, each with its steps. */
  async list(
    scope: DisputeScope,
    filter: { status?: DisputeStatus; penaltyId?: string; disputeId?: string },
  ): Promise<DisputeWithHistory[]> {
    const party = 'buyerId' in scope ? ['d.buyer_id', scope.buyerId] : ['d.supplier_id', scope.supplierId];
    const disputes: Dispute[] = await this.dataSource.query(
      `SELECT ${DISPUTE_COLUMNS} FROM penalty_disputes d
       WHERE ${party[0]} = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::text IS NULL OR d.penalty_id = $3)
         AND ($4::text IS NULL OR d.dispute_id = $4)
       ORDER BY d.opened_at DESC, d.dispute_id`,
      [party[1], filter.status ?? null, filter.penaltyId ?? null, filter.disputeId ?? null],
    );
    if (disputes.length === 0) return [];
    const steps: Array<DisputeStepRecord & { disputeId: string }> = await this.dataSource.query(
      `SELECT s.dispute_id AS "disputeId", s.event_id AS "eventId", s.step, s.by_party AS by, s.at, s.reason, s.amount::float8 AS amount
       FROM penalty_dispute_steps s WHERE s.dispute_id = ANY($1::text[])
       ORDER BY s.at, s.step <> 'OPENED', s.event_id`,
      [disputes.map((d) => d.disputeId)],
    );
    return disputes.map((d) => ({
      ...d,
      steps: steps.filter((s) => s.disputeId === d.disputeId).map(({ disputeId: _id, ...step }) => step),
    }));
  }
}
