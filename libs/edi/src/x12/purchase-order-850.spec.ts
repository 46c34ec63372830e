import fc from 'fast-check';
import { PurchaseOrderDocument } from '../edi-types';
import { readX12PurchaseOrder, writeX12PurchaseOrder } from './purchase-order-850';
import { envelopeArbitrary, purchaseOrderArbitrary, x12Text } from '../../test/edi-arbitraries';

const envelope = { sender: 'SMIPLATFORM', receiver: 'SUPPLIER7', controlNumber: 31, preparedAt: new Date('2026-03-02T07:00:00Z') };
const order: PurchaseOrderDocument = {
  orderId: 'RO-2026-0042',
  orderedAt: new Date('2026-03-02T06:45:00Z'),
  buyer: 'BUYER01',
  supplier: 'SUP-7',
  shipTo: 'SITE-12',
  requestedDeliveryAt: new Date('2026-03-06T00:00:00Z'),
  lines: [
    { lineNumber: 1, item: 'ITEM-A', quantity: 48, unit: 'EA' },
    { lineNumber: 2, item: 'ITEM-B', quantity: 3, unit: 'CA' },
  ],
};

describe('the X12 850 purchase order', () => {
  // The layout of X12 850 Purchase Order 004010 as retailers' public 850 guides publish it: BEG (purpose 00,
  // type SA stand-alone, PO number, date), DTM 004 order date / 002 delivery requested, N1 BY/SU/ST loops,
  // PO1 (line, quantity, unit, product id qualifier IN and id), CTT.
  it('lays a released order out as BEG, DTM, N1 loops, PO1 lines and CTT', () => {
    const text = writeX12PurchaseOrder(order, envelope);
    expect(text.split('\n').slice(2, -3)).toEqual([
      'ST*850*0001~',
      'BEG*00*SA*RO-2026-0042**20260302~',
      'DTM*004*20260302*0645*UT~',
      'DTM*002*20260306*0000*UT~',
      'N1*BY**ZZ*BUYER01~',
      'N1*SU**ZZ*SUP-7~',
      'N1*ST**ZZ*SITE-12~',
      'PO1*1*48*EA***IN*ITEM-A~',
      'PO1*2*3*CA***IN*ITEM-B~',
      'CTT*2~',
      'SE*11*0001~',
    ]);
  });

  it('reads back exactly what it writes, for any order', () => {
    fc.assert(
      fc.property(purchaseOrderArbitrary(x12Text), envelopeArbitrary, (document, parties) => {
        expect(readX12PurchaseOrder(writeX12PurchaseOrder(document, parties))).toEqual(document);
      }),
      { numRuns: 300 },
    );
  });
});
