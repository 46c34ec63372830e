// X12 850 Purchase Order (version 004010), as retailers' published 850 guides lay it out:
//   BEG  00 (original), SA (stand-alone order), BEG03 the order number, BEG05 the order date
//   DTM*004 order date and time, DTM*002 delivery requested (DTM04 "UT": the times are UTC)
//   N1   BY (buying party), SU (supplier), ST (ship to); N103 "ZZ", N104 the party's id
//   PO1  PO101 line number, PO102 quantity ordered, PO103 unit, PO106 "IN" (buyer's item), PO107 the item
//   CTT  number of PO1 lines
import { EdiDocumentError, EdiError, EnvelopeParties, PurchaseOrderDocument } from '../edi-types';
import { SegmentToWrite, formatDate, formatQuantity, parseDateTime, parseQuantity, valueOf } from '../syntax/segment';
import { setControlNumber, writeX12Interchange } from './x12-envelope';
import { productId } from './ship-notice-856';
import { positionInSet, readX12DateTime, singleX12Set, x12DateTime } from './x12-values';
import { failOn } from '../document-reading';

export function writeX12PurchaseOrder(order: PurchaseOrderDocument, envelope: EnvelopeParties): string {
  if (order.lines.length === 0) throw new EdiDocumentError(`order ${order.orderId} has no lines`);
  const body: SegmentToWrite[] = [['BEG', '00', 'SA', order.orderId, '', formatDate(order.orderedAt)], x12DateTime('004', order.orderedAt)];
  if (order.requestedDeliveryAt) body.push(x12DateTime('002', order.requestedDeliveryAt));
  body.push(['N1', 'BY', '', 'ZZ', order.buyer], ['N1', 'SU', '', 'ZZ', order.supplier], ['N1', 'ST', '', 'ZZ', order.shipTo]);
  for (const line of order.lines) {
    body.push(['PO1', String(line.lineNumber), formatQuantity(line.quantity), line.unit, '', '', 'IN', line.item]);
  }
  body.push(['CTT', String(order.lines.length)]);
  return writeX12Interchange(envelope, [{ functionalId: 'PO', sets: [{ type: '850', controlNumber: setControlNumber(1), body }] }]);
}

/** Reads the first 850 of an interchange; throws EdiDocumentError naming what is wrong. */
export function readX12PurchaseOrder(text: string): PurchaseOrderDocument {
  const set = singleX12Set(text, '850');
  const transaction = set.controlNumber;
  const errors: EdiError[] = [];
  const order: Partial<PurchaseOrderDocument> & { lines: PurchaseOrderDocument['lines'] } = { lines: [] };
  let orderDate: Date | undefined;
  for (const segment of set.segments) {
    const position = positionInSet(set, segment);
    switch (segment.tag) {
      case 'BEG':
        order.orderId = valueOf(segment, 3);
        orderDate = parseDateTime(valueOf(segment, 5));
        break;
      case 'DTM':
        if (valueOf(segment, 1) === '004') order.orderedAt = readX12DateTime(segment, position, transaction, errors);
        if (valueOf(segment, 1) === '002') order.requestedDeliveryAt = readX12DateTime(segment, position, transaction, errors);
        break;
      case 'N1': {
        const party = valueOf(segment, 4);
        if (valueOf(segment, 1) === 'BY') order.buyer = party;
        if (valueOf(segment, 1) === 'SU' || valueOf(segment, 1) === 'SE') order.supplier = party;
        if (valueOf(segment, 1) === 'ST') order.shipTo = party;
        break;
      }
      case 'PO1': {
        const quantity = parseQuantity(valueOf(segment, 2));
        const lineNumber = Number(valueOf(segment, 1));
        if (quantity === undefined)
          errors.push({
            segment: 'PO1',
            segmentPosition: position,
            element: 2,
            transaction,
            kind: 'invalid-element',
            value: valueOf(segment, 2),
            reason: `PO102 "${valueOf(segment, 2)}" is not a quantity`,
          });
        if (valueOf(segment, 1) === '' || !Number.isInteger(lineNumber))
          errors.push({
            segment: 'PO1',
            segmentPosition: position,
            element: 1,
            transaction,
            kind: 'invalid-element',
            value: valueOf(segment, 1),
            reason: `PO101 "${valueOf(segment, 1)}" is not a line number`,
          });
        order.lines.push({ lineNumber, item: productId(segment.elements, 6), quantity: quantity ?? 0, unit: valueOf(segment, 3) });
        break;
      }
    }
  }
  if (!order.orderId)
    errors.push({
      segment: 'BEG',
      segmentPosition: 2,
      element: 3,
      transaction,
      kind: 'missing-element',
      reason: 'no BEG03 purchase order number',
    });
  const orderedAt = order.orderedAt ?? orderDate;
  if (!orderedAt)
    errors.push({
      segment: 'BEG',
      segmentPosition: 2,
      element: 5,
      transaction,
      kind: 'missing-element',
      reason: 'no order date (BEG05 or DTM*004)',
    });
  failOn(errors, 'purchase order');
  return {
    orderId: order.orderId as string,
    orderedAt: orderedAt as Date,
    buyer: order.buyer ?? '',
    supplier: order.supplier ?? '',
    shipTo: order.shipTo ?? '',
    ...(order.requestedDeliveryAt ? { requestedDeliveryAt: order.requestedDeliveryAt } : {}),
    lines: order.lines,
  };
}
