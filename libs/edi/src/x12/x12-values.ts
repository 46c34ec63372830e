// Small readers shared by the X12 documents: dates in DTM, the first transaction set of a type.
import { EdiDocumentError, EdiError } from '../edi-types';
import { Segment, SegmentToWrite, formatDate, formatTime, parseDateTime, valueOf } from '../syntax/segment';
import { X12TransactionSet, readX12Interchange } from './x12-envelope';

/** DTM with date, time and "UT" (universal time) as the time code, so the reader need not guess a zone. */
export function x12DateTime(qualifier: string, at: Date): SegmentToWrite {
  return ['DTM', qualifier, formatDate(at), formatTime(at), 'UT'];
}

/** The date and time of a DTM (DTM02 date, DTM03 time), read as UTC; an error names the element when it is not a date. */
export function readX12DateTime(segment: Segment, segmentPosition: number, transaction: string, errors: EdiError[]): Date | undefined {
  const date = valueOf(segment, 2);
  const time = valueOf(segment, 3);
  const value = parseDateTime(date, time);
  if (!value) {
    errors.push({
      segment: segment.tag,
      segmentPosition,
      element: parseDateTime(date) ? 3 : 2,
      transaction,
      kind: 'invalid-element',
      value: parseDateTime(date) ? time : date,
      reason: `${segment.tag} ${valueOf(segment, 1)} has no valid date and time: "${date}" "${time}"`,
    });
  }
  return value;
}

/** The first transaction set of `type` in an interchange whose envelopes are sound; throws naming what is wrong. */
export function singleX12Set(text: string, type: string): X12TransactionSet {
  const interchange = readX12Interchange(text);
  const envelopeErrors = [
    ...interchange.errors,
    ...interchange.groups.flatMap((group) => [...group.errors, ...group.sets.flatMap((set) => set.errors)]),
  ];
  if (envelopeErrors.length > 0)
    throw new EdiDocumentError(`the interchange is malformed: ${envelopeErrors.map((error) => error.reason).join('; ')}`, envelopeErrors);
  const set = interchange.groups.flatMap((group) => group.sets).find((candidate) => candidate.type === type);
  if (!set) throw new EdiDocumentError(`the interchange holds no ${type} transaction set`);
  return set;
}

/** Positions inside a set are 1-based from ST; fill them in for errors raised while reading the set. */
export function positionInSet(set: X12TransactionSet, segment: Segment): number {
  return set.segments.indexOf(segment) + 1;
}
