// The documents the platform exchanges by EDI, in the platform's words. The standards' own layouts live beside
// each reader and writer.

export type EdiStandard = 'x12' | 'edifact';

/**
 * What kind of problem an error is, so an acknowledgment can pick the standard's code for it
 * (997 AK3/AK4/AK5/AK9 and TA1 codes, CONTRL syntax error codes).
 */
export type EdiErrorKind =
  | 'garbage' // not an interchange of the expected standard at all
  | 'truncated' // ends before its trailer
  | 'missing-segment'
  | 'unexpected-segment'
  | 'missing-element'
  | 'invalid-element'
  | 'control-count' // a trailer's count differs from what was received
  | 'control-reference' // a trailer's control number differs from its header's
  | 'unsupported' // a transaction set / message this reader does not take
  | 'unknown-code'; // a code the receiver does not know (an item x location without cross-reference): its line is not taken, the rest is

/** One problem in an interchange, named as an acknowledgment names it. */
export interface EdiError {
  segment: string;
  /** 1-based position of the segment in its transaction set/message (or in the interchange for envelope errors). */
  segmentPosition: number;
  /** 1-based element position, when one element is at fault. */
  element?: number;
  /** 1-based component position inside the element, when one component is at fault. */
  component?: number;
  /** Transaction set / message control number, when inside one. */
  transaction?: string;
  reason: string;
  kind?: EdiErrorKind;
  /** The offending value, when there is one (acknowledgments copy it back). */
  value?: string;
}

/** What the buyer reported for one of its locations x items over a period (852 / INVRPT line). */
export interface ReportedActivity {
  /** The buyer's own location code (mapped to a site by the service's cross-reference). */
  location: string;
  /** The buyer's own item code. */
  item: string;
  /** Unit of measure as sent (EA, CS, ... / PCE ...); empty when the sender left it out. */
  unit: string;
  /** On hand at the end of the period (852 ZA*QA / INVRPT QTY+145). */
  onHand?: number;
  /** Sold / consumed in the period (852 ZA*QS / INVRPT movement out of inventory). */
  consumed?: number;
  /** Received in the period (852 ZA*QR / INVRPT QTY+48 or movement into inventory). */
  received?: number;
}

/** Where a report line's item code was read: what an acknowledgment names when the receiver refuses the line. */
export interface ItemCodePlace {
  segment: string;
  segmentPosition: number;
  element: number;
  component?: number;
}

export interface InventoryReport {
  /** ST02 / UNH01. */
  controlNumber: string;
  /** 852 XQ02 when XQ03 is sent too / INVRPT DTM start of period. */
  periodStart?: Date;
  /** The date the on-hand figures hold for: 852 XQ03 (or XQ02 alone) / INVRPT DTM end of period. */
  periodEnd: Date;
  lines: ReportedActivity[];
}

export interface InboundInterchange {
  standard: EdiStandard;
  /** ISA13 / UNB05. */
  controlNumber: string;
  /** ISA06 / UNB02. */
  sender: string;
  /** ISA08 / UNB03. */
  receiver: string;
  /** Only the transaction sets / messages that were accepted. */
  reports: InventoryReport[];
  /** Empty when everything was accepted. */
  errors: EdiError[];
  /** False when the envelope itself is broken or every set was rejected. */
  accepted: boolean;
  /** X12 997 or EDIFACT CONTRL text for this interchange, accepting or rejecting, errors named. */
  acknowledgment: string;
}

/** Envelope data the writer needs for outbound documents. */
export interface EnvelopeParties {
  sender: string;
  receiver: string;
  controlNumber: number;
  preparedAt: Date;
  test?: boolean;
}

export interface ShipmentLine {
  lineNumber: number;
  item: string;
  quantity: number;
  unit: string;
  orderReference: string;
}

/** A dispatched shipment as an ASN / DESADV carries it. */
export interface ShipmentNotice {
  shipmentId: string;
  dispatchedAt: Date;
  expectedDeliveryAt?: Date;
  /** Supplier id. */
  shipFrom: string;
  /** Buyer site id (or the buyer's location code via cross-reference). */
  shipTo: string;
  carrier?: string;
  trackingReference?: string;
  lines: ShipmentLine[];
}

export interface PurchaseOrderLine {
  lineNumber: number;
  item: string;
  quantity: number;
  unit: string;
}

/** A released replenishment order as an 850 carries it. */
export interface PurchaseOrderDocument {
  orderId: string;
  orderedAt: Date;
  buyer: string;
  supplier: string;
  shipTo: string;
  requestedDeliveryAt?: Date;
  lines: PurchaseOrderLine[];
}

/** Thrown by the outbound writers when a document cannot be written faithfully, and by the readers of outbound documents. */
export class EdiDocumentError extends Error {
  constructor(
    message: string,
    readonly errors: EdiError[] = [],
  ) {
    super(message);
    this.name = 'EdiDocumentError';
  }
}
