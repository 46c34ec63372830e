// X12 syntax: an interchange names its own delimiters in the fixed-width ISA segment (ASC X12.5/X12.6):
// the element separator is the character right after "ISA", the component separator is ISA16 (position 105),
// the segment terminator the character after ISA16 (position 106), and from version 00501 ISA11 is the
// repetition separator. Values may not contain any of them: X12 has no escape character.
import { EdiDocumentError, EdiError } from '../edi-types';
import { Segment, SegmentToWrite, elementsOf, trimTrailingEmpties } from './segment';

export interface X12Delimiters {
  element: string;
  component: string;
  segment: string;
  /** ISA11 from 00501 on; absent before. */
  repetition?: string;
}

export const DEFAULT_X12_DELIMITERS: X12Delimiters = { element: '*', component: '>', segment: '~' };

/** The ISA is 106 characters with its terminator; these are the 0-based offsets of its element separators. */
const ISA_SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];
export const ISA_LENGTH = 106;
/** ISA01..ISA16 widths, in order. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

export interface X12Tokens {
  delimiters?: X12Delimiters;
  segments: Segment[];
  errors: EdiError[];
}

const isAlphanumeric = (character: string) => /[A-Za-z0-9 ]/.test(character);

/** Splits an X12 interchange into segments; every problem found is returned, never thrown. */
export function tokenizeX12(text: string): X12Tokens {
  const start = text.search(/\S/);
  const body = start < 0 ? '' : text.slice(start).replace(/^\uFEFF/, '');
  if (!body.startsWith('ISA')) {
    return {
      segments: [],
      errors: [isaError(`not an X12 interchange: it does not begin with ISA (it begins "${body.slice(0, 20)}")`, 'garbage')],
    };
  }
  if (body.length < ISA_LENGTH) {
    return { segments: [], errors: [isaError(`the ISA is cut short: ${body.length} characters where it has ${ISA_LENGTH}`, 'truncated')] };
  }
  const element = body[3];
  const errors: EdiError[] = [];
  if (isAlphanumeric(element)) {
    return { segments: [], errors: [isaError(`the element separator "${element}" after ISA is a letter, digit or space`, 'garbage')] };
  }
  const misplaced = ISA_SEPARATOR_OFFSETS.findIndex((offset) => body[offset] !== element);
  const isaFields = body.slice(0, ISA_LENGTH - 1).split(element);
  if (misplaced >= 0 || isaFields.length !== 17) {
    // The element whose width is wrong is the one ending where a separator was expected.
    const at = misplaced >= 0 ? misplaced : isaFields.length - 1;
    const widthError: EdiError = {
      segment: 'ISA',
      segmentPosition: 1,
      kind: 'invalid-element',
      reason: `the ISA is not fixed-width: ISA${pad2(at)} does not have ${ISA_WIDTHS[Math.max(0, at - 1)]} characters`,
    };
    if (at >= 1) widthError.element = at;
    return { segments: [], errors: [widthError] };
  }
  const component = body[ISA_LENGTH - 2];
  const terminator = body[ISA_LENGTH - 1];
  if (terminator === element || component === element || component === terminator || isAlphanumeric(terminator)) {
    return {
      segments: [],
      errors: [
        {
          segment: 'ISA',
          segmentPosition: 1,
          element: 16,
          kind: 'invalid-element',
          reason: `the delimiters are not distinct: element "${element}", component "${component}", segment terminator "${terminator}"`,
        },
      ],
    };
  }
  const version = isaFields[12];
  const repetitionCandidate = isaFields[11];
  const delimiters: X12Delimiters = { element, component, segment: terminator };
  if (version >= '00501' && repetitionCandidate.length === 1 && !isAlphanumeric(repetitionCandidate))
    delimiters.repetition = repetitionCandidate;

  const segments: Segment[] = [{ tag: 'ISA', elements: isaFields.slice(1).map((value) => [value]), position: 1 }];
  const rest = body.slice(ISA_LENGTH);
  const pieces = rest.split(terminator);
  const last = pieces.pop() ?? '';
  for (const piece of pieces) {
    // Line breaks after a terminator are common in files and carry no data.
    const segmentText = piece.replace(/^[\r\n]+/, '');
    if (segmentText === '') continue;
    const [tag, ...values] = segmentText.split(element);
    segments.push({ tag: tag.trim(), elements: values.map((value) => value.split(component)), position: segments.length + 1 });
  }
  if (last.trim() !== '') {
    errors.push({
      segment: last.trim().split(element)[0].slice(0, 3),
      segmentPosition: segments.length + 1,
      kind: 'truncated',
      reason: `the interchange ends inside a segment with no terminator "${terminator}": "${last.trim().slice(0, 40)}"`,
    });
  }
  return { delimiters, segments, errors };
}

function isaError(reason: string, kind: EdiError['kind']): EdiError {
  return { segment: 'ISA', segmentPosition: 1, reason, kind };
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** Writes one segment, refusing a value that holds a delimiter (X12 cannot escape it). */
export function writeX12Segment(segment: SegmentToWrite, delimiters: X12Delimiters = DEFAULT_X12_DELIMITERS): string {
  const [tag] = segment;
  const elements = trimTrailingEmpties(elementsOf(segment));
  const reserved = [delimiters.element, delimiters.component, delimiters.segment, delimiters.repetition].filter(
    (character): character is string => character !== undefined,
  );
  elements.forEach((components, index) =>
    components.forEach((value) => {
      const found = reserved.find((character) => value.includes(character));
      if (found !== undefined) {
        throw new EdiDocumentError(`${tag}${pad2(index + 1)} "${value}" contains the delimiter "${found}", which X12 cannot carry`);
      }
      if (/[\r\n]/.test(value)) throw new EdiDocumentError(`${tag}${pad2(index + 1)} "${value}" contains a line break`);
    }),
  );
  return [tag, ...elements.map((components) => components.join(delimiters.component))].join(delimiters.element) + delimiters.segment;
}

export interface X12InterchangeHeader {
  sender: string;
  receiver: string;
  controlNumber: number;
  preparedAt: Date;
  test?: boolean;
  /** ISA12; 00401 unless told. */
  version?: string;
  /** ISA14: whether a TA1 is asked for. */
  acknowledgmentRequested?: boolean;
}

/** The fixed-width ISA for an interchange header. */
export function writeIsa(header: X12InterchangeHeader, delimiters: X12Delimiters = DEFAULT_X12_DELIMITERS): string {
  const fixed = (value: string, width: number, name: string) => {
    if (value.length > width) throw new EdiDocumentError(`${name} "${value}" is longer than its ${width} characters`);
    return value.padEnd(width, ' ');
  };
  const control = controlNumber9(header.controlNumber);
  const date = header.preparedAt;
  const yymmdd = `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}`;
  const hhmm = `${pad2(date.getUTCHours())}${pad2(date.getUTCMinutes())}`;
  const version = header.version ?? '00401';
  const repetition = version >= '00501' ? (delimiters.repetition ?? '^') : 'U';
  const fields = [
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    fixed(header.sender, 15, 'ISA06 sender'),
    'ZZ',
    fixed(header.receiver, 15, 'ISA08 receiver'),
    yymmdd,
    hhmm,
    repetition,
    version,
    control,
    header.acknowledgmentRequested ? '1' : '0',
    header.test ? 'T' : 'P',
    delimiters.component,
  ];
  for (const value of fields.slice(0, 15)) {
    if ([delimiters.element, delimiters.segment, delimiters.component].some((character) => value.includes(character))) {
      throw new EdiDocumentError(`ISA value "${value}" contains a delimiter`);
    }
  }
  return ['ISA', ...fields].join(delimiters.element) + delimiters.segment;
}

/** ISA13/IEA02: nine digits. */
export function controlNumber9(controlNumber: number): string {
  if (!Number.isInteger(controlNumber) || controlNumber < 0 || controlNumber > 999_999_999) {
    throw new EdiDocumentError(`control number ${controlNumber} is not a whole number of at most nine digits`);
  }
  return String(controlNumber).padStart(9, '0');
}
