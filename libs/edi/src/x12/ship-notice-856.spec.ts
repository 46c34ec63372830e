import fc from 'fast-check';
import { EdiDocumentError, ShipmentNotice } from '../edi-types';
import { readX12AdvanceShipNotice, writeX12AdvanceShipNotice } from './ship-notice-856';
import { envelopeArbitrary, shipmentArbitrary, x12Text } from '../../test/edi-arbitraries';

const envelope = { sender: 'SMIPLATFORM', receiver: 'BUYER01', controlNumber: 905, preparedAt: new Date('2026-03-02T14:05:00Z') };
const shipment: ShipmentNotice = {
  shipmentId: 'SHP-0001',
  dispatchedAt: new Date('2026-03-02T13:30:00Z'),
  expectedDeliveryAt: new Date('2026-03-04T08:00:00Z'),
  shipFrom: 'SUP-7',
  shipTo: 'SITE-12',
  carrier: 'UPSN',
  trackingReference: '1Z999AA10123456784',
  lines: [
    { lineNumber: 1, item: 'ITEM-A', quantity: 24, unit: 'EA', orderReference: 'PO-100' },
    { lineNumber: 2, item: 'ITEM-B', quantity: 2.5, unit: 'CA', orderReference: 'PO-100' },
    { lineNumber: 3, item: 'ITEM-C', quantity: 10, unit: 'EA', orderReference: 'PO-101' },
  ],
};

describe('the X12 856 advance ship notice', () => {
  // The layout of X12 856 Ship Notice/Manifest 004010 as retailers' public 856 guides publish it: BSN (purpose 00,
  // shipment id, date, time, hierarchical structure 0004 shipment/order/item), HL shipment level with TD5, REF,
  // DTM 011 shipped / 017 estimated delivery and N1 SF/ST, HL order levels with PRF, HL item levels with LIN and SN1, CTT.
  it('lays a shipment out in shipment, order and item levels', () => {
    expect(writeX12AdvanceShipNotice(shipment, envelope).split('\n')).toEqual([
      'ISA*00*          *00*          *ZZ*SMIPLATFORM    *ZZ*BUYER01        *260302*1405*U*00401*000000905*0*P*>~',
      'GS*SH*SMIPLATFORM*BUYER01*20260302*1405*905*X*004010~',
      'ST*856*0001~',
      'BSN*00*SHP-0001*20260302*1405*0004~',
      'HL*1**S~',
      'TD5**ZZ*UPSN~',
      'REF*CN*1Z999AA10123456784~',
      'DTM*011*20260302*1330*UT~',
      'DTM*017*20260304*0800*UT~',
      'N1*SF**ZZ*SUP-7~',
      'N1*ST**ZZ*SITE-12~',
      'HL*2*1*O~',
      'PRF*PO-100~',
      'HL*3*2*I~',
      'LIN*1*IN*ITEM-A~',
      'SN1*1*24*EA~',
      'HL*4*2*I~',
      'LIN*2*IN*ITEM-B~',
      'SN1*2*2.5*CA~',
      'HL*5*1*O~',
      'PRF*PO-101~',
      'HL*6*5*I~',
      'LIN*3*IN*ITEM-C~',
      'SN1*3*10*EA~',
      'CTT*3~',
      'SE*24*0001~',
      'GE*1*905~',
      'IEA*1*000000905~',
      '',
    ]);
  });

  it('reads a partner 856 with the segments this platform does not use (TD1, REF*BM, N3/N4, PO4)', () => {
    const partner = [
      'ISA*00*          *00*          *ZZ*SUPPLIER7      *ZZ*SMIPLATFORM    *260302*1405*U*00401*000000012*0*P*>~',
      'GS*SH*SUPPLIER7*SMIPLATFORM*20260302*1405*12*X*004010~',
      'ST*856*0012~',
      'BSN*00*ASN-77*20260302*1405*0001~',
      'HL*1**S~',
      'TD1*CTN25*3****G*41.5*LB~',
      'TD5**2*FDEG~',
      'REF*BM*BOL-555~',
      'DTM*011*20260302*1200~',
      'N1*ST*Main warehouse*92*SITE-12~',
      'N3*1 Dock Road~',
      'N4*Springfield*IL*62701~',
      'N1*SF*Supplier seven*92*SUP-7~',
      'HL*2*1*O~',
      'PRF*PO-100~',
      'HL*3*2*P~',
      'HL*4*3*I~',
      'LIN*1*UP*012345678905*IN*ITEM-A~',
      'SN1*1*12*EA~',
      'PO4*12~',
      'CTT*1~',
      'SE*20*0012~',
      'GE*1*12~',
      'IEA*1*000000012~',
    ].join('\n');

    expect(readX12AdvanceShipNotice(partner)).toEqual({
      shipmentId: 'ASN-77',
      dispatchedAt: new Date('2026-03-02T12:00:00Z'),
      shipFrom: 'SUP-7',
      shipTo: 'SITE-12',
      carrier: 'FDEG',
      lines: [{ lineNumber: 1, item: 'ITEM-A', quantity: 12, unit: 'EA', orderReference: 'PO-100' }],
    });
  });

  it('reads back exactly what it writes, for any shipment', () => {
    fc.assert(
      fc.property(shipmentArbitrary(x12Text), envelopeArbitrary, (notice, parties) => {
        expect(readX12AdvanceShipNotice(writeX12AdvanceShipNotice(notice, parties))).toEqual(notice);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a value it cannot carry and a broken interchange, naming the problem', () => {
    expect(() => writeX12AdvanceShipNotice({ ...shipment, carrier: 'A*B' }, envelope)).toThrow(/TD503 "A\*B" contains the delimiter "\*"/);
    expect(() => writeX12AdvanceShipNotice(shipment, { ...envelope, sender: 'A-SENDER-ID-LONGER-THAN-15' })).toThrow(/ISA06/);
    const broken = writeX12AdvanceShipNotice(shipment, envelope).replace('SE*24*0001', 'SE*23*0001');
    expect(() => readX12AdvanceShipNotice(broken)).toThrow(EdiDocumentError);
    expect(() => readX12AdvanceShipNotice(broken)).toThrow(/SE01 says 23 segments/);
  });
});
