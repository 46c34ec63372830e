import { MigrationInterface, QueryRunner } from 'typeorm';

/** Buyers' EDI codes for their sites and items, and every EDI interchange received, kept for inspection. */
export class EdiInterchanges1765200000400 implements MigrationInterface {
  name = 'EdiInterchanges1765200000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE edi_cross_references (
        buyer_id text NOT NULL,
        location_code text NOT NULL,
        item_code text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        edi_unit text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, location_code, item_code)
      )`);
    await runner.query(`
      CREATE TABLE edi_interchanges (
        interchange_id text PRIMARY KEY,
        buyer_id text NOT NULL,
        standard text,
        sender text,
        receiver text,
        control_number text,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'partially-accepted', 'rejected')),
        movements integer NOT NULL,
        repeats integer NOT NULL,
        errors jsonb NOT NULL,
        acknowledgment text NOT NULL,
        raw text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A buyer (or an operator) lists its interchanges, newest first, often only the rejected ones.
    await runner.query('CREATE INDEX edi_interchanges_buyer ON edi_interchanges (buyer_id, outcome, received_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE edi_interchanges');
    await runner.query('DROP TABLE edi_cross_references');
  }
}
