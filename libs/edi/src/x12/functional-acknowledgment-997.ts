// X12 997 Functional Acknowledgment (version 004010), one per interchange read, with a TA1 interchange
// acknowledgment before it when the ISA/IEA envelope itself is at fault:
//   TA1  TA101 the interchange control number, TA102/TA103 its date and time, TA104 A/R, TA105 the note code
//   AK1  the group acknowledged (GS01, GS06)
//   AK2  each transaction set (ST01, ST02), followed by
//   AK3  a segment in error: tag, position in the set (ST = 1), loop id (not sent), the segment error code
//   AK4  an element in error: position in the segment (with the component when one is at fault), the data element
//        reference number (not sent), the element error code, a copy of the bad value
//   AK5  the set's A/R and its error codes
//   AK9  the group's A/P/R, sets included, received, accepted, and the group's error codes
import { EdiError, EnvelopeParties } from '../edi-types';
import { SegmentToWrite, parseDateTime } from '../syntax/segment';
import { DEFAULT_X12_DELIMITERS } from '../syntax/x12-syntax';
import { X12FunctionalGroup, X12Interchange, X12TransactionSet, setControlNumber, writeX12Interchange } from './x12-envelope';

/** What became of one transaction set: its envelope errors and the errors in its content. */
export interface X12SetVerdict {
  set: X12TransactionSet;
  errors: EdiError[];
  /** Problems of a set accepted all the same (lines the receiver did not take): AK5 E, accepted with errors noted. */
  notes?: EdiError[];
  accepted: boolean;
}

export interface AcknowledgmentOptions {
  /** The acknowledgment's own interchange control number; the acknowledged one's when not given. */
  controlNumber?: number;
  /** When the acknowledgment is made; the acknowledged interchange's date and time when not given. */
  preparedAt?: Date;
}

// TA1 interchange note codes (X12 I18), for the first thing wrong with the ISA/IEA envelope.
function interchangeNote(error: EdiError): string {
  const isaNotes: Record<number, string> = {
    9: '014', // invalid interchange date value
    10: '015', // invalid interchange time value
    12: '017', // invalid interchange version id value
    13: '018', // invalid interchange control number value
    14: '019', // invalid acknowledgment requested value
    15: '020', // invalid test indicator value
  };
  if (error.segment === 'ISA' && error.element !== undefined && isaNotes[error.element]) return isaNotes[error.element];
  if (error.segment === 'ISA' && error.element === 16) return '027'; // invalid component element separator
  switch (error.kind) {
    case 'control-reference':
      return '001'; // control number in header and trailer do not match
    case 'control-count':
      return '021'; // invalid number of included groups value
    case 'truncated':
      return '023'; // improper (premature) end-of-file
    case 'invalid-element':
      return '022'; // invalid control structure
    default:
      return '024'; // invalid interchange content
  }
}

// AK3 segment syntax error codes (X12 720).
function segmentCode(error: EdiError): string {
  if (error.kind === 'unexpected-segment') return '2';
  if (error.kind === 'missing-segment') return '3';
  return '8';
}

// AK4 element syntax error codes (X12 723).
function elementCode(error: EdiError): string {
  if (error.kind === 'unknown-code') return '7'; // invalid code value
  if (error.kind === 'missing-element') return '1';
  if (error.segment === 'DTM' || error.segment === 'XQ') return '8';
  if (error.kind === 'control-count' || error.kind === 'control-reference') return '7';
  return '6';
}

// AK5 transaction set syntax error codes (X12 718).
function setCode(error: EdiError): string {
  if (error.kind === 'unsupported') return '1';
  if (error.segment === 'SE' && error.kind === 'missing-segment') return '2';
  if (error.segment === 'SE' && error.kind === 'control-reference') return '3';
  if (error.segment === 'SE' && error.kind === 'control-count') return '4';
  return '5';
}

// AK9 functional group syntax error codes (X12 716).
function groupCode(error: EdiError): string | undefined {
  if (error.segment === 'GE' && error.kind === 'missing-segment') return '3';
  if (error.segment === 'GE' && error.kind === 'control-reference') return '4';
  if (error.segment === 'GE' && error.kind === 'control-count') return '5';
  return undefined;
}

const reserved = [DEFAULT_X12_DELIMITERS.element, DEFAULT_X12_DELIMITERS.component, DEFAULT_X12_DELIMITERS.segment];
/** A value copied from the partner's file, made safe to write: without our delimiters or line breaks, at most `max` long. */
function copied(value: string, max: number): string {
  let safe = '';
  for (const character of value) safe += reserved.includes(character) || character.charCodeAt(0) < 0x20 ? ' ' : character;
  return safe.slice(0, max).trim();
}

export function writeX12FunctionalAcknowledgment(
  interchange: X12Interchange,
  verdicts: Map<X12TransactionSet, X12SetVerdict>,
  options: AcknowledgmentOptions = {},
): string {
  const inboundControl = /^\d{1,9}$/.test(interchange.controlNumber) ? Number(interchange.controlNumber) : 0;
  const inboundAt = parseDateTime(interchange.date, interchange.time);
  const envelope: EnvelopeParties = {
    // An interchange too broken to name its parties is still answered, addressed to no one in particular.
    sender: copied(interchange.receiver, 15) || 'UNKNOWN',
    receiver: copied(interchange.sender, 15) || 'UNKNOWN',
    controlNumber: options.controlNumber ?? inboundControl,
    preparedAt: options.preparedAt ?? inboundAt ?? new Date(0),
  };
  const leading: SegmentToWrite[] = [];
  const interchangeBroken = interchange.errors.length > 0;
  if (interchangeBroken) {
    const first = interchange.errors[0];
    leading.push([
      'TA1',
      String(inboundControl).padStart(9, '0'),
      /^\d{6}$/.test(interchange.date) ? interchange.date : '000000',
      /^\d{4}$/.test(interchange.time) ? interchange.time : '0000',
      'R',
      interchangeNote(first),
    ]);
  }
  const groups: X12FunctionalGroup[] =
    interchange.groups.length > 0
      ? interchange.groups
      : [{ functionalId: 'PD', controlNumber: '0', version: '', sets: [], errors: [], position: 0 }];
  // One 997 per functional group acknowledged: a 997 carries a single AK1.
  const sets = groups.map((group, index) => {
    const body: SegmentToWrite[] = [];
    const groupBroken = interchangeBroken || group.errors.length > 0;
    body.push(['AK1', copied(group.functionalId, 2) || 'PD', copied(group.controlNumber, 9) || '0']);
    let accepted = 0;
    let noted = 0;
    for (const set of group.sets) {
      const verdict = verdicts.get(set);
      const setAccepted = !groupBroken && (verdict?.accepted ?? false);
      const notes = setAccepted ? (verdict?.notes ?? []) : [];
      const errors = [...(verdict?.errors ?? set.errors), ...notes];
      if (setAccepted) accepted += 1;
      if (notes.length > 0) noted += 1;
      body.push(['AK2', copied(set.type, 3), copied(set.controlNumber, 9)]);
      for (const error of errors.filter((problem) => problem.kind !== 'unsupported')) {
        body.push(['AK3', copied(error.segment, 3) || 'ST', String(Math.max(1, error.segmentPosition)), '', segmentCode(error)]);
        if (error.element !== undefined) {
          const position = error.component !== undefined ? [String(error.element), String(error.component)] : String(error.element);
          body.push(['AK4', position, '', elementCode(error), error.value !== undefined ? copied(error.value, 99) : '']);
        }
      }
      const codes = [...new Set(errors.map(setCode))].slice(0, 5);
      body.push(['AK5', !setAccepted ? 'R' : notes.length > 0 ? 'E' : 'A', ...(setAccepted && notes.length === 0 ? [] : codes)]);
    }
    const allAccepted = accepted === group.sets.length && group.sets.length > 0 && !groupBroken;
    const status = allAccepted ? (noted > 0 ? 'E' : 'A') : accepted > 0 ? 'P' : 'R';
    const groupCodes = [...new Set(group.errors.map(groupCode).filter((code): code is string => code !== undefined))].slice(0, 5);
    body.push(['AK9', status, String(group.sets.length), String(group.sets.length), String(accepted), ...groupCodes]);
    return { type: '997', controlNumber: setControlNumber(index + 1), body };
  });
  return writeX12Interchange(envelope, [{ functionalId: 'FA', sets }], {
    leading,
  });
}
