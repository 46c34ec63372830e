import { MigrationInterface, QueryRunner } from 'typeorm';

/** Closed penalty months, every revision of every penalty with its evidence, and disputes with every step. */
export class Penalties1797500000000 implements MigrationInterface {
  name = 'Penalties1797500000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per agreement and month, inserted once: a second sweep, a restart or another instance finds it and does nothing.
    await runner.query(`
      CREATE TABLE period_closings (
        agreement_id text NOT NULL,
        period text NOT NULL,
        closed_at timestamptz NOT NULL,
        last_computed_at timestamptz NOT NULL,
        -- Per line (site|item), the latest touch of its facts read when the month was last computed.
        facts_seen jsonb NOT NULL DEFAULT '{}',
        computations integer NOT NULL DEFAULT 1,
        PRIMARY KEY (agreement_id, period)
      )`);
    await runner.query(`
      CREATE TABLE penalty_revisions (
        penalty_id text NOT NULL,
        revision integer NOT NULL,
        event_id text NOT NULL UNIQUE,
        corrects_event_id text,
        agreement_id text NOT NULL,
        agreement_version integer NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        site_id text,
        item_id text,
        rule text NOT NULL,
        period text NOT NULL,
        quantity double precision NOT NULL,
        rate numeric(18, 6) NOT NULL,
        amount numeric(18, 2) NOT NULL,
        difference numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        computed_at timestamptz NOT NULL,
        explanation text NOT NULL,
        evidence jsonb NOT NULL,
        PRIMARY KEY (penalty_id, revision)
      )`);
    await runner.query('CREATE INDEX penalty_revisions_agreement_period ON penalty_revisions (agreement_id, period)');
    await runner.query('CREATE INDEX penalty_revisions_buyer ON penalty_revisions (buyer_id, period)');
    await runner.query('CREATE INDEX penalty_revisions_supplier ON penalty_revisions (supplier_id, period)');
    await runner.query(`
      CREATE TABLE penalty_disputes (
        dispute_id text PRIMARY KEY,
        penalty_id text NOT NULL,
        penalty_event_id text NOT NULL,
        agreement_id text NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
        amount numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        credited numeric(18, 2),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        reason text NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_reason text
      )`);
    // One open dispute per penalty, and each revision disputed once.
    await runner.query(`CREATE UNIQUE INDEX penalty_disputes_one_open ON penalty_disputes (penalty_id) WHERE status = 'open'`);
    await runner.query('CREATE UNIQUE INDEX penalty_disputes_one_per_revision ON penalty_disputes (penalty_event_id)');
    await runner.query('CREATE INDEX penalty_disputes_buyer ON penalty_disputes (buyer_id, status)');
    await runner.query('CREATE INDEX penalty_disputes_supplier ON penalty_disputes (supplier_id, status)');
    await runner.query(`
      CREATE TABLE penalty_dispute_steps (
        event_id text PRIMARY KEY,
        dispute_id text NOT NULL REFERENCES penalty_disputes (dispute_id),
        step text NOT NULL,
        by_party text NOT NULL,
        at timestamptz NOT NULL,
        reason text NOT NULL,
        amount numeric(18, 2) NOT NULL
      )`);
    await runner.query('CREATE INDEX penalty_dispute_steps_dispute ON penalty_dispute_steps (dispute_id, at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE penalty_dispute_steps');
    await runner.query('DROP TABLE penalty_disputes');
    await runner.query('DROP TABLE penalty_revisions');
    await runner.query('DROP TABLE period_closings');
  }
}
