import { type AgreementLineInForce, CountedSiteItem, lineTermsProblems, MAX_QUANTITY, TextKind, textProblem } from '@smi/agreements';
import { MovementKindValues, StockMovement } from '@smi/contracts';

/** A reason a stock movement cannot be accepted, naming the field. */
export interface MovementProblem {
  field: string;
  problem: string;
}

const TEXTS: ReadonlyArray<[keyof StockMovement, TextKind]> = [
  ['eventId', 'id'],
  ['buyerId', 'id'],
  ['siteId', 'id'],
  ['itemId', 'id'],
  ['unit', 'unit'],
  ['source', 'id'],
];
/** Clocks drift; a movement a little ahead of ours is fine, one a day ahead is a mistake. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * The rules a movement must meet before it may touch the on-hand projection.
 * Pure: the same rules judge a REST body and a Kafka record.
 */
export function movementProblems(movement: Partial<Record<keyof StockMovement, unknown>>, now: Date): MovementProblem[] {
  const problems: MovementProblem[] = [];
  for (const [field, kind] of TEXTS) {
    const problem = textProblem(movement[field], kind);
    if (problem) problems.push({ field, problem });
  }
  const kind = movement.kind;
  if (typeof kind !== 'string' || !(MovementKindValues as readonly string[]).includes(kind)) {
    problems.push({ field: 'kind', problem: `must be one of ${MovementKindValues.join(', ')}` });
  }
  const quantity = movement.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
    problems.push({ field: 'quantity', problem: 'must be a finite number' });
  } else if (Math.abs(quantity) > MAX_QUANTITY) {
    problems.push({ field: 'quantity', problem: `must be at most ${MAX_QUANTITY.toLocaleString('en-US')} in size (got ${quantity})` });
  } else if ((kind === 'RECEIPT' || kind === 'CONSUMPTION') && quantity <= 0) {
    problems.push({ field: 'quantity', problem: `must be greater than 0 for a ${kind} (got ${quantity})` });
  } else if (kind === 'ADJUSTMENT' && quantity === 0) {
    problems.push({ field: 'quantity', problem: 'must not be 0 for an ADJUSTMENT' });
  } else if (kind === 'COUNT' && quantity < 0) {
    problems.push({ field: 'quantity', problem: `must be 0 or more for a COUNT (got ${quantity})` });
  }
  const occurredAt = movement.occurredAt;
  if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime())) {
    problems.push({ field: 'occurredAt', problem: 'must be a date-time' });
  } else if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ field: 'occurredAt', problem: `is more than a day in the future (${occurredAt.toISOString()})` });
  }
  const reference = movement.orderReference;
  if (reference !== undefined && reference !== null) {
    const problem = typeof reference === 'string' ? textProblem(reference, 'id') : 'must be a string or null';
    if (problem) problems.push({ field: 'orderReference', problem });
  }
  return problems;
}

/** The rules the agreement line in force at the movement's occurredAt sets (lineTermsProblems). */
export const movementTermsProblems = (
  movement: CountedSiteItem,
  inForce: AgreementLineInForce | undefined,
  coverage: 'required' | 'optional',
): MovementProblem[] => lineTermsProblems(movement, inForce, coverage, 'at occurredAt');

/** Which agreement line governs a movement, if any: the AgreementBook's lineFor at occurredAt. */
export type LineInForceOf = (movement: StockMovement) => AgreementLineInForce | undefined;

export const describeProblems = (problems: MovementProblem[]): string => problems.map((p) => `${p.field} ${p.problem}`).join('; ');
