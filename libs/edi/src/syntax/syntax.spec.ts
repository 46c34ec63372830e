import fc from 'fast-check';
import { EdiDocumentError } from '../edi-types';
import { DEFAULT_EDIFACT_DELIMITERS, tokenizeEdifact, writeEdifactSegment, writeUna } from './edifact-syntax';
import { tokenizeX12, writeIsa, writeX12Segment } from './x12-syntax';

describe('EDIFACT syntax', () => {
  it('reads delimiters from the UNA and undoes the release character', () => {
    const tokens = tokenizeEdifact("UNA:+.? 'UNB+UNOC:3+A?+B:14+C'\r\nFTX+AAA+++a?'b?:c??d'");

    expect(tokens.errors).toEqual([]);
    expect(tokens.segments.map(({ tag, elements }) => ({ tag, elements }))).toEqual([
      { tag: 'UNB', elements: [['UNOC', '3'], ['A+B', '14'], ['C']] },
      { tag: 'FTX', elements: [['AAA'], [''], [''], ["a'b:c?d"]] },
    ]);
  });

  it("uses the defaults :+.? ' without a UNA, and names a segment left without its terminator", () => {
    const tokens = tokenizeEdifact("UNB+UNOC:3+A+B'UNH+1");

    expect(tokens.segments.map((segment) => segment.tag)).toEqual(['UNB']);
    expect(tokens.errors).toEqual([expect.objectContaining({ segment: 'UNH', segmentPosition: 2, kind: 'truncated' })]);
  });

  it('refuses a character the UNOC character set cannot carry', () => {
    expect(() => writeEdifactSegment(['NAD', 'ST', 'Łódź'])).toThrow(/U\+0141/);
    expect(() => writeEdifactSegment(['FTX', 'AAA', '', '', 'a\nb'])).toThrow(EdiDocumentError);
    expect(writeEdifactSegment(['NAD', 'ST', 'Köln'])).toBe("NAD+ST+Köln'");
  });

  it('reads back any segment it writes, whatever the values and the UNA delimiters', () => {
    const delimiters = fc.constantFrom(DEFAULT_EDIFACT_DELIMITERS, {
      component: '|',
      element: '=',
      decimal: ',',
      release: '!',
      reserved: '*',
      segment: '~',
    });
    const value = fc.string({ maxLength: 12 }).filter((text) => !/[\r\n]/.test(text));
    const segment = fc.tuple(
      fc.constantFrom('LIN', 'QTY', 'NAD'),
      fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    );
    fc.assert(
      fc.property(delimiters, fc.array(segment, { minLength: 1, maxLength: 4 }), (chosen, segments) => {
        const text = writeUna(chosen) + segments.map(([tag, elements]) => writeEdifactSegment([tag, ...elements], chosen)).join('');
        const read = tokenizeEdifact(text);
        expect(read.errors).toEqual([]);
        // Empty trailing elements and components carry nothing and are not written.
        const trimmed = segments.map(([tag, elements]) => ({ tag, elements: trim(elements) }));
        expect(read.segments.map(({ tag, elements }) => ({ tag, elements: trim(elements) }))).toEqual(trimmed);
      }),
    );
  });
});

function trim(elements: string[][]): string[][] {
  const kept = elements.map((components) => {
    const copy = [...components];
    while (copy.length > 1 && copy[copy.length - 1] === '') copy.pop();
    return copy;
  });
  while (kept.length > 0 && kept[kept.length - 1].every((value) => value === '')) kept.pop();
  return kept;
}

describe('X12 syntax', () => {
  const isa = writeIsa(
    { sender: 'S', receiver: 'R', controlNumber: 1, preparedAt: new Date('2026-03-02T06:00:00Z'), version: '00501' },
    { element: '*', component: ':', segment: '~', repetition: '^' },
  );

  it('writes a 106-character ISA and takes the delimiters from it, the repetition separator from ISA11 in 00501', () => {
    expect(isa).toHaveLength(106);
    const tokens = tokenizeX12(isa + 'GS*PD*S*R~');

    expect(tokens.delimiters).toEqual({ element: '*', component: ':', segment: '~', repetition: '^' });
    expect(tokens.segments[1]).toMatchObject({ tag: 'GS', elements: [['PD'], ['S'], ['R']], position: 2 });
  });

  it('refuses a value holding the element, component, segment or repetition character', () => {
    const delimiters = { element: '*', component: ':', segment: '~', repetition: '^' };
    for (const bad of ['a*b', 'a:b', 'a~b', 'a^b']) {
      expect(() => writeX12Segment(['N1', 'ST', bad], delimiters)).toThrow(EdiDocumentError);
    }
    expect(writeX12Segment(['N1', 'ST', 'a b', '', ''], delimiters)).toBe('N1*ST*a b~');
  });

  it('names the cut when the ISA is short or the last segment has no terminator', () => {
    expect(tokenizeX12(isa.slice(0, 80)).errors).toEqual([expect.objectContaining({ segment: 'ISA', kind: 'truncated' })]);
    expect(tokenizeX12(isa + 'GS*PD*S').errors).toEqual([
      expect.objectContaining({ segment: 'GS', segmentPosition: 2, kind: 'truncated' }),
    ]);
  });
});
