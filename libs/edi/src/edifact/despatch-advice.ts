// EDIFACT DESADV Despatch advice, directory D.96A (UN/EDIFACT D.96A message DESADV, as published by UNECE):
//   BGM  C002 1001 = 351 (despatch advice), 1004 the shipment id, 1225 = 9 (original)
//   DTM  137 (document date), 11 (despatch date), 17 (estimated delivery date), format 203 (CCYYMMDDHHMM, UTC)
//   SG1  RFF+CN: carrier's reference number (the tracking number)
//   SG2  NAD+SU (supplier, the shipment's origin) and NAD+ST (ship to), C082 3039 the party id, 3055 = 91/92
//   SG6  TDT+20 (main carriage), C040 3127 the carrier
//   SG10 CPS+1 (one consignment packing sequence)
//   SG15 LIN (1082 the line number, C212 7140 the item, 7143 = IN buyer's item), QTY+12 (despatch quantity, unit)
//   SG16 RFF+ON: the order number the line ships against
import { EdiDocumentError, EdiError, EnvelopeParties, ShipmentLine, ShipmentNotice } from '../edi-types';
import { SegmentToWrite, formatQuantity, parseQuantity, valueOf } from '../syntax/segment';
import { completedShipmentNotice, failOn, ShipmentNoticeRead } from '../document-reading';
import { writeEdifactInterchange } from './edifact-envelope';
import { edifactDateTime, readEdifactDateTime, singleEdifactMessage } from './edifact-values';

export const DESADV_D96A = ['DESADV', 'D', '96A', 'UN'];

export function writeEdifactDespatchAdvice(notice: ShipmentNotice, envelope: EnvelopeParties): string {
  if (notice.lines.length === 0) throw new EdiDocumentError(`shipment ${notice.shipmentId} has no lines`);
  const body: SegmentToWrite[] = [
    ['BGM', '351', notice.shipmentId, '9'],
    edifactDateTime('137', envelope.preparedAt, false),
    edifactDateTime('11', notice.dispatchedAt, false),
  ];
  if (notice.expectedDeliveryAt) body.push(edifactDateTime('17', notice.expectedDeliveryAt, false));
  if (notice.trackingReference !== undefined) body.push(['RFF', ['CN', notice.trackingReference]]);
  body.push(['NAD', 'SU', [notice.shipFrom, '', '91']], ['NAD', 'ST', [notice.shipTo, '', '92']]);
  if (notice.carrier !== undefined) body.push(['TDT', '20', '', '', '', [notice.carrier]]);
  body.push(['CPS', '1']);
  for (const line of notice.lines) {
    body.push(
      ['LIN', String(line.lineNumber), '', [line.item, 'IN']],
      ['QTY', ['12', formatQuantity(line.quantity), line.unit]],
      ['RFF', ['ON', line.orderReference]],
    );
  }
  return writeEdifactInterchange(envelope, [{ reference: '1', identifier: DESADV_D96A, body }]);
}

/** Reads the first DESADV of an interchange; throws EdiDocumentError naming what is wrong. */
export function readEdifactDespatchAdvice(text: string): ShipmentNotice {
  const { message } = singleEdifactMessage(text, 'DESADV');
  const transaction = message.reference;
  const errors: EdiError[] = [];
  const notice: ShipmentNoticeRead = { lines: [] };
  let line: Partial<ShipmentLine> | undefined;
  const finishLine = () => {
    if (line)
      notice.lines.push({
        lineNumber: line.lineNumber ?? 0,
        item: line.item ?? '',
        quantity: line.quantity ?? 0,
        unit: line.unit ?? '',
        orderReference: line.orderReference ?? '',
      });
    line = undefined;
  };
  message.segments.forEach((segment, index) => {
    const position = index + 1;
    switch (segment.tag) {
      case 'BGM':
        notice.shipmentId = valueOf(segment, 2);
        break;
      case 'DTM': {
        const qualifier = valueOf(segment, 1);
        if (qualifier === '11') notice.dispatchedAt = readEdifactDateTime(segment, position, transaction, errors);
        if (qualifier === '17') notice.expectedDeliveryAt = readEdifactDateTime(segment, position, transaction, errors);
        break;
      }
      case 'RFF':
        if (valueOf(segment, 1) === 'CN' && !line) notice.trackingReference = valueOf(segment, 1, 2);
        if (valueOf(segment, 1) === 'ON' && line) line.orderReference = valueOf(segment, 1, 2);
        break;
      case 'NAD':
        if (valueOf(segment, 1) === 'SU' || valueOf(segment, 1) === 'SF') notice.shipFrom = valueOf(segment, 2);
        if (valueOf(segment, 1) === 'ST' || valueOf(segment, 1) === 'DP') notice.shipTo = valueOf(segment, 2);
        break;
      case 'TDT':
        notice.carrier = valueOf(segment, 5);
        break;
      case 'LIN': {
        finishLine();
        const lineNumber = Number(valueOf(segment, 1));
        if (valueOf(segment, 1) === '' || !Number.isInteger(lineNumber))
          errors.push({
            segment: 'LIN',
            segmentPosition: position,
            element: 1,
            transaction,
            kind: 'invalid-element',
            value: valueOf(segment, 1),
            reason: `LIN line number "${valueOf(segment, 1)}" is not a number`,
          });
        line = { lineNumber, item: valueOf(segment, 3) };
        break;
      }
      case 'PIA':
        if (line && !line.item) line.item = valueOf(segment, 2);
        break;
      case 'QTY': {
        if (!line || valueOf(segment, 1) !== '12') break;
        const quantity = parseQuantity(valueOf(segment, 1, 2), true);
        if (quantity === undefined)
          errors.push({
            segment: 'QTY',
            segmentPosition: position,
            element: 1,
            component: 2,
            transaction,
            kind: 'invalid-element',
            value: valueOf(segment, 1, 2),
            reason: `QTY+12 "${valueOf(segment, 1, 2)}" is not a quantity`,
          });
        line.quantity = quantity;
        line.unit = valueOf(segment, 1, 3);
        break;
      }
    }
  });
  finishLine();
  if (!notice.shipmentId)
    errors.push({
      segment: 'BGM',
      segmentPosition: 2,
      element: 2,
      transaction,
      kind: 'missing-element',
      reason: 'no BGM document number (the shipment id)',
    });
  if (!notice.dispatchedAt && !errors.some((error) => error.segment === 'DTM'))
    errors.push({ segment: 'DTM', segmentPosition: 0, transaction, kind: 'missing-segment', reason: 'no DTM+11 despatch date' });
  failOn(errors, 'despatch advice');
  return completedShipmentNotice(notice);
}
