import fc from 'fast-check';
import { InventoryReport } from '../edi-types';
import { readInventoryInterchange } from '../inventory-interchange';
import { writeX12ProductActivity } from './product-activity-852';
import { envelopeArbitrary, reportArbitrary, x12Text } from '../../test/edi-arbitraries';

// Written from the X12 852 Product Activity Data layout, version 004010, as the standard's segment directory and
// retailers' public 852 implementation guides publish it (segment references: https://www.stedi.com/edi/x12-004030/segment/XQ,
// https://zenbridge.io/edi-dictionary/X12/4010/segment/ZA, https://www.stedi.com/edi/x12-004020/segment/SDQ; guides: the
// Costco and C&S Wholesale 852 specifications published on support.ecgrid.com, X12 release 4010):
//   XQ  XQ01 transaction handling code (H = notification only), XQ02 reporting start date, XQ03 end date
//   N9  reference identification (IA = internal vendor number)
//   N1  N101 entity (VN = vendor, RL = reporting location), N102 name, N103 id qualifier (92 = assigned by buyer), N104 id
//   LIN LIN02/LIN03, LIN04/LIN05 product id qualifier and id (UP = UPC, IN = buyer's item number)
//   ZA  ZA01 activity code (QA current inventory, QS quantity sold, QR quantity received), ZA02 quantity, ZA03 unit
//   SDQ SDQ01 unit, SDQ02 id qualifier (92), then pairs of location id and quantity
//   CTT number of line items
// The first set reports one store through N1; the second breaks each quantity down by store with SDQ.
const TWO_LOCATIONS_FOUR_ITEMS = [
  'ISA*00*          *00*          *01*123456789      *ZZ*SMIPLATFORM    *260302*0600*U*00401*000000101*0*P*>~',
  'GS*PD*123456789*SMIPLATFORM*20260302*0600*101*X*004010~',
  'ST*852*0101~',
  'XQ*H*20260222*20260228~',
  'N9*IA*VND123~',
  'N1*VN*ACME SUPPLY*92*VND123~',
  'N1*RL*STORE 42*92*0042~',
  'LIN**UP*012345678905*IN*ITEM-A~',
  'ZA*QA*12*EA~',
  'ZA*QS*30*EA~',
  'ZA*QR*24*EA~',
  'LIN**UP*012345678912*IN*ITEM-B~',
  'ZA*QA*0*EA~',
  'ZA*QS*7*EA~',
  'CTT*2~',
  'SE*14*0101~',
  'ST*852*0102~',
  'XQ*H*20260222*20260228~',
  'LIN**IN*ITEM-C~',
  'ZA*QA*40*CA~',
  'SDQ*CA*92*0042*15*0043*25~',
  'ZA*QS*9*CA~',
  'SDQ*CA*92*0042*4*0043*5~',
  'LIN**IN*ITEM-D~',
  'ZA*QR*6.5*EA~',
  'SDQ*EA*92*0043*6.5~',
  'CTT*2~',
  'SE*12*0102~',
  'GE*2*101~',
  'IEA*1*000000101~',
].join('\n');

describe('reading an X12 852 product activity report', () => {
  it('gives on hand, sold and received per store and item, for the reporting period, and accepts it with a 997', () => {
    const read = readInventoryInterchange(TWO_LOCATIONS_FOUR_ITEMS);

    expect(read.errors).toEqual([]);
    expect(read.accepted).toBe(true);
    expect(read).toMatchObject({ standard: 'x12', controlNumber: '000000101', sender: '123456789', receiver: 'SMIPLATFORM' });
    const period = { periodStart: new Date('2026-02-22T00:00:00Z'), periodEnd: new Date('2026-02-28T00:00:00Z') };
    expect(read.reports).toEqual([
      {
        controlNumber: '0101',
        ...period,
        lines: [
          { location: '0042', item: 'ITEM-A', unit: 'EA', onHand: 12, consumed: 30, received: 24 },
          { location: '0042', item: 'ITEM-B', unit: 'EA', onHand: 0, consumed: 7 },
        ],
      },
      {
        controlNumber: '0102',
        ...period,
        lines: [
          { location: '0042', item: 'ITEM-C', unit: 'CA', onHand: 15, consumed: 4 },
          { location: '0043', item: 'ITEM-C', unit: 'CA', onHand: 25, consumed: 5 },
          { location: '0043', item: 'ITEM-D', unit: 'EA', received: 6.5 },
        ],
      },
    ]);
    const acknowledgment = read.acknowledgment.split('\n');
    expect(acknowledgment).toEqual(
      expect.arrayContaining([
        'ST*997*0001~',
        'AK1*PD*101~',
        'AK2*852*0101~',
        'AK2*852*0102~',
        'AK5*A~',
        'AK9*A*2*2*2~',
        'IEA*1*000000101~',
      ]),
    );
    expect(acknowledgment[0]).toContain('*ZZ*SMIPLATFORM    *ZZ*123456789      *');
  });

  it('takes the delimiters the ISA names, and a single XQ02 as the date the figures hold for', () => {
    const isa = 'ISA|00|          |00|          |01|123456789      |ZZ|SMIPLATFORM    |260302|0600|^|00501|000000102|0|T|:\n';
    const text =
      isa +
      [
        'GS|PD|123456789|SMIPLATFORM|20260302|0600|7|X|005010',
        'ST|852|0001',
        'XQ|H|20260301',
        'N1|RL||92|0042',
        'LIN||IN|A*1',
        'ZA|QA|3|EA',
        'SE|6|0001',
        'GE|1|7',
        'IEA|1|000000102',
      ].join('\n') +
      '\n';

    const read = readInventoryInterchange(text);

    expect(read.errors).toEqual([]);
    expect(read.reports).toEqual([
      {
        controlNumber: '0001',
        periodEnd: new Date('2026-03-01T00:00:00Z'),
        lines: [{ location: '0042', item: 'A*1', unit: 'EA', onHand: 3 }],
      },
    ]);
  });

  it('rejects a set whose quantity is not a number, naming ZA02, and still accepts the good set beside it', () => {
    const text = TWO_LOCATIONS_FOUR_ITEMS.replace('ZA*QS*7*EA~', 'ZA*QS*seven*EA~');

    const read = readInventoryInterchange(text);

    expect(read.accepted).toBe(true);
    expect(read.reports.map((report) => report.controlNumber)).toEqual(['0102']);
    expect(read.errors).toEqual([
      expect.objectContaining({ segment: 'ZA', segmentPosition: 12, element: 2, transaction: '0101', value: 'seven' }),
    ]);
    expect(read.acknowledgment).toContain('AK2*852*0101~\nAK3*ZA*12**8~\nAK4*2**6*seven~\nAK5*R*5~\nAK2*852*0102~\nAK5*A~\nAK9*P*2*2*1~');
  });

  it('rejects a ZA with no location (no N1, no SDQ) and a set without XQ', () => {
    const text = TWO_LOCATIONS_FOUR_ITEMS.replace('N1*RL*STORE 42*92*0042~\n', '')
      .replace('SE*14*0101', 'SE*13*0101')
      .replace('XQ*H*20260222*20260228~\nLIN**IN*ITEM-C', 'LIN**IN*ITEM-C')
      .replace('SE*12*0102', 'SE*11*0102');

    const read = readInventoryInterchange(text);

    expect(read.accepted).toBe(false);
    expect(read.reports).toEqual([]);
    expect(read.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ segment: 'ZA', segmentPosition: 7, transaction: '0101' }),
        expect.objectContaining({ segment: 'XQ', transaction: '0102', kind: 'missing-segment' }),
      ]),
    );
    expect(read.acknowledgment).toContain('AK9*R*2*2*0~');
  });

  it('gives one line per store and item when the sender spreads its activities over several LIN loops', () => {
    const text = TWO_LOCATIONS_FOUR_ITEMS.replace('LIN**UP*012345678912*IN*ITEM-B~', 'LIN**UP*012345678905*IN*ITEM-A~').replace(
      'ZA*QS*7*EA~',
      'ZA*QS*8*EA~',
    );

    const [first] = readInventoryInterchange(text).reports;

    // On hand is the last level sent; sold adds up.
    expect(first.lines).toEqual([{ location: '0042', item: 'ITEM-A', unit: 'EA', onHand: 0, consumed: 38, received: 24 }]);
  });

  it('reads back exactly what it writes (852 writer, any ids, quantities and dates)', () => {
    fc.assert(
      fc.property(
        fc.array(reportArbitrary(x12Text), { minLength: 1, maxLength: 3 }),
        envelopeArbitrary,
        (reports: InventoryReport[], envelope) => {
          const unique = reports.map((report, index) => ({ ...report, controlNumber: String(1000 + index) }));
          const read = readInventoryInterchange(writeX12ProductActivity(unique, envelope));
          expect(read.errors).toEqual([]);
          expect(read.reports).toEqual(unique);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses to write a value that holds an X12 delimiter', () => {
    const report: InventoryReport = {
      controlNumber: '0001',
      periodEnd: new Date('2026-03-01T00:00:00Z'),
      lines: [{ location: 'A~B', item: 'I', unit: 'EA', onHand: 1 }],
    };
    expect(() => writeX12ProductActivity([report], { sender: 'S', receiver: 'R', controlNumber: 1, preparedAt: new Date() })).toThrow(
      /delimiter "~"/,
    );
  });
});
