import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgreementProposals1764028800360 implements MigrationInterface {
  name = 'AgreementProposals1764028800360';

  async up(runner: QueryRunner): Promise<void> {
    // Changes one party proposed to an agreement, and what the other decided: only an accepted one becomes a version.
    await runner.query(`
      CREATE TABLE agreement_proposals (
        proposal_id text PRIMARY KEY,
        agreement_id text NOT NULL,
        change text NOT NULL CHECK (change IN ('create', 'amend', 'retire')),
        status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'withdrawn')),
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        base_version integer NOT NULL CHECK (base_version >= 0),
        effective_from timestamptz,
        reason text NOT NULL CHECK (reason <> ''),
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_reason text,
        accepted_version integer,
        document jsonb NOT NULL,
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    // One open question per agreement at a time: a second proposal waits until the first is decided.
    await runner.query(
      `CREATE UNIQUE INDEX agreement_proposals_one_pending ON agreement_proposals (agreement_id) WHERE status = 'pending'`,
    );
    await runner.query(`CREATE INDEX agreement_proposals_by_agreement ON agreement_proposals (agreement_id, proposed_at)`);
    await runner.query(`CREATE INDEX agreement_proposals_by_buyer ON agreement_proposals (buyer_id, status)`);
    await runner.query(`CREATE INDEX agreement_proposals_by_supplier ON agreement_proposals (supplier_id, status)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE agreement_proposals');
  }
}
