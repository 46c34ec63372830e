// EDIFACT envelopes (ISO 9735 syntax version 3): UNB/UNZ around the interchange, UNH/UNT around each message
// (functional groups UNG/UNE are not used by the partners this platform serves and are refused). UNZ repeats
// UNB's control reference (UNB05) and counts the messages; UNT repeats UNH's reference and counts the
// message's segments, UNH and UNT included.
import { EdiError, EnvelopeParties } from '../edi-types';
import { Segment, SegmentToWrite, parseDateTime, valueOf } from '../syntax/segment';
import { DEFAULT_EDIFACT_DELIMITERS, EdifactDelimiters, tokenizeEdifact, writeEdifactSegment, writeUna } from '../syntax/edifact-syntax';

export interface EdifactMessage {
  /** UNH01, the message reference number. */
  reference: string;
  /** UNH02 S009: type, version, release, agency (e.g. INVRPT, D, 96A, UN). */
  identifier: string[];
  /** UNH through UNT (or as far as it went). */
  segments: Segment[];
  errors: EdiError[];
}

export interface EdifactInterchange {
  delimiters: EdifactDelimiters;
  /** UNB01 S001, e.g. ['UNOC', '3']. */
  syntax: string[];
  sender: string;
  receiver: string;
  /** UNB05. */
  controlReference: string;
  /** UNB04, when it is a valid date and time. */
  preparedAt?: Date;
  messages: EdifactMessage[];
  errors: EdiError[];
}

/** Reads the envelopes of an EDIFACT interchange and checks them; never throws. */
export function readEdifactInterchange(text: string): EdifactInterchange {
  const tokens = tokenizeEdifact(text);
  const unb = tokens.segments[0];
  const interchange: EdifactInterchange = {
    delimiters: tokens.delimiters,
    syntax: unb?.tag === 'UNB' ? (unb.elements[0] ?? []) : [],
    sender: unb?.tag === 'UNB' ? valueOf(unb, 2) : '',
    receiver: unb?.tag === 'UNB' ? valueOf(unb, 3) : '',
    controlReference: unb?.tag === 'UNB' ? valueOf(unb, 5) : '',
    preparedAt: unb?.tag === 'UNB' ? parseDateTime(valueOf(unb, 4, 1), valueOf(unb, 4, 2)) : undefined,
    messages: [],
    errors: [...tokens.errors],
  };
  if (tokens.errors.some((error) => error.segment === 'UNA')) return interchange;
  if (!unb || unb.tag !== 'UNB') {
    interchange.errors.unshift({
      segment: 'UNB',
      segmentPosition: 1,
      kind: 'garbage',
      reason: `not an EDIFACT interchange: it does not begin with UNA or UNB (it begins "${text.trim().slice(0, 20)}")`,
    });
    return interchange;
  }
  for (const [element, name] of [
    [2, 'interchange sender'],
    [3, 'interchange recipient'],
    [5, 'interchange control reference'],
  ] as const) {
    if (valueOf(unb, element) === '') {
      interchange.errors.push({ segment: 'UNB', segmentPosition: 1, element, kind: 'missing-element', reason: `UNB has no ${name}` });
    }
  }
  let message: EdifactMessage | undefined;
  let trailer: Segment | undefined;
  const closeMessage = (reason: string) => {
    if (!message) return;
    message.errors.push({
      segment: 'UNT',
      segmentPosition: message.segments.length + 1,
      transaction: message.reference,
      kind: 'missing-segment',
      reason,
    });
    message = undefined;
  };
  for (const segment of tokens.segments.slice(1)) {
    if (trailer) {
      interchange.errors.push({
        segment: segment.tag,
        segmentPosition: segment.position,
        kind: 'unexpected-segment',
        reason: `segment ${segment.tag} after the UNZ trailer`,
      });
      continue;
    }
    switch (segment.tag) {
      case 'UNH':
        closeMessage(`message ${message?.reference} has no UNT before the next UNH`);
        message = { reference: valueOf(segment, 1), identifier: segment.elements[1] ?? [], segments: [segment], errors: [] };
        interchange.messages.push(message);
        break;
      case 'UNT':
        if (!message) {
          interchange.errors.push({
            segment: 'UNT',
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: 'UNT without its UNH',
          });
          break;
        }
        message.segments.push(segment);
        checkMessageTrailer(message, segment);
        message = undefined;
        break;
      case 'UNZ':
        closeMessage(`message ${message?.reference} has no UNT before the UNZ`);
        trailer = segment;
        break;
      case 'UNG':
      case 'UNE':
        interchange.errors.push({
          segment: segment.tag,
          segmentPosition: segment.position,
          kind: 'unsupported',
          reason: `functional groups (${segment.tag}) are not taken`,
        });
        break;
      case 'UNB':
        interchange.errors.push({
          segment: 'UNB',
          segmentPosition: segment.position,
          kind: 'unexpected-segment',
          reason: 'a second UNB inside the interchange (its UNZ is missing)',
        });
        break;
      default:
        if (message) message.segments.push(segment);
        else
          interchange.errors.push({
            segment: segment.tag,
            segmentPosition: segment.position,
            kind: 'unexpected-segment',
            reason: `segment ${segment.tag} outside a message`,
          });
    }
  }
  closeMessage(`message ${message?.reference} has no UNT: the interchange ends inside it`);
  if (!trailer) {
    interchange.errors.push({
      segment: 'UNZ',
      segmentPosition: tokens.segments.length + 1,
      kind: 'truncated',
      reason: 'the interchange has no UNZ trailer: it is cut short',
    });
  } else {
    const count = valueOf(trailer, 1);
    if (!/^\d+$/.test(count) || Number(count) !== interchange.messages.length) {
      interchange.errors.push({
        segment: 'UNZ',
        segmentPosition: trailer.position,
        element: 1,
        kind: 'control-count',
        value: count,
        reason: `UNZ says ${count} messages, the interchange has ${interchange.messages.length}`,
      });
    }
    const reference = valueOf(trailer, 2);
    if (reference !== interchange.controlReference) {
      interchange.errors.push({
        segment: 'UNZ',
        segmentPosition: trailer.position,
        element: 2,
        kind: 'control-reference',
        value: reference,
        reason: `UNZ control reference "${reference}" does not match UNB's "${interchange.controlReference}"`,
      });
    }
  }
  return interchange;
}

function checkMessageTrailer(message: EdifactMessage, trailer: Segment) {
  const count = valueOf(trailer, 1);
  const position = message.segments.length;
  if (!/^\d+$/.test(count) || Number(count) !== message.segments.length) {
    message.errors.push({
      segment: 'UNT',
      segmentPosition: position,
      element: 1,
      transaction: message.reference,
      kind: 'control-count',
      value: count,
      reason: `UNT says ${count} segments, message ${message.reference} has ${message.segments.length} (UNH through UNT)`,
    });
  }
  const reference = valueOf(trailer, 2);
  if (reference !== message.reference) {
    message.errors.push({
      segment: 'UNT',
      segmentPosition: position,
      element: 2,
      transaction: message.reference,
      kind: 'control-reference',
      value: reference,
      reason: `UNT message reference "${reference}" does not match UNH's "${message.reference}"`,
    });
  }
}

export interface EdifactMessageToWrite {
  reference: string;
  /** S009, e.g. ['DESADV', 'D', '96A', 'UN']. */
  identifier: string[];
  body: SegmentToWrite[];
}

/** UNB/UNZ around messages, each UNH/UNT counted; UNA first so a reader need not assume the defaults. */
export function writeEdifactInterchange(
  envelope: EnvelopeParties,
  messages: EdifactMessageToWrite[],
  delimiters: EdifactDelimiters = DEFAULT_EDIFACT_DELIMITERS,
): string {
  const line = (segment: SegmentToWrite) => writeEdifactSegment(segment, delimiters) + '\n';
  const at = envelope.preparedAt;
  const pad = (value: number) => String(value).padStart(2, '0');
  const yymmdd = `${pad(at.getUTCFullYear() % 100)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const hhmm = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
  const reference = String(envelope.controlNumber);
  let text = writeUna(delimiters) + '\n';
  text += line([
    'UNB',
    ['UNOC', '3'],
    envelope.sender,
    envelope.receiver,
    [yymmdd, hhmm],
    reference,
    '',
    '',
    '',
    '',
    '',
    envelope.test ? '1' : '',
  ]);
  for (const message of messages) {
    text += line(['UNH', message.reference, message.identifier]);
    for (const segment of message.body) text += line(segment);
    text += line(['UNT', String(message.body.length + 2), message.reference]);
  }
  text += line(['UNZ', String(messages.length), reference]);
  return text;
}
