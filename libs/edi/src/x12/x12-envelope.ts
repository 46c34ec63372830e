// X12 envelopes: ISA/IEA around GS/GE functional groups around ST/SE transaction sets, with the control
// numbers and counts the trailers repeat (X12.6 control structures). Reading checks every one of them and
// names what is wrong; writing produces them from the segments of each set.
import { EdiError, EnvelopeParties } from '../edi-types';
import { Segment, SegmentToWrite, formatDate, formatTime, parseDateTime, valueOf } from '../syntax/segment';
import { DEFAULT_X12_DELIMITERS, X12Delimiters, controlNumber9, tokenizeX12, writeIsa, writeX12Segment } from '../syntax/x12-syntax';

export interface X12TransactionSet {
  /** ST01, e.g. '852'. */
  type: string;
  /** ST02. */
  controlNumber: string;
  /** ST through SE (or as far as it went). */
  segments: Segment[];
  /** Envelope problems of this set (SE count / control number / missing SE). */
  errors: EdiError[];
}

export interface X12FunctionalGroup {
  /** GS01, e.g. 'PD'. */
  functionalId: string;
  /** GS06. */
  controlNumber: string;
  /** GS08. */
  version: string;
  sets: X12TransactionSet[];
  errors: EdiError[];
  position: number;
}

export interface X12Interchange {
  delimiters?: X12Delimiters;
  sender: string;
  receiver: string;
  /** ISA13. */
  controlNumber: string;
  /** ISA09/ISA10 as sent. */
  date: string;
  time: string;
  version: string;
  groups: X12FunctionalGroup[];
  /** Interchange-level problems: ISA/IEA, garbage, segments outside any group. */
  errors: EdiError[];
}

/** Reads the envelopes of an X12 interchange and checks them; never throws. */
export function readX12Interchange(text: string): X12Interchange {
  const tokens = tokenizeX12(text);
  const isa = tokens.segments[0];
  const interchange: X12Interchange = {
    delimiters: tokens.delimiters,
    sender: isa ? valueOf(isa, 6).trim() : '',
    receiver: isa ? valueOf(isa, 8).trim() : '',
    controlNumber: isa ? valueOf(isa, 13) : '',
    date: isa ? valueOf(isa, 9) : '',
    time: isa ? valueOf(isa, 10) : '',
    version: isa ? valueOf(isa, 12) : '',
    groups: [],
    errors: [...tokens.errors],
  };
  if (!isa) return interchange;
  // The ISA's coded values (X12.5): a date, a time, a version, the acknowledgment and test indicators.
  const isaChecks: Array<[element: number, valid: (value: string) => boolean, what: string]> = [
    [9, (value) => parseDateTime(value) !== undefined, 'a date (YYMMDD)'],
    [10, (value) => /^([01]\d|2[0-3])[0-5]\d$/.test(value), 'a time (HHMM)'],
    [12, (value) => /^\d{5}$/.test(value), 'a version number'],
    [14, (value) => value === '0' || value === '1', '0 or 1'],
    [15, (value) => value === 'P' || value === 'T' || value === 'I', 'P, T or I'],
  ];
  for (const [element, valid, what] of isaChecks) {
    const value = valueOf(isa, element);
    if (!valid(value)) {
      interchange.errors.push({
        segment: 'ISA',
        segmentPosition: 1,
        element,
        kind: 'invalid-element',
        value,
        reason: `ISA${element} "${value}" is not ${what}`,
      });
    }
  }
  if (!/^\d{9}$/.test(interchange.controlNumber)) {
    interchange.errors.push({
      segment: 'ISA',
      segmentPosition: 1,
      element: 13,
      kind: 'invalid-element',
      value: interchange.controlNumber,
      reason: `ISA13 "${interchange.controlNumber}" is not nine digits`,
    });
  }
  let group: X12FunctionalGroup | undefined;
  let set: X12TransactionSet | undefined;
  let trailer: Segment | undefined;
  const closeSet = (reason: string) => {
    if (!set) return;
    set.errors.push({
      segment: 'SE',
      segmentPosition: set.segments.length + 1,
      transaction: set.controlNumber,
      kind: 'missing-segment',
      reason,
    });
    set = undefined;
  };
  const closeGroup = (reason: string) => {
    if (!group) return;
    group.errors.push({ segment: 'GE', segmentPosition: group.position, kind: 'missing-segment', reason });
    group = undefined;
  };
  for (const segment of tokens.segments.slice(1)) {
    if (trailer) {
      interchange.errors.push({
        segment: segment.tag,
        segmentPosition: segment.position,
        kind: 'unexpected-segment',
        reason: `segment ${segment.tag} after the IEA trailer`,
      });
      continue;
    }
    switch (segment.tag) {
      case 'ISA':
        interchange.errors.push({
          segment: 'ISA',
          segmentPosition: segment.position,
          kind: 'unexpected-segment',
          reason: 'a second ISA inside the interchange (its IEA is missing)',
        });
        break;
      case 'GS':
        closeSet(`transaction set ${set?.controlNumber} has no SE before the GS at interchange position ${segment.position}`);
        closeGroup(`functional group ${group?.controlNumber} has no GE before the next GS`);
        group = {
          functionalId: valueOf(segment, 1),
          controlNumber: valueOf(segment, 6),
          version: valueOf(segment, 8),
          sets: [],
          errors: [],
          position: segment.position,
        };
        interchange.groups.push(group);
        break;
      case 'ST':
        closeSet(`transaction set ${set?.controlNumber} has no SE before the next ST`);
        if (!group) {
          interchange.errors.push({
            segment: 'ST',
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: 'ST outside a GS/GE functional group',
          });
          break;
        }
        set = { type: valueOf(segment, 1), controlNumber: valueOf(segment, 2), segments: [segment], errors: [] };
        group.sets.push(set);
        break;
      case 'SE':
        if (!set) {
          (group?.errors ?? interchange.errors).push({
            segment: 'SE',
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: 'SE without its ST',
          });
          break;
        }
        set.segments.push(segment);
        checkSetTrailer(set, segment);
        set = undefined;
        break;
      case 'GE':
        closeSet(`transaction set ${set?.controlNumber} has no SE before the GE`);
        if (!group) {
          interchange.errors.push({
            segment: 'GE',
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: 'GE without its GS',
          });
          break;
        }
        checkGroupTrailer(group, segment);
        group = undefined;
        break;
      case 'IEA':
        closeSet(`transaction set ${set?.controlNumber} has no SE before the IEA`);
        closeGroup(`functional group ${group?.controlNumber} has no GE before the IEA`);
        trailer = segment;
        break;
      case 'TA1':
        // An interchange acknowledgment may ride before the groups; it carries no data for this reader.
        if (group)
          group.errors.push({
            segment: 'TA1',
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: 'TA1 inside a functional group',
          });
        break;
      default:
        if (set) set.segments.push(segment);
        else
          (group?.errors ?? interchange.errors).push({
            segment: segment.tag,
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: `segment ${segment.tag} outside a transaction set`,
          });
    }
  }
  closeSet(`transaction set ${set?.controlNumber} has no SE: the interchange ends inside it`);
  closeGroup(`functional group ${group?.controlNumber} has no GE: the interchange ends inside it`);
  if (!trailer) {
    interchange.errors.push({
      segment: 'IEA',
      segmentPosition: tokens.segments.length + 1,
      kind: 'truncated',
      reason: 'the interchange has no IEA trailer: it is cut short',
    });
  } else {
    const count = valueOf(trailer, 1);
    if (count !== String(interchange.groups.length) && Number(count) !== interchange.groups.length) {
      interchange.errors.push({
        segment: 'IEA',
        segmentPosition: trailer.position,
        element: 1,
        kind: 'control-count',
        value: count,
        reason: `IEA01 says ${count} functional groups, the interchange has ${interchange.groups.length}`,
      });
    }
    const control = valueOf(trailer, 2);
    if (control !== interchange.controlNumber) {
      interchange.errors.push({
        segment: 'IEA',
        segmentPosition: trailer.position,
        element: 2,
        kind: 'control-reference',
        value: control,
        reason: `IEA02 "${control}" does not match ISA13 "${interchange.controlNumber}"`,
      });
    }
  }
  return interchange;
}

function checkSetTrailer(set: X12TransactionSet, trailer: Segment) {
  const count = valueOf(trailer, 1);
  const position = set.segments.length;
  if (!/^\d+$/.test(count) || Number(count) !== set.segments.length) {
    set.errors.push({
      segment: 'SE',
      segmentPosition: position,
      element: 1,
      transaction: set.controlNumber,
      kind: 'control-count',
      value: count,
      reason: `SE01 says ${count} segments, transaction set ${set.controlNumber} has ${set.segments.length} (ST through SE)`,
    });
  }
  const control = valueOf(trailer, 2);
  if (control !== set.controlNumber) {
    set.errors.push({
      segment: 'SE',
      segmentPosition: position,
      element: 2,
      transaction: set.controlNumber,
      kind: 'control-reference',
      value: control,
      reason: `SE02 "${control}" does not match ST02 "${set.controlNumber}"`,
    });
  }
}

function checkGroupTrailer(group: X12FunctionalGroup, trailer: Segment) {
  const count = valueOf(trailer, 1);
  if (!/^\d+$/.test(count) || Number(count) !== group.sets.length) {
    group.errors.push({
      segment: 'GE',
      segmentPosition: trailer.position,
      element: 1,
      kind: 'control-count',
      value: count,
      reason: `GE01 says ${count} transaction sets, functional group ${group.controlNumber} has ${group.sets.length}`,
    });
  }
  const control = valueOf(trailer, 2);
  if (control !== group.controlNumber) {
    group.errors.push({
      segment: 'GE',
      segmentPosition: trailer.position,
      element: 2,
      kind: 'control-reference',
      value: control,
      reason: `GE02 "${control}" does not match GS06 "${group.controlNumber}"`,
    });
  }
}

/** A transaction set to write: ST01, ST02 and the segments between ST and SE. */
export interface X12SetToWrite {
  type: string;
  controlNumber: string;
  body: SegmentToWrite[];
}

export interface X12GroupToWrite {
  /** GS01: PD (852), SH (856), PO (850), FA (997). */
  functionalId: string;
  sets: X12SetToWrite[];
}

/** Version of the transaction sets this library writes (GS08) and of the interchange (ISA12). */
export const X12_VERSION = '004010';

/** Writes a whole interchange: ISA, one GS/GE per group with the interchange's control number, ST/SE counted. */
export function writeX12Interchange(
  envelope: EnvelopeParties,
  groups: X12GroupToWrite[],
  options: { leading?: SegmentToWrite[]; delimiters?: X12Delimiters } = {},
): string {
  const delimiters = options.delimiters ?? DEFAULT_X12_DELIMITERS;
  const line = (segment: SegmentToWrite) => writeX12Segment(segment, delimiters) + '\n';
  const control = controlNumber9(envelope.controlNumber);
  let text = writeIsa(envelope, delimiters) + '\n';
  for (const segment of options.leading ?? []) text += line(segment);
  groups.forEach((group, index) => {
    const groupControl = String(envelope.controlNumber + index);
    text += line([
      'GS',
      group.functionalId,
      envelope.sender,
      envelope.receiver,
      formatDate(envelope.preparedAt),
      formatTime(envelope.preparedAt),
      groupControl,
      'X',
      X12_VERSION,
    ]);
    for (const set of group.sets) {
      text += line(['ST', set.type, set.controlNumber]);
      for (const segment of set.body) text += line(segment);
      text += line(['SE', String(set.body.length + 2), set.controlNumber]);
    }
    text += line(['GE', String(group.sets.length), groupControl]);
  });
  text += line(['IEA', String(groups.length), control]);
  return text;
}

/** ST02 for the n-th (1-based) set of a group: four digits at least, as the standard's minimum length asks. */
export function setControlNumber(sequence: number): string {
  return String(sequence).padStart(4, '0');
}
