// X12 852 Product Activity Data (version 004010; 005010 lays these segments out the same way), as published in
// the standard's segment directory and in retailers' public 852 guides:
//   XQ   XQ01 transaction handling (H = notification), XQ02 the reporting date, or the start date when XQ03,
//        the end date, is sent too
//   N1   (heading, optional) the reporting location: N101 entity (RL reporting location, ST ship to, WH, SN store),
//        N103 the id qualifier, N104 the location id; the location of every ZA not broken down by SDQ
//   LIN  LIN01 assigned id, then pairs of product id qualifier and id (IN buyer's item, UP UPC, VN vendor's item...)
//   ZA   ZA01 activity: QA current inventory (on hand), QS quantity sold, QR quantity received; ZA02 quantity,
//        ZA03 unit of measure
//   SDQ  the ZA's quantity per location: SDQ01 unit, SDQ02 id qualifier, then up to ten pairs of location id and
//        quantity (SDQ03/SDQ04 ... SDQ21/SDQ22)
//   CTT  number of LIN loops
import { EdiDocumentError, EdiError, EnvelopeParties, InventoryReport, ItemCodePlace, ReportedActivity } from '../edi-types';
import {
  Segment,
  SegmentToWrite,
  formatDate,
  formatQuantity,
  isMidnightUtc,
  parseDateTime,
  parseQuantity,
  valueOf,
} from '../syntax/segment';
import { X12TransactionSet, writeX12Interchange } from './x12-envelope';
import { productId } from './ship-notice-856';

type Activity = 'onHand' | 'consumed' | 'received';
const ACTIVITY_CODES: Record<string, Activity> = { QA: 'onHand', QS: 'consumed', QR: 'received' };
/** N101 entity identifier codes that are places: reporting location, ship to, warehouse, store. */
const LOCATION_ENTITIES = new Set(['RL', 'ST', 'WH', 'SN']);
const CODE_OF: Record<Activity, string> = { onHand: 'QA', consumed: 'QS', received: 'QR' };

/** One 852 per report. XQ carries whole days only: the writer refuses a period that does not start at midnight UTC. */
export function writeX12ProductActivity(reports: InventoryReport[], envelope: EnvelopeParties): string {
  const sets = reports.map((report) => {
    for (const date of [report.periodStart, report.periodEnd]) {
      if (date && !isMidnightUtc(date))
        throw new EdiDocumentError(`852 XQ dates are whole days: ${date.toISOString()} is not midnight UTC`);
    }
    const body: SegmentToWrite[] = [
      report.periodStart
        ? ['XQ', 'H', formatDate(report.periodStart), formatDate(report.periodEnd)]
        : ['XQ', 'H', formatDate(report.periodEnd)],
    ];
    // One LIN loop per line, each ZA broken down by location with SDQ, so any mix of locations and items fits.
    for (const line of report.lines) {
      const activities = (['onHand', 'consumed', 'received'] as const).filter((activity) => line[activity] !== undefined);
      if (activities.length === 0) throw new EdiDocumentError(`line ${line.location} x ${line.item} reports no quantity`);
      body.push(['LIN', '', 'IN', line.item]);
      for (const activity of activities) {
        const quantity = formatQuantity(line[activity] as number);
        body.push(['ZA', CODE_OF[activity], quantity, line.unit], ['SDQ', line.unit, '92', line.location, quantity]);
      }
    }
    body.push(['CTT', String(report.lines.length)]);
    return { type: '852', controlNumber: report.controlNumber, body };
  });
  return writeX12Interchange(envelope, [{ functionalId: 'PD', sets }]);
}

interface Tally {
  key: string;
  activity: ReportedActivity;
}

/** Reads one 852 transaction set whose envelope is sound; problems are returned (named by segment and element), never thrown. */
export function readProductActivitySet(set: X12TransactionSet): {
  report?: InventoryReport;
  errors: EdiError[];
  /** Where each line's item code was read (its first LIN). */
  itemPlaces: Map<ReportedActivity, ItemCodePlace>;
} {
  const transaction = set.controlNumber;
  const errors: EdiError[] = [];
  const error = (segment: Segment, position: number, element: number | undefined, kind: EdiError['kind'], reason: string) =>
    errors.push({
      segment: segment.tag,
      segmentPosition: position,
      ...(element ? { element, value: valueOf(segment, element) } : {}),
      transaction,
      kind,
      reason,
    });
  let periodStart: Date | undefined;
  let periodEnd: Date | undefined;
  let headingLocation: string | undefined;
  let item: string | undefined;
  let itemPlace: ItemCodePlace | undefined;
  const itemPlaces = new Map<ReportedActivity, ItemCodePlace>();
  let za: { segment: Segment; position: number; activity?: Activity; quantity?: number; unit: string; brokenDown: boolean } | undefined;
  const tallies = new Map<string, Tally>();
  const record = (location: string, unit: string, activity: Activity, quantity: number) => {
    // One line per location x item x unit, however many LIN loops the sender spread it over.
    const key = JSON.stringify([location, item ?? '', unit]);
    const tally = tallies.get(key) ?? { key, activity: { location, item: item ?? '', unit } };
    if (!tallies.has(key) && itemPlace) itemPlaces.set(tally.activity, itemPlace);
    tallies.set(key, tally);
    // On hand is a level (the last one sent holds); sold and received add up.
    tally.activity[activity] = activity === 'onHand' ? quantity : (tally.activity[activity] ?? 0) + quantity;
  };
  const finishZa = () => {
    if (za && !za.brokenDown && za.activity && za.quantity !== undefined) {
      if (headingLocation === undefined) {
        error(
          za.segment,
          za.position,
          undefined,
          'missing-segment',
          `ZA ${valueOf(za.segment, 1)} has a quantity but no location: no N1 in the heading and no SDQ`,
        );
      } else record(headingLocation, za.unit, za.activity, za.quantity);
    }
    za = undefined;
  };
  let sawXq = false;
  set.segments.forEach((segment, index) => {
    const position = index + 1;
    switch (segment.tag) {
      case 'XQ': {
        sawXq = true;
        const first = parseDateTime(valueOf(segment, 2));
        if (!first || valueOf(segment, 2).length !== 8)
          error(segment, position, 2, 'invalid-element', `XQ02 "${valueOf(segment, 2)}" is not a date (CCYYMMDD)`);
        if (valueOf(segment, 3) === '') periodEnd = first;
        else {
          const second = parseDateTime(valueOf(segment, 3));
          if (!second || valueOf(segment, 3).length !== 8)
            error(segment, position, 3, 'invalid-element', `XQ03 "${valueOf(segment, 3)}" is not a date (CCYYMMDD)`);
          periodStart = first;
          periodEnd = second;
        }
        break;
      }
      case 'N1':
        // Only parties that are places name the location; the vendor (VN), supplier (SU) or buyer (BY) do not.
        if (item === undefined && LOCATION_ENTITIES.has(valueOf(segment, 1)) && valueOf(segment, 4) !== '')
          headingLocation = valueOf(segment, 4);
        break;
      case 'LIN': {
        finishZa();
        item = productId(segment.elements);
        // The id's own element: LIN03 unless the product id chosen came in a later qualifier/id pair.
        const at = segment.elements.findIndex((element, index) => index >= 2 && element[0] === item);
        itemPlace = { segment: 'LIN', segmentPosition: position, element: at >= 0 ? at + 1 : 3 };
        if (item === '') error(segment, position, 3, 'missing-element', 'LIN names no product id (LIN02/LIN03)');
        break;
      }
      case 'ZA': {
        finishZa();
        if (item === undefined) {
          error(segment, position, undefined, 'unexpected-segment', 'ZA before any LIN');
          break;
        }
        const activity = ACTIVITY_CODES[valueOf(segment, 1)];
        const text = valueOf(segment, 2);
        const quantity = text === '' ? undefined : parseQuantity(text);
        if (text !== '' && quantity === undefined) error(segment, position, 2, 'invalid-element', `ZA02 "${text}" is not a quantity`);
        // Activities other than on hand, sold and received (returns, on order...) are not stock movements here.
        za = { segment, position, activity, quantity, unit: valueOf(segment, 3), brokenDown: false };
        break;
      }
      case 'SDQ': {
        if (!za) {
          error(segment, position, undefined, 'unexpected-segment', 'SDQ without its ZA');
          break;
        }
        za.brokenDown = true;
        if (!za.activity) break;
        const unit = valueOf(segment, 1) || za.unit;
        for (let element = 3; element <= 21; element += 2) {
          const location = valueOf(segment, element);
          const text = valueOf(segment, element + 1);
          if (location === '' && text === '') continue;
          const quantity = parseQuantity(text);
          if (location === '')
            error(
              segment,
              position,
              element,
              'missing-element',
              `SDQ${String(element).padStart(2, '0')} has no location for quantity "${text}"`,
            );
          else if (quantity === undefined)
            error(
              segment,
              position,
              element + 1,
              'invalid-element',
              `SDQ${String(element + 1).padStart(2, '0')} "${text}" is not a quantity`,
            );
          else record(location, unit, za.activity, quantity);
        }
        break;
      }
      case 'CTT':
      case 'SE':
        finishZa();
        break;
    }
  });
  finishZa();
  if (!sawXq) errors.push({ segment: 'XQ', segmentPosition: 2, transaction, kind: 'missing-segment', reason: 'no XQ reporting date' });
  if (errors.length > 0 || !periodEnd) return { errors, itemPlaces };
  return {
    report: {
      controlNumber: transaction,
      ...(periodStart ? { periodStart } : {}),
      periodEnd,
      lines: [...tallies.values()].map((tally) => tally.activity),
    },
    errors,
    itemPlaces,
  };
}
