// EDIFACT syntax (ISO 9735): an optional UNA service string advice names, in its six characters, the component
// separator, element separator, decimal mark, release character, a reserved (repetition) character and the
// segment terminator; without UNA they are `:+.? '`. The release character makes the next character plain data.
import { EdiDocumentError, EdiError } from '../edi-types';
import { Segment, SegmentToWrite, elementsOf, trimTrailingEmpties } from './segment';

export interface EdifactDelimiters {
  component: string;
  element: string;
  decimal: string;
  release: string;
  reserved: string;
  segment: string;
}

export const DEFAULT_EDIFACT_DELIMITERS: EdifactDelimiters = {
  component: ':',
  element: '+',
  decimal: '.',
  release: '?',
  reserved: ' ',
  segment: "'",
};

export interface EdifactTokens {
  delimiters: EdifactDelimiters;
  /** Whether the interchange began with UNA (it does not count as a segment). */
  serviceStringAdvice: boolean;
  segments: Segment[];
  errors: EdiError[];
}

/** Splits an EDIFACT interchange into segments, undoing release-character escapes; problems are returned, never thrown. */
export function tokenizeEdifact(text: string): EdifactTokens {
  const start = text.search(/\S/);
  let body = start < 0 ? '' : text.slice(start).replace(/^\uFEFF/, '');
  let delimiters = DEFAULT_EDIFACT_DELIMITERS;
  let serviceStringAdvice = false;
  if (body.startsWith('UNA')) {
    if (body.length < 9) {
      return {
        delimiters,
        serviceStringAdvice,
        segments: [],
        errors: [{ segment: 'UNA', segmentPosition: 0, kind: 'truncated', reason: 'the UNA service string advice is cut short' }],
      };
    }
    const [component, element, decimal, release, reserved, segment] = body.slice(3, 9);
    delimiters = { component, element, decimal, release, reserved, segment };
    const separators = [component, element, release, segment];
    if (new Set(separators).size !== separators.length || separators.some((character) => /[A-Za-z0-9]/.test(character))) {
      return {
        delimiters,
        serviceStringAdvice: true,
        segments: [],
        errors: [
          {
            segment: 'UNA',
            segmentPosition: 0,
            kind: 'invalid-element',
            reason: `the UNA delimiters "${body.slice(3, 9)}" are not distinct non-alphanumeric characters`,
          },
        ],
      };
    }
    serviceStringAdvice = true;
    body = body.slice(9);
  }
  const { component, element, release, segment } = delimiters;
  const segments: Segment[] = [];
  const errors: EdiError[] = [];
  let elements: string[][] = [];
  let components: string[] = [];
  let value = '';
  let started = false;
  let index = 0;
  const atSegmentStart = () => !started && value === '' && elements.length === 0 && components.length === 0;
  while (index < body.length) {
    const character = body[index];
    if (atSegmentStart() && (character === '\r' || character === '\n')) {
      index += 1;
      continue;
    }
    started = true;
    if (character === release) {
      if (index + 1 >= body.length) {
        errors.push({
          segment: tagOf(elements, components, value),
          segmentPosition: segments.length + 1,
          kind: 'truncated',
          reason: 'the interchange ends on a release character',
        });
        index += 1;
        break;
      }
      value += body[index + 1];
      index += 2;
      continue;
    }
    if (character === component) {
      components.push(value);
      value = '';
    } else if (character === element) {
      components.push(value);
      elements.push(components);
      components = [];
      value = '';
    } else if (character === segment) {
      components.push(value);
      elements.push(components);
      const [[tag = ''] = [], ...rest] = elements;
      segments.push({ tag, elements: rest, position: segments.length + 1 });
      elements = [];
      components = [];
      value = '';
      started = false;
    } else {
      value += character;
    }
    index += 1;
  }
  if (started && (value.trim() !== '' || elements.length > 0 || components.length > 0)) {
    errors.push({
      segment: tagOf(elements, components, value),
      segmentPosition: segments.length + 1,
      kind: 'truncated',
      reason: `the interchange ends inside a segment with no terminator "${segment}"`,
    });
  }
  return { delimiters, serviceStringAdvice, segments, errors };
}

function tagOf(elements: string[][], components: string[], value: string): string {
  return (elements[0]?.[0] ?? components[0] ?? value).slice(0, 3);
}

/** Puts the release character before every delimiter (and before itself) in a value. */
export function escapeEdifact(value: string, delimiters: EdifactDelimiters = DEFAULT_EDIFACT_DELIMITERS): string {
  const special = new Set([delimiters.component, delimiters.element, delimiters.release, delimiters.segment]);
  let escaped = '';
  for (const character of value) escaped += special.has(character) ? delimiters.release + character : character;
  return escaped;
}

/** Whether a character is in the UNOC repertoire (ISO 8859-1) the writers declare, control characters excluded. */
export function isWritable(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code >= 0x20 && code <= 0xff && !(code >= 0x7f && code <= 0x9f);
}

/** Writes one segment with every value escaped; refuses a character UNOC (ISO 8859-1) cannot carry. */
export function writeEdifactSegment(segment: SegmentToWrite, delimiters: EdifactDelimiters = DEFAULT_EDIFACT_DELIMITERS): string {
  const [tag] = segment;
  const elements = trimTrailingEmpties(elementsOf(segment));
  elements.forEach((components, index) =>
    components.forEach((value) => {
      const bad = [...value].find((character) => !isWritable(character));
      if (bad !== undefined) {
        const code = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        throw new EdiDocumentError(
          `${tag} element ${index + 1} "${value}" holds ${code}, which the UNOC character set (ISO 8859-1) cannot carry`,
        );
      }
    }),
  );
  return (
    [tag, ...elements.map((components) => components.map((value) => escapeEdifact(value, delimiters)).join(delimiters.component))].join(
      delimiters.element,
    ) + delimiters.segment
  );
}

export function writeUna(delimiters: EdifactDelimiters = DEFAULT_EDIFACT_DELIMITERS): string {
  const { component, element, decimal, release, reserved, segment } = delimiters;
  return `UNA${component}${element}${decimal}${release}${reserved}${segment}`;
}
