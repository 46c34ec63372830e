import { Injectable, Logger } from '@nestjs/common';
import { topics } from '@smi/contracts';
import { Cause, Transaction } from '@smi/messaging';
import { controlNumbersWanted, DocumentDraft, writableDrafts, writeDocuments } from './supplier-documents';
import { SupplierDocumentRepository } from './supplier-document.repository';

/**
 * Produces the EDI documents a batch's state changes call for, inside the batch's unit of work:
 * leaves out those produced before (a replayed order or report), takes each partner's next
 * control numbers in one statement, writes the documents, keeps them for the API and puts them in
 * the outbox for smi.edi-documents.v1, so they commit with the change that caused them.
 */
@Injectable()
export class ProduceSupplierDocuments {
  private readonly log = new Logger(ProduceSupplierDocuments.name);

  constructor(private readonly documents: SupplierDocumentRepository) {}

  async execute(tx: Transaction, wanted: ReadonlyArray<{ draft: DocumentDraft; cause?: Cause }>): Promise<void> {
    if (wanted.length === 0) return;
    const produced = await this.documents.produced(
      tx.manager,
      wanted.map((w) => w.draft.documentId),
    );
    const seen = new Set(produced);
    const fresh = wanted.filter(({ draft }) => !seen.has(draft.documentId) && seen.add(draft.documentId));
    // A document the standard cannot carry is left out and logged: the shipment or order itself stands.
    const { writable, unwritable } = writableDrafts(fresh.map((w) => w.draft));
    for (const { draft, reason } of unwritable) this.log.warn(`no ${draft.documentType} for ${draft.reference}: ${reason}`);
    const drafts = fresh.filter((w) => writable.includes(w.draft));
    const lastBefore = await this.documents.allocate(tx.manager, controlNumbersWanted(writable));
    const written = writeDocuments(writable, lastBefore);
    await this.documents.saveAll(tx.manager, written, writable);
    for (const [i, document] of written.entries()) await tx.outbox.add(topics.ediDocuments, document, drafts[i].cause);
  }
}
