import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgreementVersions1764028800310 implements MigrationInterface {
  name = 'AgreementVersions1764028800310';

  async up(runner: QueryRunner): Promise<void> {
    // Every version of every agreement, never updated or deleted: an order names the version it was decided under.
    await runner.query(`
      CREATE TABLE agreement_versions (
        agreement_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('active', 'retired')),
        effective_from timestamptz NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        change_reason text NOT NULL CHECK (change_reason <> ''),
        document jsonb NOT NULL,
        PRIMARY KEY (agreement_id, version)
      )`);
    // A party lists its agreements, and a change is checked against the buyer's other agreements.
    await runner.query(`CREATE INDEX agreement_versions_by_buyer ON agreement_versions ((document->>'buyerId'))`);
    await runner.query(`CREATE INDEX agreement_versions_by_supplier ON agreement_versions ((document->>'supplierId'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE agreement_versions');
  }
}
