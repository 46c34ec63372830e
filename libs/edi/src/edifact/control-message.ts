// EDIFACT CONTRL Syntax and service report message (for syntax version 3: CONTRL 2:2:UN), one per interchange read:
//   UCI  the interchange: its reference (UNB 0020), sender, recipient, action (0083: 7 acknowledged, 4 rejected),
//        and for an envelope error the syntax error code (0085), the service segment at fault and its element
//   UCM  each message: reference (UNH 0062), its identifier (S009), action, and for a UNH/UNT error its code,
//        segment and element
//   UCS  a segment in error: its position in the message (UNH = 1) and, for the segment as a whole, its code
//   UCD  an element in error inside that segment: its code and position (element : component)
import { EdiError, EnvelopeParties } from '../edi-types';
import { SegmentToWrite } from '../syntax/segment';
import { EdifactInterchange, EdifactMessage, writeEdifactInterchange } from './edifact-envelope';
import { isWritable } from '../syntax/edifact-syntax';

export interface EdifactMessageVerdict {
  message: EdifactMessage;
  errors: EdiError[];
  /** Problems of a message accepted all the same (lines the receiver did not take): named under its UCM, which stays 7. */
  notes?: EdiError[];
  accepted: boolean;
}

// Syntax error codes (UN/EDIFACT 0085).
function syntaxCode(error: EdiError): string {
  switch (error.kind) {
    case 'control-reference':
      return '28'; // references do not match
    case 'control-count':
      return '29'; // control count does not match number of instances received
    case 'missing-segment':
    case 'missing-element':
    case 'truncated':
      return '13'; // missing
    case 'unexpected-segment':
      return '15'; // not supported in this position
    case 'unsupported':
      return '14'; // value not supported in this position
    case 'invalid-element':
    case 'unknown-code':
      return '12'; // invalid value
    default:
      return '18'; // unspecified error
  }
}

const elementPosition = (error: EdiError): string | string[] =>
  error.element === undefined
    ? ''
    : error.component !== undefined
      ? [String(error.element), String(error.component)]
      : String(error.element);

/** A value copied from the partner's file, made writable: characters UNOC cannot carry become spaces, at most 35 long. */
const copied = (value: string) =>
  [...value]
    .map((character) => (isWritable(character) ? character : ' '))
    .join('')
    .slice(0, 35)
    .trim();

const SERVICE_SEGMENTS = new Set(['UNA', 'UNB', 'UNZ', 'UNH', 'UNT', 'UNG', 'UNE']);

export function writeEdifactControlMessage(
  interchange: EdifactInterchange,
  verdicts: Map<EdifactMessage, EdifactMessageVerdict>,
  options: { controlNumber?: number; preparedAt?: Date } = {},
): string {
  const envelope: EnvelopeParties = {
    // An interchange too broken to name its parties is still answered, addressed to no one in particular.
    sender: copied(interchange.receiver) || 'UNKNOWN',
    receiver: copied(interchange.sender) || 'UNKNOWN',
    controlNumber: options.controlNumber ?? (/^\d{1,14}$/.test(interchange.controlReference) ? Number(interchange.controlReference) : 0),
    preparedAt: options.preparedAt ?? interchange.preparedAt ?? new Date(0),
  };
  const interchangeBroken = interchange.errors.length > 0;
  const firstProblem = interchange.errors[0];
  const body: SegmentToWrite[] = [
    [
      'UCI',
      copied(interchange.controlReference),
      copied(interchange.sender),
      copied(interchange.receiver),
      interchangeBroken ? '4' : '7',
      ...(firstProblem
        ? [syntaxCode(firstProblem), SERVICE_SEGMENTS.has(firstProblem.segment) ? firstProblem.segment : '', elementPosition(firstProblem)]
        : []),
    ],
  ];
  for (const message of interchange.messages) {
    const verdict = verdicts.get(message);
    const accepted = !interchangeBroken && (verdict?.accepted ?? false);
    const errors = [...(verdict?.errors ?? message.errors), ...(accepted ? (verdict?.notes ?? []) : [])];
    const envelopeError = errors.find((error) => error.segment === 'UNH' || error.segment === 'UNT' || error.kind === 'unsupported');
    body.push([
      'UCM',
      copied(message.reference),
      message.identifier.map(copied),
      accepted ? '7' : '4',
      ...(envelopeError
        ? [syntaxCode(envelopeError), envelopeError.kind === 'unsupported' ? 'UNH' : envelopeError.segment, elementPosition(envelopeError)]
        : []),
    ]);
    for (const error of errors) {
      if (error === envelopeError) continue;
      if (error.element === undefined) body.push(['UCS', String(Math.max(1, error.segmentPosition)), syntaxCode(error)]);
      else body.push(['UCS', String(Math.max(1, error.segmentPosition))], ['UCD', syntaxCode(error), elementPosition(error)]);
    }
  }
  return writeEdifactInterchange(envelope, [{ reference: '1', identifier: ['CONTRL', '2', '2', 'UN'], body }]);
}
