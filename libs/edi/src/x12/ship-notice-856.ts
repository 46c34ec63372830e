// X12 856 Ship Notice/Manifest (version 004010), the layout retailers publish in their 856 guides:
//   BSN  00 (original), shipment id, date and time the notice was made, 0004 (hierarchy: shipment, order, item)
//   HL   shipment level (S): TD5 (carrier, TD502 "ZZ" mutually defined, TD503 the carrier), REF*CN (carrier's
//        reference: the tracking number), DTM*011 (shipped), DTM*017 (estimated delivery), N1*SF / N1*ST (ship
//        from / ship to, N103 "ZZ", N104 the party's id)
//   HL   order level (O), child of the shipment: PRF01 the purchase order number
//   HL   item level (I), child of its order: LIN01 the line number, LIN02 "IN" (buyer's item), LIN03 the item;
//        SN1 (SN101 line number, SN102 units shipped, SN103 unit of measure)
//   CTT  number of lines
import { EdiDocumentError, EdiError, EnvelopeParties, ShipmentNotice } from '../edi-types';
import { SegmentToWrite, formatDate, formatQuantity, formatTime, parseQuantity, valueOf } from '../syntax/segment';
import { setControlNumber, writeX12Interchange } from './x12-envelope';
import { positionInSet, readX12DateTime, singleX12Set, x12DateTime } from './x12-values';
import { failOn, completedShipmentNotice, ShipmentNoticeRead } from '../document-reading';

export function writeX12AdvanceShipNotice(notice: ShipmentNotice, envelope: EnvelopeParties): string {
  if (notice.lines.length === 0) throw new EdiDocumentError(`shipment ${notice.shipmentId} has no lines`);
  const body: SegmentToWrite[] = [
    ['BSN', '00', notice.shipmentId, formatDate(envelope.preparedAt), formatTime(envelope.preparedAt), '0004'],
  ];
  let hl = 1;
  body.push(['HL', String(hl), '', 'S']);
  if (notice.carrier !== undefined) body.push(['TD5', '', 'ZZ', notice.carrier]);
  if (notice.trackingReference !== undefined) body.push(['REF', 'CN', notice.trackingReference]);
  body.push(x12DateTime('011', notice.dispatchedAt));
  if (notice.expectedDeliveryAt) body.push(x12DateTime('017', notice.expectedDeliveryAt));
  body.push(['N1', 'SF', '', 'ZZ', notice.shipFrom], ['N1', 'ST', '', 'ZZ', notice.shipTo]);
  // A new order level each time the order changes, so lines come back in the order they were given.
  let orderLevel = 0;
  let currentOrder: string | undefined;
  for (const line of notice.lines) {
    if (line.orderReference !== currentOrder) {
      hl += 1;
      orderLevel = hl;
      currentOrder = line.orderReference;
      body.push(['HL', String(hl), '1', 'O'], ['PRF', line.orderReference]);
    }
    hl += 1;
    body.push(['HL', String(hl), String(orderLevel), 'I']);
    body.push(['LIN', String(line.lineNumber), 'IN', line.item]);
    body.push(['SN1', String(line.lineNumber), formatQuantity(line.quantity), line.unit]);
  }
  body.push(['CTT', String(notice.lines.length)]);
  return writeX12Interchange(envelope, [{ functionalId: 'SH', sets: [{ type: '856', controlNumber: setControlNumber(1), body }] }]);
}

/** Reads the first 856 of an interchange; throws EdiDocumentError naming what is wrong. */
export function readX12AdvanceShipNotice(text: string): ShipmentNotice {
  const set = singleX12Set(text, '856');
  const errors: EdiError[] = [];
  const transaction = set.controlNumber;
  const notice: ShipmentNoticeRead = { lines: [] };
  let order: string | undefined;
  let pending: { lineNumber: number; item: string } | undefined;
  for (const segment of set.segments) {
    const position = positionInSet(set, segment);
    const problem = (element: number, reason: string) =>
      errors.push({
        segment: segment.tag,
        segmentPosition: position,
        element,
        transaction,
        kind: 'invalid-element',
        value: valueOf(segment, element),
        reason,
      });
    switch (segment.tag) {
      case 'BSN':
        notice.shipmentId = valueOf(segment, 2);
        break;
      case 'TD5':
        notice.carrier = valueOf(segment, 3);
        break;
      case 'REF':
        if (valueOf(segment, 1) === 'CN') notice.trackingReference = valueOf(segment, 2);
        break;
      case 'DTM': {
        const qualifier = valueOf(segment, 1);
        if (qualifier === '011') notice.dispatchedAt = readX12DateTime(segment, position, transaction, errors);
        if (qualifier === '017') notice.expectedDeliveryAt = readX12DateTime(segment, position, transaction, errors);
        break;
      }
      case 'N1':
        if (valueOf(segment, 1) === 'SF') notice.shipFrom = valueOf(segment, 4);
        if (valueOf(segment, 1) === 'ST') notice.shipTo = valueOf(segment, 4);
        break;
      case 'HL':
        if (valueOf(segment, 3) === 'O') order = undefined;
        break;
      case 'PRF':
        order = valueOf(segment, 1);
        break;
      case 'LIN': {
        const lineNumber = Number(valueOf(segment, 1));
        if (!Number.isInteger(lineNumber) || valueOf(segment, 1) === '') problem(1, `LIN01 "${valueOf(segment, 1)}" is not a line number`);
        pending = { lineNumber, item: productId(segment.elements) };
        break;
      }
      case 'SN1': {
        const quantity = parseQuantity(valueOf(segment, 2));
        if (quantity === undefined) problem(2, `SN102 "${valueOf(segment, 2)}" is not a quantity`);
        if (!pending) {
          errors.push({
            segment: 'SN1',
            segmentPosition: position,
            transaction,
            kind: 'unexpected-segment',
            reason: 'SN1 without its LIN',
          });
          break;
        }
        if (order === undefined) {
          errors.push({
            segment: 'SN1',
            segmentPosition: position,
            transaction,
            kind: 'missing-segment',
            reason: `line ${pending.lineNumber} has no PRF order reference above it`,
          });
          break;
        }
        notice.lines.push({
          lineNumber: pending.lineNumber,
          item: pending.item,
          quantity: quantity ?? 0,
          unit: valueOf(segment, 3),
          orderReference: order,
        });
        pending = undefined;
        break;
      }
    }
  }
  if (!notice.shipmentId)
    errors.push({
      segment: 'BSN',
      segmentPosition: 2,
      element: 2,
      transaction,
      kind: 'missing-element',
      reason: 'no BSN02 shipment identification',
    });
  if (!notice.dispatchedAt && !errors.some((error) => error.segment === 'DTM'))
    errors.push({ segment: 'DTM', segmentPosition: 0, transaction, kind: 'missing-segment', reason: 'no DTM*011 shipped date' });
  failOn(errors, 'ship notice');
  return completedShipmentNotice(notice);
}

/**
 * The product id of a LIN (or PO1 from PO106 on): pairs of qualifier and id after the assigned id; the buyer's
 * item number (IN) first, then the buyer's part number (BP), else the first id sent.
 */
export function productId(elements: string[][], firstQualifier = 2): string {
  const pairs: Array<[string, string]> = [];
  for (let index = firstQualifier - 1; index + 1 < elements.length; index += 2) {
    const qualifier = elements[index]?.[0] ?? '';
    const id = elements[index + 1]?.[0] ?? '';
    if (id !== '') pairs.push([qualifier, id]);
  }
  return (pairs.find(([qualifier]) => qualifier === 'IN') ?? pairs.find(([qualifier]) => qualifier === 'BP') ?? pairs[0])?.[1] ?? '';
}
