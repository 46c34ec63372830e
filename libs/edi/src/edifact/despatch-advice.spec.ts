import fc from 'fast-check';
import { ShipmentNotice } from '../edi-types';
import { readEdifactDespatchAdvice, writeEdifactDespatchAdvice } from './despatch-advice';
import { edifactText, envelopeArbitrary, shipmentArbitrary } from '../../test/edi-arbitraries';

const envelope = { sender: 'SMIPLATFORM', receiver: '4012345000009', controlNumber: 77, preparedAt: new Date('2026-03-02T14:05:00Z') };
const shipment: ShipmentNotice = {
  shipmentId: "SHP'01",
  dispatchedAt: new Date('2026-03-02T13:30:00Z'),
  shipFrom: 'SUP-7',
  shipTo: 'SITE+12',
  carrier: 'DHL',
  trackingReference: 'JD0146:0000',
  lines: [{ lineNumber: 1, item: 'ITEM?A', quantity: 24, unit: 'PCE', orderReference: 'PO-100' }],
};

describe('the EDIFACT DESADV despatch advice', () => {
  // The layout of UN/EDIFACT D.96A DESADV (UNECE, https://service.unece.org/trade/untdid/d96a/trmd/desadv_c.htm): BGM 1001 = 351 despatch
  // advice; DTM 137/11/17; SG1 RFF (CN carrier's reference); SG2 NAD (SU supplier, ST ship to); SG6 TDT
  // (20 main carriage, C040 carrier); SG10 CPS; SG15 LIN with QTY 6063 = 12 (despatch quantity); SG16 RFF (ON order number).
  it('lays a shipment out as BGM 351, DTM, RFF, NAD, TDT, CPS and LIN/QTY+12/RFF+ON lines, escaping its delimiters', () => {
    expect(writeEdifactDespatchAdvice(shipment, envelope).split('\n')).toEqual([
      "UNA:+.? '",
      "UNB+UNOC:3+SMIPLATFORM+4012345000009+260302:1405+77'",
      "UNH+1+DESADV:D:96A:UN'",
      "BGM+351+SHP?'01+9'",
      "DTM+137:202603021405:203'",
      "DTM+11:202603021330:203'",
      "RFF+CN:JD0146?:0000'",
      "NAD+SU+SUP-7::91'",
      "NAD+ST+SITE?+12::92'",
      "TDT+20++++DHL'",
      "CPS+1'",
      "LIN+1++ITEM??A:IN'",
      "QTY+12:24:PCE'",
      "RFF+ON:PO-100'",
      "UNT+13+1'",
      "UNZ+1+77'",
      '',
    ]);
  });

  it("reads back exactly what it writes, for any shipment (ids with ? ' + : included)", () => {
    fc.assert(
      fc.property(shipmentArbitrary(edifactText), envelopeArbitrary, (notice, parties) => {
        expect(readEdifactDespatchAdvice(writeEdifactDespatchAdvice(notice, parties))).toEqual(notice);
      }),
      { numRuns: 300 },
    );
  });
});
