// Small readers shared by the EDIFACT messages: DTM dates, the first message of a type.
import { EdiDocumentError, EdiError } from '../edi-types';
import { Segment, SegmentToWrite, formatDate, formatTime, isMidnightUtc, parseDateTime, valueOf } from '../syntax/segment';
import { EdifactInterchange, EdifactMessage, readEdifactInterchange } from './edifact-envelope';

/** DTM C507: qualifier, value, format: 102 (CCYYMMDD) for a whole day, 203 (CCYYMMDDHHMM) otherwise; times are UTC. */
export function edifactDateTime(qualifier: string, at: Date, wholeDay = isMidnightUtc(at)): SegmentToWrite {
  return wholeDay ? ['DTM', [qualifier, formatDate(at), '102']] : ['DTM', [qualifier, formatDate(at) + formatTime(at), '203']];
}

/** The date of a DTM in format 102, 203 or 204 (with seconds); an error names the component when it is not one. */
export function readEdifactDateTime(segment: Segment, segmentPosition: number, transaction: string, errors: EdiError[]): Date | undefined {
  const value = valueOf(segment, 1, 2);
  const format = valueOf(segment, 1, 3) || '102';
  let date: Date | undefined;
  if (format === '102') date = parseDateTime(value);
  else if (format === '203' && value.length === 12) date = parseDateTime(value.slice(0, 8), value.slice(8));
  else if (format === '204' && value.length === 14) date = parseDateTime(value.slice(0, 8), value.slice(8));
  if (!date) {
    errors.push({
      segment: 'DTM',
      segmentPosition,
      element: 1,
      component: 2,
      transaction,
      kind: 'invalid-element',
      value,
      reason: `DTM ${valueOf(segment, 1)} "${value}" is not a date in format ${format} (102, 203 and 204 are read)`,
    });
  }
  return date;
}

export function soundEdifactInterchange(text: string): EdifactInterchange {
  const interchange = readEdifactInterchange(text);
  const errors = [...interchange.errors, ...interchange.messages.flatMap((message) => message.errors)];
  if (errors.length > 0)
    throw new EdiDocumentError(`the interchange is malformed: ${errors.map((error) => error.reason).join('; ')}`, errors);
  return interchange;
}

/** The first message of `type` in an interchange whose envelopes are sound; throws naming what is wrong. */
export function singleEdifactMessage(text: string, type: string): { interchange: EdifactInterchange; message: EdifactMessage } {
  const interchange = soundEdifactInterchange(text);
  const message = interchange.messages.find((candidate) => candidate.identifier[0] === type);
  if (!message) throw new EdiDocumentError(`the interchange holds no ${type} message`);
  return { interchange, message };
}
