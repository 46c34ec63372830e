import { MovementKindValues, StockMovement } from '@smi/contracts';

/** A reason a stock movement cannot be accepted, naming the field. */
export interface MovementProblem {
  field: string;
  problem: string;
}

const MAX_ID_LENGTH = 200;
/** Clocks drift; a movement a little ahead of ours is fine, one a day ahead is a mistake. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * The rules a movement must meet before it may touch the on-hand projection.
 * Pure: the same rules judge a REST body and a Kafka record.
 */
export function movementProblems(movement: Partial<Record<keyof StockMovement, unknown>>, now: Date): MovementProblem[] {
  const problems: MovementProblem[] = [];
  for (const field of ['eventId', 'buyerId', 'siteId', 'itemId', 'unit', 'source'] as const) {
    const value = movement[field];
    if (typeof value !== 'string' || value.trim().length === 0)
      problems.push({ field, problem: 'is required and must be a non-empty string' });
    else if (value.length > MAX_ID_LENGTH) problems.push({ field, problem: `must be at most ${MAX_ID_LENGTH} characters` });
  }
  const kind = movement.kind;
  if (typeof kind !== 'string' || !(MovementKindValues as readonly string[]).includes(kind)) {
    problems.push({ field: 'kind', problem: `must be one of ${MovementKindValues.join(', ')}` });
  }
  const quantity = movement.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
    problems.push({ field: 'quantity', problem: 'must be a finite number' });
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
  if (reference !== undefined && reference !== null && typeof reference !== 'string') {
    problems.push({ field: 'orderReference', problem: 'must be a string or null' });
  }
  return problems;
}

export const describeProblems = (problems: MovementProblem[]): string => problems.map((p) => `${p.field} ${p.problem}`).join('; ');
