// The buyer's inventory reports in: an X12 852 or EDIFACT INVRPT interchange is read, its envelopes checked, each
// transaction set / message read into an InventoryReport or rejected with its errors named, and a functional
// acknowledgment (997 / CONTRL) written for the whole interchange. Whatever the text, this returns: a broken
// interchange comes back not accepted, with its errors and a rejecting acknowledgment.
import { EdiError, InboundInterchange, InventoryReport, ItemCodePlace, ReportedActivity } from './edi-types';
import { EdifactMessage, readEdifactInterchange } from './edifact/edifact-envelope';
import { EdifactMessageVerdict, writeEdifactControlMessage } from './edifact/control-message';
import { readInventoryReportMessage } from './edifact/inventory-report';
import { AcknowledgmentOptions, X12SetVerdict, writeX12FunctionalAcknowledgment } from './x12/functional-acknowledgment-997';
import { X12TransactionSet, readX12Interchange } from './x12/x12-envelope';
import { readProductActivitySet } from './x12/product-activity-852';

export interface InventoryInterchangeOptions extends AcknowledgmentOptions {
  /**
   * Why the receiver will not take a report line whose syntax is sound (its codes have no cross-reference),
   * or undefined when it will. Each refused line is named in the acknowledgment at its item code (997 AK3/AK4
   * with code 7, invalid code value; CONTRL UCS/UCD with 12, invalid value); its set is accepted with errors
   * noted (AK5 E) when other lines are taken.
   */
  lineRefusal?: (line: ReportedActivity) => string | undefined;
}

/** The acknowledgment's notes for the lines of a report the receiver refuses. */
function refusedLines(
  report: InventoryReport | undefined,
  itemPlaces: Map<ReportedActivity, ItemCodePlace>,
  options: InventoryInterchangeOptions,
): EdiError[] {
  if (!report || !options.lineRefusal) return [];
  const notes: EdiError[] = [];
  for (const line of report.lines) {
    const reason = options.lineRefusal(line);
    const place = itemPlaces.get(line);
    if (reason === undefined || !place) continue;
    notes.push({ ...place, transaction: report.controlNumber, kind: 'unknown-code', value: line.item, reason });
  }
  return notes;
}

/** Reads an X12 852 or EDIFACT INVRPT interchange (sniffs ISA vs UNA/UNB); never throws on bad input. */
export function readInventoryInterchange(text: string, options: InventoryInterchangeOptions = {}): InboundInterchange {
  const input = typeof text === 'string' ? text : '';
  const start = input.replace(/^[\s\uFEFF]+/, '').slice(0, 3);
  try {
    if (start === 'UNA' || start === 'UNB') return readEdifact(input, options);
    return readX12(input, options);
  } catch (unexpected) {
    // A last guard so that no input crashes the caller: the reading above is meant never to get here.
    return lastResort(input, start === 'UNA' || start === 'UNB' ? 'edifact' : 'x12', unexpected, options);
  }
}

function readX12(text: string, options: InventoryInterchangeOptions): InboundInterchange {
  const interchange = readX12Interchange(text);
  const verdicts = new Map<X12TransactionSet, X12SetVerdict>();
  const reports: InventoryReport[] = [];
  const errors: EdiError[] = [...interchange.errors];
  for (const group of interchange.groups) {
    errors.push(...group.errors);
    const groupSound = interchange.errors.length === 0 && group.errors.length === 0;
    for (const set of group.sets) {
      const setErrors: EdiError[] = [...set.errors];
      let report: InventoryReport | undefined;
      let notes: EdiError[] = [];
      if (set.type !== '852') {
        setErrors.push({
          segment: 'ST',
          segmentPosition: 1,
          element: 1,
          transaction: set.controlNumber,
          kind: 'unsupported',
          value: set.type,
          reason: `transaction set ${set.type} is not an 852 product activity report`,
        });
      } else if (set.errors.length === 0) {
        const read = readProductActivitySet(set);
        setErrors.push(...read.errors);
        report = read.report;
        notes = refusedLines(report, read.itemPlaces, options);
        // A set none of whose lines can be taken is rejected, its lines named.
        if (report && notes.length > 0 && notes.length === report.lines.length) setErrors.push(...notes.splice(0));
      }
      const accepted = groupSound && setErrors.length === 0 && report !== undefined;
      if (accepted && report) reports.push(report);
      verdicts.set(set, { set, errors: setErrors, notes, accepted });
      errors.push(...setErrors);
    }
  }
  return {
    standard: 'x12',
    controlNumber: interchange.controlNumber,
    sender: interchange.sender,
    receiver: interchange.receiver,
    reports,
    errors,
    accepted: interchange.errors.length === 0 && reports.length > 0,
    acknowledgment: writeX12FunctionalAcknowledgment(interchange, verdicts, options),
  };
}

function readEdifact(text: string, options: InventoryInterchangeOptions): InboundInterchange {
  const interchange = readEdifactInterchange(text);
  const verdicts = new Map<EdifactMessage, EdifactMessageVerdict>();
  const reports: InventoryReport[] = [];
  const errors: EdiError[] = [...interchange.errors];
  for (const message of interchange.messages) {
    const messageErrors: EdiError[] = [...message.errors];
    let report: InventoryReport | undefined;
    let notes: EdiError[] = [];
    if (message.identifier[0] !== 'INVRPT') {
      messageErrors.push({
        segment: 'UNH',
        segmentPosition: 1,
        element: 2,
        component: 1,
        transaction: message.reference,
        kind: 'unsupported',
        value: message.identifier[0] ?? '',
        reason: `message ${message.identifier[0] ?? '(no type)'} is not an INVRPT inventory report`,
      });
    } else if (message.errors.length === 0) {
      const read = readInventoryReportMessage(message);
      messageErrors.push(...read.errors);
      report = read.report;
      notes = refusedLines(report, read.itemPlaces, options);
      if (report && notes.length > 0 && notes.length === report.lines.length) messageErrors.push(...notes.splice(0));
    }
    const accepted = interchange.errors.length === 0 && messageErrors.length === 0 && report !== undefined;
    if (accepted && report) reports.push(report);
    verdicts.set(message, { message, errors: messageErrors, notes, accepted });
    errors.push(...messageErrors);
  }
  return {
    standard: 'edifact',
    controlNumber: interchange.controlReference,
    sender: interchange.sender,
    receiver: interchange.receiver,
    reports,
    errors,
    accepted: interchange.errors.length === 0 && reports.length > 0,
    acknowledgment: writeEdifactControlMessage(interchange, verdicts, options),
  };
}

function lastResort(
  text: string,
  standard: InboundInterchange['standard'],
  unexpected: unknown,
  options: InventoryInterchangeOptions,
): InboundInterchange {
  const error: EdiError = {
    segment: standard === 'x12' ? 'ISA' : 'UNB',
    segmentPosition: 1,
    kind: 'garbage',
    reason: `the interchange could not be read: ${unexpected instanceof Error ? unexpected.message : String(unexpected)}`,
  };
  const empty = { sender: '', receiver: '', errors: [error] };
  let acknowledgment = '';
  try {
    acknowledgment =
      standard === 'x12'
        ? writeX12FunctionalAcknowledgment({ ...empty, controlNumber: '', date: '', time: '', version: '', groups: [] }, new Map(), options)
        : writeEdifactControlMessage(
            { ...empty, delimiters: readEdifactInterchange('').delimiters, syntax: [], controlReference: '', messages: [] },
            new Map(),
            options,
          );
  } catch {
    acknowledgment = '';
  }
  return { standard, controlNumber: '', sender: '', receiver: '', reports: [], errors: [error], accepted: false, acknowledgment };
}
