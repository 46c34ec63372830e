import { EdiDocumentError, EdiError, ShipmentLine, ShipmentNotice } from './edi-types';

/** Throws what reading a document found wrong, all of it at once, naming the document. */
export function failOn(errors: EdiError[], what: string) {
  if (errors.length > 0)
    throw new EdiDocumentError(`the ${what} cannot be read: ${errors.map((error) => error.reason).join('; ')}`, errors);
}

/** A ship notice as an 856 or a DESADV is read, segment by segment: its fields known once the document is read. */
export type ShipmentNoticeRead = Partial<ShipmentNotice> & { lines: ShipmentLine[] };

/** The notice read, once failOn has found its id and dispatch date there; optional fields only where sent. */
export function completedShipmentNotice(notice: ShipmentNoticeRead): ShipmentNotice {
  return {
    shipmentId: notice.shipmentId as string,
    dispatchedAt: notice.dispatchedAt as Date,
    ...(notice.expectedDeliveryAt ? { expectedDeliveryAt: notice.expectedDeliveryAt } : {}),
    shipFrom: notice.shipFrom ?? '',
    shipTo: notice.shipTo ?? '',
    ...(notice.carrier !== undefined ? { carrier: notice.carrier } : {}),
    ...(notice.trackingReference !== undefined ? { trackingReference: notice.trackingReference } : {}),
    lines: notice.lines,
  };
}
