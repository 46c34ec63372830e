import { EdiDocument, EdiDocumentStandard, ReplenishmentOrder } from '@smi/contracts';
import {
  EnvelopeParties,
  PurchaseOrderDocument,
  ShipmentNotice,
  writeEdifactDespatchAdvice,
  writeX12AdvanceShipNotice,
  writeX12PurchaseOrder,
} from '@smi/edi';
import { expectedOf, orderProblems, shipmentActionFor, ShipmentState } from '../shipments/shipment';

export type DocumentType = '856' | '850' | 'DESADV';

/** A document to produce, before it has its control number: what it says and who it goes to. */
export interface DocumentDraft {
  documentId: string;
  standard: EdiDocumentStandard;
  documentType: DocumentType;
  /** Who the gateway delivers it to (the interchange's receiver). */
  partyId: string;
  /** Who it comes from (the interchange's sender). */
  senderId: string;
  buyerId: string;
  supplierId: string;
  agreementId: string;
  reference: string;
  /** When what caused it happened: the envelope's date and the document's createdAt, the same on every replay. */
  preparedAt: Date;
  body: { kind: 'notice'; notice: ShipmentNotice } | { kind: 'order'; order: PurchaseOrderDocument };
}

/** A document's id: one per reference and type, so producing it again is recognised. */
export const documentIdOf = (reference: string, documentType: DocumentType): string => `${reference}/${documentType}`;

/** The advance ship notice a dispatched shipment makes: what left for each order, for the buyer's gateway. */
export function shipmentNoticeOf(shipment: ShipmentState): ShipmentNotice {
  return {
    shipmentId: shipment.shipmentId,
    dispatchedAt: shipment.dispatchedAt ?? shipment.statusChangedAt,
    expectedDeliveryAt: shipment.expectedDeliveryAt,
    shipFrom: shipment.supplierId,
    shipTo: shipment.siteId,
    ...(shipment.carrier ? { carrier: shipment.carrier } : {}),
    ...(shipment.trackingReference ? { trackingReference: shipment.trackingReference } : {}),
    // A line nothing left for is not on the notice; the others keep their place on the shipment as their number.
    lines: shipment.lines
      .map((line, i) => ({
        lineNumber: i + 1,
        item: line.itemId,
        quantity: expectedOf(line),
        unit: line.unit,
        orderReference: line.orderId,
      }))
      .filter((line) => line.quantity > 0),
  };
}

/** A dispatched shipment's documents for its buyer: an X12 856 and an EDIFACT DESADV (the buyer's gateway takes the one it speaks). */
export function dispatchDocumentsOf(shipment: ShipmentState): DocumentDraft[] {
  const notice = shipmentNoticeOf(shipment);
  const common = {
    partyId: shipment.buyerId,
    senderId: shipment.supplierId,
    buyerId: shipment.buyerId,
    supplierId: shipment.supplierId,
    agreementId: shipment.agreementId,
    reference: shipment.shipmentId,
    preparedAt: notice.dispatchedAt,
    body: { kind: 'notice' as const, notice },
  };
  return [
    { ...common, documentId: documentIdOf(shipment.shipmentId, '856'), standard: 'X12', documentType: '856' },
    { ...common, documentId: documentIdOf(shipment.shipmentId, 'DESADV'), standard: 'EDIFACT', documentType: 'DESADV' },
  ];
}

/** A released order's X12 850 for the supplier's gateway: the buyer orders what the platform decided. */
export function purchaseOrderDocumentOf(order: ReplenishmentOrder): DocumentDraft {
  return {
    documentId: documentIdOf(order.orderId, '850'),
    standard: 'X12',
    documentType: '850',
    partyId: order.supplierId,
    senderId: order.buyerId,
    buyerId: order.buyerId,
    supplierId: order.supplierId,
    agreementId: order.agreementId,
    reference: order.orderId,
    preparedAt: order.decidedAt,
    body: {
      kind: 'order',
      order: {
        orderId: order.orderId,
        orderedAt: order.decidedAt,
        buyer: order.buyerId,
        supplier: order.supplierId,
        shipTo: order.siteId,
        requestedDeliveryAt: order.expectedDeliveryAt,
        lines: [{ lineNumber: 1, item: order.itemId, quantity: order.quantity, unit: order.unit }],
      },
    },
  };
}

/** The places in a batch of the order events that release an order: each calls for an 850 (once per order). */
export const releasedOrderIndexes = (orders: readonly ReplenishmentOrder[]): number[] =>
  orders.flatMap((order, i) => (orderProblems(order).length === 0 && shipmentActionFor(order) === 'plan' ? [i] : []));

/** How many control numbers each partner's drafts need, in the order partners first appear. */
export function controlNumbersWanted(drafts: readonly DocumentDraft[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const draft of drafts) wanted.set(draft.partyId, (wanted.get(draft.partyId) ?? 0) + 1);
  return wanted;
}

/**
 * A party's id as an interchange envelope names it: X12 gives the sender and receiver 15 characters
 * (ISA06, ISA08), so a longer id keeps its first 7 and a hash of the whole, the same every time.
 * EDIFACT (UNB02, UNB03: 35) takes the same, so a partner is named alike in both.
 */
export function interchangeIdOf(partyId: string): string {
  if (partyId.length <= 15) return partyId;
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (const char of partyId) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return `${partyId.slice(0, 7)}-${hash.toString(36).padStart(7, '0').slice(-7)}`;
}

/** The drafts a standard can carry, and those it cannot, with why (an id too long for its element, say). */
export function writableDrafts(drafts: readonly DocumentDraft[]): {
  writable: DocumentDraft[];
  unwritable: Array<{ draft: DocumentDraft; reason: string }>;
} {
  const writable: DocumentDraft[] = [];
  const unwritable: Array<{ draft: DocumentDraft; reason: string }> = [];
  for (const draft of drafts) {
    try {
      contentOf(draft, envelopeOf(draft, 1));
      writable.push(draft);
    } catch (error) {
      unwritable.push({ draft, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { writable, unwritable };
}

/**
 * The documents, written: each partner's drafts take the control numbers after `lastBefore` (the
 * partner's last number before this batch), one by one in the order given, so they rise with
 * every interchange the partner gets. The drafts must be writable (writableDrafts).
 */
export function writeDocuments(drafts: readonly DocumentDraft[], lastBefore: ReadonlyMap<string, number>): EdiDocument[] {
  const next = new Map(lastBefore);
  return drafts.map((draft) => {
    const controlNumber = (next.get(draft.partyId) ?? 0) + 1;
    next.set(draft.partyId, controlNumber);
    return {
      documentId: draft.documentId,
      eventId: `${draft.documentId}/edi-document`,
      standard: draft.standard,
      documentType: draft.documentType,
      partyId: draft.partyId,
      agreementId: draft.agreementId,
      reference: draft.reference,
      controlNumber,
      content: contentOf(draft, envelopeOf(draft, controlNumber)),
      createdAt: draft.preparedAt,
    };
  });
}

const envelopeOf = (draft: DocumentDraft, controlNumber: number): EnvelopeParties => ({
  sender: interchangeIdOf(draft.senderId),
  receiver: interchangeIdOf(draft.partyId),
  controlNumber,
  preparedAt: draft.preparedAt,
});

function contentOf(draft: DocumentDraft, envelope: EnvelopeParties): string {
  if (draft.body.kind === 'order') return writeX12PurchaseOrder(draft.body.order, envelope);
  return draft.documentType === 'DESADV'
    ? writeEdifactDespatchAdvice(draft.body.notice, envelope)
    : writeX12AdvanceShipNotice(draft.body.notice, envelope);
}
