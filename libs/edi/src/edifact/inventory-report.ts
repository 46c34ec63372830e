// EDIFACT INVRPT Inventory report, directory D.96A (UN/EDIFACT D.96A message INVRPT, published by UNECE; the
// segment table: UNH, BGM, FTX, DTM, SG1 RFF, SG2 NAD-LOC, ..., SG9 LIN-PIA-IMD-...-LOC-DTM-...,
// SG12 INV-QTY-GIN-LOC-DTM-..., UNT). Read here:
//   BGM  1001 = 35 (inventory report), 1004 the report number
//   DTM  137 document date; the period: 194/90 start, 206/91 end (formats 102, 203, 204); without an end the
//        document date is the date the figures hold for
//   SG2  NAD with LOC: a location for the whole report
//   SG9  LIN (C212 7140 the item) or PIA (C212 7140) when LIN carries none; LOC: the line's location
//   SG12 INV 4501 direction (1 movement out, 2 movement into inventory), 4503 balance method (EANCOM's use:
//        direction for movements, balance method for a snapshot); QTY C186 6063 qualifier, 6060 quantity,
//        6411 unit: 145 actual stock / 17 quantity on hand -> on hand; 48 received quantity -> received;
//        25 retail sales -> consumed; any other quantity under INV direction 1 -> consumed, direction 2 -> received;
//        LOC in the group: the location of its quantities
import { EdiError, EnvelopeParties, InventoryReport, ItemCodePlace, ReportedActivity } from '../edi-types';
import { Segment, SegmentToWrite, formatQuantity, parseQuantity, valueOf } from '../syntax/segment';
import { EdifactMessage, writeEdifactInterchange } from './edifact-envelope';
import { edifactDateTime, readEdifactDateTime } from './edifact-values';

export const INVRPT_D96A = ['INVRPT', 'D', '96A', 'UN'];

type Activity = 'onHand' | 'consumed' | 'received';

/**
 * One INVRPT per report; each line a LIN group with its location (LOC+18, warehouse) and one INV group per
 * figure: INV balance method 1 with QTY+145 (on hand), INV+1 with QTY+1 (consumed), INV+2 with QTY+48 (received).
 */
export function writeEdifactInventoryReport(reports: InventoryReport[], envelope: EnvelopeParties): string {
  const messages = reports.map((report) => {
    const body: SegmentToWrite[] = [['BGM', '35', report.controlNumber, '9'], edifactDateTime('137', envelope.preparedAt, false)];
    if (report.periodStart) body.push(edifactDateTime('194', report.periodStart));
    body.push(edifactDateTime('206', report.periodEnd));
    report.lines.forEach((line, index) => {
      body.push(['LIN', String(index + 1), '', [line.item, 'IN']], ['LOC', '18', line.location]);
      if (line.onHand !== undefined) body.push(['INV', '', '', '', '1'], ['QTY', ['145', formatQuantity(line.onHand), line.unit]]);
      if (line.consumed !== undefined) body.push(['INV', '1'], ['QTY', ['1', formatQuantity(line.consumed), line.unit]]);
      if (line.received !== undefined) body.push(['INV', '2'], ['QTY', ['48', formatQuantity(line.received), line.unit]]);
    });
    return { reference: report.controlNumber, identifier: INVRPT_D96A, body };
  });
  return writeEdifactInterchange(envelope, messages);
}

/** Reads one INVRPT message whose envelope is sound; problems are returned (named by segment and element), never thrown. */
export function readInventoryReportMessage(message: EdifactMessage): {
  report?: InventoryReport;
  errors: EdiError[];
  /** Where each line's item code was read (LIN C212, or PIA when LIN names none). */
  itemPlaces: Map<ReportedActivity, ItemCodePlace>;
} {
  const transaction = message.reference;
  const errors: EdiError[] = [];
  const error = (
    segment: Segment,
    position: number,
    element: number | undefined,
    component: number | undefined,
    kind: EdiError['kind'],
    reason: string,
  ) =>
    errors.push({
      segment: segment.tag,
      segmentPosition: position,
      ...(element ? { element, value: valueOf(segment, element, component ?? 1) } : {}),
      ...(component ? { component } : {}),
      transaction,
      kind,
      reason,
    });
  let documentDate: Date | undefined;
  let periodStart: Date | undefined;
  let periodEnd: Date | undefined;
  let headingLocation: string | undefined;
  let inHeadingParty = false;
  let item: string | undefined;
  let itemPlace: ItemCodePlace | undefined;
  const itemPlaces = new Map<ReportedActivity, ItemCodePlace>();
  let lineLocation: string | undefined;
  let movement: { direction: string; location?: string } | undefined;
  const tallies = new Map<string, ReportedActivity>();
  // D.96A puts an INV group's LOC after its QTYs, so quantities wait for the end of their group to learn their location.
  let waiting: Array<{ segment: Segment; position: number; activity: Activity; quantity: number; unit: string }> = [];
  const flush = () => {
    for (const { segment, position, activity, quantity, unit } of waiting) {
      const location = movement?.location ?? lineLocation ?? headingLocation;
      if (location === undefined) {
        error(
          segment,
          position,
          undefined,
          undefined,
          'missing-segment',
          `QTY ${valueOf(segment, 1)} has no location: no LOC in its INV group, its line or the heading`,
        );
        continue;
      }
      // One line per location x item x unit, however many LIN groups the sender spread it over.
      const key = JSON.stringify([location, item ?? '', unit]);
      const tally = tallies.get(key) ?? { location, item: item ?? '', unit };
      if (!tallies.has(key) && itemPlace) itemPlaces.set(tally, itemPlace);
      tallies.set(key, tally);
      // On hand is a level (the last one sent holds); consumed and received add up.
      tally[activity] = activity === 'onHand' ? quantity : (tally[activity] ?? 0) + quantity;
    }
    waiting = [];
  };
  message.segments.forEach((segment, index) => {
    const position = index + 1;
    switch (segment.tag) {
      case 'DTM': {
        if (item !== undefined) break; // dates inside a line do not move the report's period
        const qualifier = valueOf(segment, 1);
        if (!['137', '194', '90', '206', '91'].includes(qualifier)) break;
        const date = readEdifactDateTime(segment, position, transaction, errors);
        if (qualifier === '137') documentDate = date;
        if (qualifier === '194' || qualifier === '90') periodStart = date;
        if (qualifier === '206' || qualifier === '91') periodEnd = date;
        break;
      }
      case 'NAD':
        inHeadingParty = item === undefined;
        break;
      case 'LIN':
        flush();
        inHeadingParty = false;
        movement = undefined;
        lineLocation = undefined;
        item = valueOf(segment, 3);
        itemPlace = { segment: 'LIN', segmentPosition: position, element: 3, component: 1 };
        break;
      case 'PIA':
        if (item === '') {
          item = valueOf(segment, 2);
          itemPlace = { segment: 'PIA', segmentPosition: position, element: 2, component: 1 };
        }
        break;
      case 'LOC':
        if (item === undefined) {
          if (inHeadingParty || headingLocation === undefined) headingLocation = valueOf(segment, 2);
        } else if (movement) movement.location = valueOf(segment, 2);
        else lineLocation = valueOf(segment, 2);
        break;
      case 'INV':
        flush();
        movement = { direction: valueOf(segment, 1) };
        break;
      case 'QTY': {
        if (item === undefined) break; // heading and package quantities are not stock figures
        if (item === '') {
          error(segment, position, undefined, undefined, 'missing-element', 'QTY in a line whose LIN and PIA name no item');
          break;
        }
        const qualifier = valueOf(segment, 1);
        const text = valueOf(segment, 1, 2);
        const quantity = parseQuantity(text, true);
        if (quantity === undefined) {
          error(segment, position, 1, 2, 'invalid-element', `QTY ${qualifier} "${text}" is not a quantity`);
          break;
        }
        const activity = activityOf(qualifier, movement?.direction);
        if (activity) waiting.push({ segment, position, activity, quantity, unit: valueOf(segment, 1, 3) });
        break;
      }
    }
  });
  flush();
  const end = periodEnd ?? documentDate;
  if (!end && !errors.some((problem) => problem.segment === 'DTM')) {
    errors.push({
      segment: 'DTM',
      segmentPosition: 3,
      transaction,
      kind: 'missing-segment',
      reason: 'no DTM with the period end (206/91) or the document date (137)',
    });
  }
  if (errors.length > 0 || !end) return { errors, itemPlaces };
  return {
    report: { controlNumber: transaction, ...(periodStart ? { periodStart } : {}), periodEnd: end, lines: [...tallies.values()] },
    errors,
    itemPlaces,
  };
}

function activityOf(qualifier: string, direction: string | undefined): Activity | undefined {
  if (qualifier === '145' || qualifier === '17') return 'onHand';
  if (qualifier === '48') return 'received';
  if (qualifier === '25') return 'consumed';
  if (direction === '1') return 'consumed';
  if (direction === '2') return 'received';
  return undefined;
}
