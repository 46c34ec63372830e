import { Injectable } from '@nestjs/common';
import { EdiDocument } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentDraft, DocumentType } from './supplier-documents';

/** A document as kept: the event's fields and the two parties of its agreement, who may read it. */
export type KeptDocument = EdiDocument & { buyerId: string; supplierId: string };

const COLUMNS = `document_id AS "documentId", event_id AS "eventId", standard, document_type AS "documentType", party_id AS "partyId",
  buyer_id AS "buyerId", supplier_id AS "supplierId", agreement_id AS "agreementId", reference, control_number::float8 AS "controlNumber",
  content, created_at AS "createdAt"`;

@Injectable()
export class SupplierDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these documents were produced before, in one statement. */
  async produced(manager: EntityManager, documentIds: readonly string[]): Promise<Set<string>> {
    if (documentIds.length === 0) return new Set();
    const rows: Array<{ document_id: string }> = await manager.query(
      'SELECT document_id FROM edi_documents WHERE document_id = ANY($1::text[])',
      [documentIds],
    );
    return new Set(rows.map((r) => r.document_id));
  }

  /**
   * Takes `wanted` control numbers for each partner in one statement and says each partner's last
   * number before them. The partner's row stays locked until the transaction ends, so numbers
   * never repeat and rise in the order transactions commit; partners are taken in id order, so two
   * batches cannot deadlock.
   */
  async allocate(manager: EntityManager, wanted: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    if (wanted.size === 0) return new Map();
    const parties = [...wanted.keys()].sort();
    const rows: Array<{ party_id: string; last_number: string }> = await manager.query(
      `INSERT INTO edi_control_numbers (party_id, last_number)
       SELECT party_id, n FROM unnest($1::text[], $2::bigint[]) AS w(party_id, n) ORDER BY party_id
       ON CONFLICT (party_id) DO UPDATE SET last_number = edi_control_numbers.last_number + excluded.last_number
       RETURNING party_id, last_number`,
      [parties, parties.map((p) => wanted.get(p)!)],
    );
    return new Map(rows.map((r) => [r.party_id, Number(r.last_number) - wanted.get(r.party_id)!]));
  }

  /** Keeps the documents written (each with its draft, in the same order) in one statement. */
  async saveAll(manager: EntityManager, documents: readonly EdiDocument[], drafts: readonly DocumentDraft[]): Promise<void> {
    if (documents.length === 0) return;
    const column = <K extends keyof EdiDocument>(key: K) => documents.map((d) => d[key]);
    await manager.query(
      `INSERT INTO edi_documents (document_id, event_id, standard, document_type, party_id, buyer_id, supplier_id, agreement_id, reference,
                                  control_number, content, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::bigint[], $11::text[], $12::timestamptz[])`,
      [
        column('documentId'),
        column('eventId'),
        column('standard'),
        column('documentType'),
        column('partyId'),
        drafts.map((d) => d.buyerId),
        drafts.map((d) => d.supplierId),
        column('agreementId'),
        column('reference'),
        column('controlNumber'),
        column('content'),
        column('createdAt'),
      ],
    );
  }

  async find(reference: string, documentType: DocumentType): Promise<KeptDocument | undefined> {
    const rows: KeptDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM edi_documents WHERE reference = $1 AND document_type = $2`,
      [reference, documentType],
    );
    return rows[0];
  }
}
