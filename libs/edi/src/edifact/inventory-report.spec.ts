import fc from 'fast-check';
import { InventoryReport } from '../edi-types';
import { readInventoryInterchange } from '../inventory-interchange';
import { writeEdifactInventoryReport } from './inventory-report';
import { edifactText, envelopeArbitrary, minuteArbitrary, reportArbitrary } from '../../test/edi-arbitraries';

// Written from the UN/EDIFACT D.96A directory's INVRPT message (UNECE, https://service.unece.org/trade/untdid/d96a/trmd/invrpt_c.htm;
// INV segment https://service.unece.org/trade/untdid/d96a/trsd/trsdinv.htm; EANCOM's note on INV 4501/4503 at
// http://eancom.com/ean02s3/part2/invrpt/0516.htm), its segment table
// UNH, BGM, DTM, SG2 NAD-LOC, SG9 LIN-PIA-...-LOC, SG12 INV-QTY-GIN-LOC-DTM, UNT, and its data elements:
//   BGM C002 1001 = 35 (inventory report); DTM C507 2005 137 document date, 194 start, 206 end; 2379 102/203
//   LIN 1082 line number, C212 7140 item number, 7143 = IN (buyer's item number); PIA 4347 = 5 (product id)
//   LOC 3227 = 18 (warehouse), C517 3225 the location
//   INV 4501 inventory movement direction (1 out of, 2 into inventory), 4503 inventory balance method
//   QTY C186 6063 quantity qualifier (145 actual stock, 48 received quantity, 1 discrete quantity), 6060, 6411 unit
// ITEM+C's code needs the release character before its '+'. WH-SOUTH's quantities in the last line carry their
// location after the QTY, where D.96A puts the LOC of an INV group.
const INVENTORY_REPORT = [
  "UNA:+.? '",
  "UNB+UNOC:3+4012345000009:14+SMIPLATFORM:ZZZ+260302:0600+INV0001'",
  "UNH+1+INVRPT:D:96A:UN'",
  "BGM+35+IR-2026-09+9'",
  "DTM+137:202603020600:203'",
  "DTM+194:20260222:102'",
  "DTM+206:20260228:102'",
  "NAD+BY+4012345000009::9'",
  "LOC+18+WH-NORTH'",
  "LIN+1++ITEM-A:IN'",
  "INV++++1'",
  "QTY+145:120:PCE'",
  "INV+1'",
  "QTY+1:35:PCE'",
  "LIN+2++ITEM-B:IN'",
  "LOC+18+WH-SOUTH'",
  "INV+2'",
  "QTY+48:60:PCE'",
  "LIN+3'",
  "PIA+5+ITEM?+C:IN'",
  "INV++++1'",
  "QTY+145:7.5:KGM'",
  "LOC+18+WH-SOUTH'",
  "UNT+22+1'",
  "UNZ+1+INV0001'",
  '',
].join('\n');

describe('reading an EDIFACT INVRPT inventory report', () => {
  it('gives on hand, consumed and received per location and item for the period, and acknowledges it with a CONTRL', () => {
    const read = readInventoryInterchange(INVENTORY_REPORT);

    expect(read.errors).toEqual([]);
    expect(read).toMatchObject({
      standard: 'edifact',
      accepted: true,
      controlNumber: 'INV0001',
      sender: '4012345000009',
      receiver: 'SMIPLATFORM',
    });
    expect(read.reports).toEqual([
      {
        controlNumber: '1',
        periodStart: new Date('2026-02-22T00:00:00Z'),
        periodEnd: new Date('2026-02-28T00:00:00Z'),
        lines: [
          { location: 'WH-NORTH', item: 'ITEM-A', unit: 'PCE', onHand: 120, consumed: 35 },
          { location: 'WH-SOUTH', item: 'ITEM-B', unit: 'PCE', received: 60 },
          { location: 'WH-SOUTH', item: 'ITEM+C', unit: 'KGM', onHand: 7.5 },
        ],
      },
    ]);
    expect(read.acknowledgment).toContain(
      "UNH+1+CONTRL:2:2:UN'\nUCI+INV0001+4012345000009+SMIPLATFORM+7'\nUCM+1+INVRPT:D:96A:UN+7'\nUNT+4+1'",
    );
    expect(read.acknowledgment).toContain('UNB+UNOC:3+SMIPLATFORM+4012345000009+260302:0600+');
  });

  it('takes the delimiters and the decimal mark the UNA names', () => {
    const text = INVENTORY_REPORT.replace("UNA:+.? '", 'UNA|=,! ~')
      .replace(/'\n/g, '~\n')
      .replace(/\+/g, '=')
      .replace(/:/g, '|')
      .replace('ITEM?=C', 'ITEM!=C')
      .replace('7.5', '7,5');

    const read = readInventoryInterchange(text);

    expect(read.errors).toEqual([]);
    expect(read.reports[0].lines[2]).toEqual({ location: 'WH-SOUTH', item: 'ITEM=C', unit: 'KGM', onHand: 7.5 });
  });

  it('takes a decimal comma even where the UNA names the full stop', () => {
    const read = readInventoryInterchange(INVENTORY_REPORT.replace('QTY+145:7.5:KGM', 'QTY+145:7,5:KGM'));

    expect(read.reports[0].lines[2].onHand).toBe(7.5);
  });

  it('rejects a message with a quantity that is not a number, naming the QTY, its element and component in the CONTRL', () => {
    const read = readInventoryInterchange(INVENTORY_REPORT.replace('QTY+48:60:PCE', 'QTY+48:sixty:PCE'));

    expect(read.accepted).toBe(false);
    expect(read.reports).toEqual([]);
    expect(read.errors).toEqual([
      expect.objectContaining({ segment: 'QTY', segmentPosition: 16, element: 1, component: 2, value: 'sixty', transaction: '1' }),
    ]);
    expect(read.acknowledgment).toContain("UCM+1+INVRPT:D:96A:UN+4'\nUCS+16'\nUCD+12+1:2'");
  });

  it("reads back exactly what it writes, escaping ? ' + : in every id (INVRPT writer)", () => {
    fc.assert(
      fc.property(
        fc.array(reportArbitrary(edifactText, minuteArbitrary), { minLength: 1, maxLength: 3 }),
        envelopeArbitrary,
        (reports: InventoryReport[], envelope) => {
          const unique = reports.map((report, index) => ({ ...report, controlNumber: `${report.controlNumber}${index}` }));
          const read = readInventoryInterchange(writeEdifactInventoryReport(unique, envelope));
          expect(read.errors).toEqual([]);
          expect(read.reports).toEqual(unique);
        },
      ),
      { numRuns: 200 },
    );
  });
});
