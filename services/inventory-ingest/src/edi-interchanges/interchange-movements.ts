import type { EdiError, InboundInterchange, InventoryReport, ReportedActivity } from '@smi/edi';
import { MovementKind, StockMovement } from '@smi/contracts';
import { codesKeyOf, CrossReference } from '../edi-cross-references/cross-reference';

/**
 * One problem with an interchange, as its kept record and its JSON summary name it: a syntax or
 * envelope error the reader found (segment, element), or a report line that could not become
 * stock movements (transaction, line, the buyer's codes).
 */
export interface InterchangeError {
  segment?: string;
  segmentPosition?: number;
  element?: number;
  /** The component inside that element, when one is at fault. */
  component?: number;
  /** The value at fault, as sent. */
  value?: string;
  /** The transaction set / message control number (ST02 / UNH01). */
  transaction?: string;
  /** 1-based place of the report line in its transaction set / message. */
  line?: number;
  location?: string;
  item?: string;
  reason: string;
}

/** What the inbox said of a claimed movement (the messaging inbox's ClaimOutcome). */
export type Claimed = 'fresh' | 'repeat' | 'conflict';

/** Accepted: every line became movements; partially: some did; rejected: none did (or the envelope is broken). */
export type InterchangeOutcome = 'accepted' | 'partially-accepted' | 'rejected';
export const InterchangeOutcomeValues: readonly InterchangeOutcome[] = ['accepted', 'partially-accepted', 'rejected'];

/** Which report line (and which of its figures) a movement came from. */
export interface MovementOrigin {
  transaction: string;
  line: number;
  location: string;
  item: string;
  figure: Figure;
}

type Figure = 'received' | 'consumed' | 'onHand';

/** What the report lines of an interchange become: the movements, where each came from, the lines that could not. */
export interface InterchangeMovements {
  movements: StockMovement[];
  origins: MovementOrigin[];
  errors: InterchangeError[];
}

/** The buyer's codes an interchange's lines name, once each: what to look up in its cross-reference. */
export function codesNamedIn(
  interchange: InboundInterchange,
  buyerId: string,
): Array<{ buyerId: string; locationCode: string; itemCode: string }> {
  const codes = new Map<string, { buyerId: string; locationCode: string; itemCode: string }>();
  for (const report of interchange.reports)
    for (const line of report.lines) {
      const code = { buyerId, locationCode: line.location, itemCode: line.item };
      codes.set(codesKeyOf(code), code);
    }
  return [...codes.values()];
}

const noCrossReference = (line: Pick<ReportedActivity, 'location' | 'item'>) =>
  `no cross-reference for location ${line.location} x item ${line.item}: PUT /edi-cross-references maps them to a site x item`;

/**
 * Why a report line cannot be taken, for the acknowledgment to name it (its codes have no cross-reference among
 * `crossReferences`, the buyer's for the codes its interchange names), or undefined when it can.
 */
export function crossReferenceRefusal(
  buyerId: string,
  crossReferences: readonly CrossReference[],
): (line: Pick<ReportedActivity, 'location' | 'item'>) => string | undefined {
  const known = new Set(crossReferences.map(codesKeyOf));
  return (line) =>
    known.has(codesKeyOf({ buyerId, locationCode: line.location, itemCode: line.item })) ? undefined : noCrossReference(line);
}

/** The part of an event id an interchange's envelope gives: its sender and control number, the same each time it is sent. */
const interchangeKeyOf = (interchange: InboundInterchange) =>
  `edi:${interchange.standard}:${interchange.sender.trim()}:${interchange.controlNumber.trim()}`;

/**
 * The stock movements an interchange's accepted reports say happened, each line through the
 * buyer's cross-reference (its location x item codes to an agreed site x item):
 * - `received` is a RECEIPT and `consumed` a CONSUMPTION, both dated at the last millisecond of
 *   the period (periodEnd − 1 ms), so they fall inside it and before the count;
 * - `onHand` is a COUNT at periodEnd, last: it states what was on hand when the period ended.
 * Applied in that order, the on-hand a site x item ends with is what a person reads off the 852:
 * the counted quantity when one is given (receipts and consumption before it are inside it), else
 * what it had, plus receipts, less consumption. Zero receipts or consumption move nothing.
 * Event ids derive from the interchange's sender and control number, the transaction set, the
 * line and the figure, so the same interchange sent twice claims the same ids and counts once.
 * `agreedUnitOf` gives the agreement line's unit, which replaces the EDI's own unit when the
 * cross-reference names it (ediUnit). A line whose codes have no cross-reference is an error.
 */
export function movementsOfInterchange(
  interchange: InboundInterchange,
  buyerId: string,
  crossReferences: readonly CrossReference[],
  agreedUnitOf: (siteId: string, itemId: string, at: Date) => string | undefined,
): InterchangeMovements {
  const byCodes = new Map(crossReferences.map((ref) => [codesKeyOf(ref), ref]));
  const result: InterchangeMovements = { movements: [], origins: [], errors: [] };
  // A broken envelope takes nothing in, not even the sets that read well.
  if (!interchange.accepted) return result;
  const key = interchangeKeyOf(interchange);
  for (const report of interchange.reports) {
    report.lines.forEach((line, i) => {
      const at = { transaction: report.controlNumber, line: i + 1, location: line.location, item: line.item };
      const ref = byCodes.get(codesKeyOf({ buyerId, locationCode: line.location, itemCode: line.item }));
      if (!ref) {
        result.errors.push({ ...at, segment: 'LIN', reason: noCrossReference(line) });
        return;
      }
      for (const { figure, kind, quantity, occurredAt } of figuresOf(line, report)) {
        const agreed = agreedUnitOf(ref.siteId, ref.itemId, occurredAt);
        result.movements.push({
          eventId: `${key}:${report.controlNumber.trim()}:${i + 1}:${figure}`,
          buyerId,
          siteId: ref.siteId,
          itemId: ref.itemId,
          kind,
          quantity,
          unit: ref.ediUnit !== null && line.unit === ref.ediUnit && agreed ? agreed : line.unit,
          occurredAt,
          source: `edi-${interchange.standard}`,
          orderReference: null,
        });
        result.origins.push({ ...at, figure });
      }
    });
  }
  return result;
}

function figuresOf(
  line: ReportedActivity,
  report: InventoryReport,
): Array<{ figure: Figure; kind: MovementKind; quantity: number; occurredAt: Date }> {
  const withinPeriod = new Date(report.periodEnd.getTime() - 1);
  const figures: Array<{ figure: Figure; kind: MovementKind; quantity: number; occurredAt: Date }> = [];
  if (line.received !== undefined && line.received !== 0)
    figures.push({ figure: 'received', kind: 'RECEIPT', quantity: line.received, occurredAt: withinPeriod });
  if (line.consumed !== undefined && line.consumed !== 0)
    figures.push({ figure: 'consumed', kind: 'CONSUMPTION', quantity: line.consumed, occurredAt: withinPeriod });
  if (line.onHand !== undefined) figures.push({ figure: 'onHand', kind: 'COUNT', quantity: line.onHand, occurredAt: report.periodEnd });
  return figures;
}

/** What an interchange comes to: the movements to produce, the errors to name, the outcome to keep. */
export interface InterchangeDecision {
  /** Fresh movements: produce them. */
  fresh: StockMovement[];
  /** Movements this interchange carried before (sent again): nothing to do. */
  repeats: number;
  errors: InterchangeError[];
  outcome: InterchangeOutcome;
}

/**
 * Settles an interchange: the reader's errors, lines without a cross-reference, movements the
 * projection would refuse (`refused`, by index, with the reason naming the field) and movements
 * whose id was used before with other figures (the sender reused a control number: `claims`, in
 * the order of `mapped.movements` less the refused) are all named; what is left is taken in.
 */
export function decideInterchange(
  interchange: InboundInterchange,
  mapped: InterchangeMovements,
  refused: ReadonlyArray<{ index: number; reason: string }>,
  claims: readonly Claimed[],
): InterchangeDecision {
  const errors: InterchangeError[] = [...interchange.errors.map(fromReader), ...mapped.errors];
  const refusedAt = new Map(refused.map((r) => [r.index, r.reason]));
  const taken = takenIndexes(mapped, refused);
  for (const [index, reason] of refusedAt) errors.push(lineError(mapped.origins[index], reason));
  const fresh: StockMovement[] = [];
  let repeats = 0;
  taken.forEach((index, i) => {
    if (claims[i] === 'fresh') fresh.push(mapped.movements[index]);
    else if (claims[i] === 'repeat') repeats += 1;
    else
      errors.push(
        lineError(
          mapped.origins[index],
          `interchange control number ${interchange.controlNumber} was sent before with other figures for this line`,
        ),
      );
  });
  const took = fresh.length + repeats;
  const outcome: InterchangeOutcome =
    !interchange.accepted || (took === 0 && errors.length > 0) ? 'rejected' : errors.length > 0 ? 'partially-accepted' : 'accepted';
  return { fresh: outcome === 'rejected' ? [] : fresh, repeats, errors, outcome };
}

/** The movements that get past the projection's check, by their index in `mapped.movements`: these are claimed. */
export const takenIndexes = (mapped: InterchangeMovements, refused: ReadonlyArray<{ index: number }>): number[] => {
  const out = new Set(refused.map((r) => r.index));
  return mapped.movements.map((_, i) => i).filter((i) => !out.has(i));
};

const fromReader = (error: EdiError): InterchangeError => ({
  segment: error.segment,
  segmentPosition: error.segmentPosition,
  ...(error.element !== undefined ? { element: error.element } : {}),
  ...(error.component !== undefined ? { component: error.component } : {}),
  ...(error.value !== undefined ? { value: error.value } : {}),
  ...(error.transaction !== undefined ? { transaction: error.transaction } : {}),
  reason: error.reason,
});

const lineError = (origin: MovementOrigin, reason: string): InterchangeError => ({
  transaction: origin.transaction,
  line: origin.line,
  location: origin.location,
  item: origin.item,
  segment: 'LIN',
  reason: `${origin.figure}: ${reason}`,
});
