import fc from 'fast-check';
import { InventoryReport } from './edi-types';
import { readInventoryInterchange } from './inventory-interchange';
import { readEdifactInterchange } from './edifact/edifact-envelope';
import { writeEdifactInventoryReport } from './edifact/inventory-report';
import { readX12Interchange, writeX12Interchange } from './x12/x12-envelope';
import { SegmentToWrite, valueOf } from './syntax/segment';
import { writeX12ProductActivity } from './x12/product-activity-852';
import { writeX12PurchaseOrder } from './x12/purchase-order-850';

const envelope = { sender: 'BUYER01', receiver: 'SMIPLATFORM', controlNumber: 4711, preparedAt: new Date('2026-03-02T06:00:00Z') };
const report: InventoryReport = {
  controlNumber: '0001',
  periodStart: new Date('2026-02-22T00:00:00Z'),
  periodEnd: new Date('2026-02-28T00:00:00Z'),
  lines: [
    { location: 'S1', item: 'A', unit: 'EA', onHand: 5, consumed: 2 },
    { location: 'S2', item: 'B', unit: 'EA', received: 10 },
  ],
};
const x12 = writeX12ProductActivity([report], envelope);
const edifact = writeEdifactInventoryReport([report], envelope);
const lines = (text: string) => text.split('\n');

describe('an X12 interchange whose envelope is broken', () => {
  it('is read as it is when sound: one 852 accepted, a 997 accepting it', () => {
    const read = readInventoryInterchange(x12);
    expect(read).toMatchObject({ accepted: true, errors: [], reports: [report] });
    expect(lines(read.acknowledgment)).toEqual(expect.arrayContaining(['AK2*852*0001~', 'AK5*A~', 'AK9*A*1*1*1~']));
  });

  it('answers each functional group with its own 997', () => {
    const set = (controlNumber: string, item: string) => ({
      type: '852',
      controlNumber,
      body: [
        ['XQ', 'H', '20260301'],
        ['N1', 'RL', '', '92', 'S1'],
        ['LIN', '', 'IN', item],
        ['ZA', 'QA', '1', 'EA'],
      ] as SegmentToWrite[],
    });
    const twoGroups = writeX12Interchange(envelope, [
      { functionalId: 'PD', sets: [set('0001', 'A')] },
      { functionalId: 'PD', sets: [set('0002', 'B')] },
    ]);

    const read = readInventoryInterchange(twoGroups);

    expect(read.reports.map((report) => report.lines[0].item)).toEqual(['A', 'B']);
    expect(read.acknowledgment).toContain(
      'ST*997*0001~\nAK1*PD*4711~\nAK2*852*0001~\nAK5*A~\nAK9*A*1*1*1~\nSE*6*0001~\nST*997*0002~\nAK1*PD*4712~',
    );
  });

  it('names SE01 when the segment count is wrong and rejects the set (AK5 code 4, AK3/AK4 on SE01)', () => {
    const read = readInventoryInterchange(x12.replace('SE*12*0001', 'SE*13*0001'));

    expect(read.accepted).toBe(false);
    expect(read.reports).toEqual([]);
    expect(read.errors).toEqual([
      expect.objectContaining({ segment: 'SE', segmentPosition: 12, element: 1, transaction: '0001', kind: 'control-count', value: '13' }),
    ]);
    expect(read.acknowledgment).toContain('AK2*852*0001~\nAK3*SE*12**8~\nAK4*1**7*13~\nAK5*R*4~\nAK9*R*1*1*0~');
  });

  it('names IEA02 when it differs from ISA13 and rejects the interchange with a TA1 (note 001)', () => {
    const read = readInventoryInterchange(x12.replace('IEA*1*000004711', 'IEA*1*000004712'));

    expect(read.accepted).toBe(false);
    expect(read.reports).toEqual([]);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'IEA', element: 2, kind: 'control-reference', value: '000004712' })]);
    expect(read.acknowledgment).toContain('TA1*000004711*260302*0600*R*001~');
    expect(read.acknowledgment).toContain('AK5*R~\nAK9*R*1*1*0~');
  });

  it('names GE02 when it differs from GS06 (AK9 code 4)', () => {
    const read = readInventoryInterchange(x12.replace('GE*1*4711', 'GE*1*4712'));

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'GE', element: 2, kind: 'control-reference' })]);
    expect(read.acknowledgment).toContain('AK9*R*1*1*0*4~');
  });

  it('rejects an interchange cut short, naming the missing SE, GE and IEA', () => {
    const cut = x12.slice(0, x12.indexOf('SDQ*EA*92*S2'));

    const read = readInventoryInterchange(cut);

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ segment: 'SE', transaction: '0001', kind: 'missing-segment' }),
        expect.objectContaining({ segment: 'GE', kind: 'missing-segment' }),
        expect.objectContaining({ segment: 'IEA', kind: 'truncated' }),
      ]),
    );
    expect(read.acknowledgment).toContain('*R*023~');
    expect(read.acknowledgment).toMatch(/AK3\*SE\*\d+\*\*3~\nAK5\*R\*2~\nAK9\*R\*1\*1\*0\*3~/);
  });

  it('names the ISA element whose width is wrong', () => {
    const read = readInventoryInterchange(x12.replace('*ZZ*BUYER01        *', '*ZZ*BUYER01       *'));

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'ISA', segmentPosition: 1, element: 6, kind: 'invalid-element' })]);
    expect(read.acknowledgment).toContain('TA1*000000000*000000*0000*R*022~');
  });

  it('names an ISA date, time or test indicator that is not one (TA1 notes 014, 015, 020)', () => {
    const isa = x12.slice(0, 106);
    const cases: Array<[string, number, string]> = [
      [isa.replace('*260302*0600*', '*261302*0600*'), 9, '014'],
      [isa.replace('*260302*0600*', '*260302*2460*'), 10, '015'],
      [isa.replace('*0*P*>~', '*0*X*>~'), 15, '020'],
    ];
    for (const [changed, element, note] of cases) {
      const read = readInventoryInterchange(changed + x12.slice(106));
      expect(read.accepted).toBe(false);
      expect(read.errors).toEqual([expect.objectContaining({ segment: 'ISA', element, kind: 'invalid-element' })]);
      expect(read.acknowledgment).toContain(`*R*${note}~`);
    }
  });

  it('rejects garbage with a TA1 and a rejecting 997', () => {
    const read = readInventoryInterchange('Dear supplier, please find our stock figures attached.');

    expect(read).toMatchObject({ accepted: false, reports: [] });
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'ISA', segmentPosition: 1, kind: 'garbage' })]);
    expect(read.acknowledgment).toContain('*R*024~');
    expect(read.acknowledgment).toContain('AK9*R*0*0*0~');
  });

  it('rejects a transaction set it does not take (AK5 code 1)', () => {
    const order = writeX12PurchaseOrder(
      {
        orderId: 'O1',
        orderedAt: new Date('2026-03-01T00:00:00Z'),
        buyer: 'B',
        supplier: 'S',
        shipTo: 'T',
        lines: [{ lineNumber: 1, item: 'A', quantity: 1, unit: 'EA' }],
      },
      envelope,
    );

    const read = readInventoryInterchange(order);

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'ST', element: 1, kind: 'unsupported', value: '850' })]);
    expect(read.acknowledgment).toContain('AK1*PO*4711~\nAK2*850*0001~\nAK5*R*1~');
  });
});

describe('an EDIFACT interchange whose envelope is broken', () => {
  it('is read as it is when sound', () => {
    expect(readInventoryInterchange(edifact)).toMatchObject({ accepted: true, errors: [], reports: [report] });
  });

  it('names the missing UNT and rejects the message in the CONTRL', () => {
    const read = readInventoryInterchange(edifact.replace(/UNT\+\d+\+0001'\n/, ''));

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'UNT', transaction: '0001', kind: 'missing-segment' })]);
    expect(read.acknowledgment).toContain("UCI+4711+BUYER01+SMIPLATFORM+7'\nUCM+0001+INVRPT:D:96A:UN+4+13+UNT'");
  });

  it('names UNT element 1 when the segment count is wrong (code 29)', () => {
    const read = readInventoryInterchange(edifact.replace(/UNT\+\d+\+0001'/, "UNT+99+0001'"));

    expect(read.errors).toEqual([expect.objectContaining({ segment: 'UNT', element: 1, kind: 'control-count', value: '99' })]);
    expect(read.acknowledgment).toContain("UCM+0001+INVRPT:D:96A:UN+4+29+UNT+1'");
  });

  it('names UNZ element 2 when its reference differs from UNB (code 28) and rejects the interchange', () => {
    const read = readInventoryInterchange(edifact.replace("UNZ+1+4711'", "UNZ+1+4712'"));

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([expect.objectContaining({ segment: 'UNZ', element: 2, kind: 'control-reference', value: '4712' })]);
    expect(read.acknowledgment).toContain("UCI+4711+BUYER01+SMIPLATFORM+4+28+UNZ+2'\nUCM+0001+INVRPT:D:96A:UN+4'");
  });

  it('rejects an interchange cut short, naming the missing UNZ', () => {
    const read = readInventoryInterchange(edifact.slice(0, edifact.indexOf('QTY+48')));

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual(expect.arrayContaining([expect.objectContaining({ segment: 'UNZ', kind: 'truncated' })]));
    expect(read.acknowledgment).toContain("UCI+4711+BUYER01+SMIPLATFORM+4+13+UNZ'");
  });

  it('rejects a message that is not an INVRPT', () => {
    const read = readInventoryInterchange(edifact.replace('INVRPT:D:96A:UN', 'ORDERS:D:96A:UN'));

    expect(read.errors).toEqual([expect.objectContaining({ segment: 'UNH', element: 2, kind: 'unsupported', value: 'ORDERS' })]);
    expect(read.acknowledgment).toContain("UCM+0001+ORDERS:D:96A:UN+4+14+UNH+2:1'");
  });
});

describe('a report line the receiver does not take (its codes have no cross-reference)', () => {
  const noCrossReferenceForB = (line: { item: string }) => (line.item === 'B' ? 'no cross-reference for location S2 x item B' : undefined);

  it('is named in the 997 at its LIN item code (AK3 code 8, AK4 code 7 with the code) and the set is accepted with errors noted', () => {
    const read = readInventoryInterchange(x12, { lineRefusal: noCrossReferenceForB });

    expect(read).toMatchObject({ accepted: true, errors: [], reports: [report] });
    // X12 852 layout: ST is segment 1, XQ 2, the first LIN 3; item B's LIN is the 8th segment, its id in LIN03.
    expect(read.acknowledgment).toContain('AK2*852*0001~\nAK3*LIN*8**8~\nAK4*3**7*B~\nAK5*E*5~\nAK9*E*1*1*1~');
  });

  it('is named in the CONTRL at its LIN item number (UCS, UCD code 12 on C212) under a UCM that still acknowledges the message', () => {
    const read = readInventoryInterchange(edifact, { lineRefusal: noCrossReferenceForB });

    expect(read).toMatchObject({ accepted: true, errors: [], reports: [report] });
    // INVRPT layout: UNH is segment 1; item B's LIN+2++B:IN is the 12th, its item number in element 3, component 1.
    expect(read.acknowledgment).toContain("UCM+0001+INVRPT:D:96A:UN+7'\nUCS+12'\nUCD+12+3:1'");
  });

  it('rejects a set none of whose lines can be taken, naming every line', () => {
    const read = readInventoryInterchange(x12, { lineRefusal: () => 'no cross-reference' });

    expect(read.accepted).toBe(false);
    expect(read.errors).toEqual([
      expect.objectContaining({ segment: 'LIN', segmentPosition: 3, element: 3, kind: 'unknown-code', value: 'A' }),
      expect.objectContaining({ segment: 'LIN', segmentPosition: 8, element: 3, kind: 'unknown-code', value: 'B' }),
    ]);
    expect(read.acknowledgment).toContain('AK3*LIN*3**8~\nAK4*3**7*A~\nAK3*LIN*8**8~\nAK4*3**7*B~\nAK5*R*5~\nAK9*R*1*1*0~');
  });

  it('is named where an INVRPT line gives its item in PIA rather than LIN', () => {
    const viaPia = edifact
      .replace("LIN+2++B:IN'", "LIN+2'\nPIA+5+B:SA'")
      .replace(/UNT\+(\d+)\+0001'/, (_, n) => `UNT+${Number(n) + 1}+0001'`);

    const read = readInventoryInterchange(viaPia, { lineRefusal: noCrossReferenceForB });

    expect(read.accepted).toBe(true);
    expect(read.acknowledgment).toContain("UCS+13'\nUCD+12+2:1'");
  });
});

describe('any input at all', () => {
  const sound = (acknowledgment: string) =>
    acknowledgment.startsWith('ISA')
      ? readX12Interchange(acknowledgment).errors.length === 0
      : readEdifactInterchange(acknowledgment).errors.length === 0;

  const rejects = (acknowledgment: string) => {
    if (acknowledgment.startsWith('ISA')) return /^AK9\*[RP]/m.test(acknowledgment);
    const segments = readEdifactInterchange(acknowledgment).messages[0].segments;
    return segments.some(
      (segment) => (segment.tag === 'UCI' && valueOf(segment, 4) === '4') || (segment.tag === 'UCM' && valueOf(segment, 3) === '4'),
    );
  };

  it('never throws, and always answers with a well-formed acknowledgment that rejects what it did not accept', () => {
    const damaged = (text: string) =>
      fc
        .tuple(fc.nat(text.length), fc.nat(40), fc.string({ maxLength: 8 }))
        .map(([at, length, insert]) => text.slice(0, at) + insert + text.slice(at + length));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((text) => 'ISA' + text),
          fc.string().map((text) => "UNA:+.? '" + text),
          fc.string().map((text) => 'UNB+' + text),
          fc.string({ unit: 'binary' }).map((text) => "UNA:+.? 'UNB+UNOC:3+" + text),
          fc.string({ unit: 'binary' }).map((text) => x12.slice(0, 106) + text),
          damaged(x12),
          damaged(edifact),
        ),
        (text) => {
          const read = readInventoryInterchange(text);
          expect(read.errors.map((error) => error.reason)).not.toContainEqual(expect.stringMatching(/could not be read/));
          expect(sound(read.acknowledgment)).toBe(true);
          if (!read.accepted) expect(rejects(read.acknowledgment)).toBe(true);
          if (read.accepted) expect(read.reports.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: Number(process.env.EDI_FUZZ_RUNS ?? 1000) },
    );
  });
});
