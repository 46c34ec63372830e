import { MigrationInterface, QueryRunner } from 'typeorm';

/** The EDI documents produced for trading partners, and each partner's last interchange control number. */
export class SupplierDocuments1765200000401 implements MigrationInterface {
  name = 'SupplierDocuments1765200000401';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE edi_documents (
        document_id text PRIMARY KEY,
        event_id text NOT NULL,
        standard text NOT NULL CHECK (standard IN ('X12', 'EDIFACT')),
        document_type text NOT NULL CHECK (document_type IN ('856', '850', 'DESADV')),
        party_id text NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        agreement_id text NOT NULL,
        reference text NOT NULL,
        control_number bigint NOT NULL,
        content text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    // The API finds a shipment's or an order's document by its type.
    await runner.query('CREATE INDEX edi_documents_reference ON edi_documents (reference, document_type)');
    await runner.query('CREATE UNIQUE INDEX edi_documents_control_number ON edi_documents (party_id, control_number)');
    await runner.query(`
      CREATE TABLE edi_control_numbers (
        party_id text PRIMARY KEY,
        last_number bigint NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE edi_control_numbers');
    await runner.query('DROP TABLE edi_documents');
  }
}
