import { MAX_ALLOWED_STOCKOUTS_PER_MONTH, MAX_AMOUNT, MAX_DAYS, MAX_QUANTITY, MAX_STOCK, rangeProblem, textProblem } from './bounds';

/** A number a record carries and its range; `optional` lets null pass. */
interface NumberRule {
  field: string;
  min: number;
  max: number;
  whole?: boolean;
  optional?: boolean;
}

interface RecordRules {
  ids: string[];
  numbers: NumberRule[];
  /** A rule that depends on more than one field: the problem, or undefined. */
  also?: (record: Record<string, unknown>) => string | undefined;
}

/** Stockouts one record may count: every day of a month, a hundred times over, still far under the int Avro holds. */
const MAX_STOCKOUTS = 100 * MAX_ALLOWED_STOCKOUTS_PER_MONTH;

/**
 * What each consumed internal event must hold, by its contract: the ids a service stores or keys
 * by, and the numbers' ranges (bounds.ts). The services write these events within the bounds; a
 * record outside them came from elsewhere or from a fault, and applied it would be lost in
 * Postgres or steer the plan, so it is refused with its reason.
 */
const RULES: Record<string, RecordRules> = {
  'smi.stock-levels.v1': {
    ids: ['eventId', 'buyerId', 'siteId', 'itemId', 'unit', 'movementId'],
    numbers: [
      { field: 'onHand', min: -MAX_STOCK, max: MAX_STOCK },
      { field: 'movementQuantity', min: -MAX_QUANTITY, max: MAX_QUANTITY },
      { field: 'sequence', min: 1, max: Number.MAX_SAFE_INTEGER, whole: true },
    ],
    also: ({ movementKind, movementQuantity }) =>
      movementKind === 'RECEIPT' && typeof movementQuantity === 'number' && !(movementQuantity > 0)
        ? `movementQuantity must be greater than 0 for a RECEIPT (got ${movementQuantity})`
        : undefined,
  },
  'smi.demand-forecasts.v1': {
    ids: ['eventId', 'buyerId', 'siteId', 'itemId', 'unit'],
    numbers: [
      { field: 'demandPerPeriod', min: 0, max: MAX_QUANTITY },
      { field: 'standardDeviationPerPeriod', min: 0, max: MAX_QUANTITY },
      { field: 'periodDays', min: 1, max: MAX_DAYS, whole: true },
    ],
  },
  'smi.replenishment-orders.v1': {
    ids: ['eventId', 'orderId', 'agreementId', 'buyerId', 'supplierId', 'siteId', 'itemId', 'unit'],
    numbers: [
      { field: 'quantity', min: 0, max: MAX_QUANTITY },
      { field: 'onHand', min: -MAX_STOCK, max: MAX_STOCK },
      { field: 'onOrder', min: 0, max: MAX_STOCK },
    ],
  },
  'smi.shipments.v1': {
    ids: ['eventId', 'shipmentId', 'orderId', 'agreementId', 'buyerId', 'supplierId', 'siteId', 'itemId', 'unit'],
    numbers: [
      { field: 'quantity', min: 0, max: MAX_QUANTITY },
      { field: 'receivedQuantity', min: 0, max: MAX_QUANTITY, optional: true },
    ],
  },
  'smi.sla-breaches.v1': {
    ids: ['eventId', 'agreementId', 'buyerId', 'supplierId', 'siteId', 'itemId'],
    numbers: [
      // A PENALTY event carries the agreement's penalty per stockout, a STOCKOUT event 0.
      { field: 'penaltyAmount', min: 0, max: MAX_AMOUNT },
      { field: 'stockoutsInPeriod', min: 0, max: MAX_STOCKOUTS, whole: true },
      { field: 'allowedStockoutsPerPeriod', min: 0, max: MAX_ALLOWED_STOCKOUTS_PER_MONTH, whole: true },
    ],
  },
};

/**
 * What is wrong with a decoded record of this contract (one line per field), empty when it is within
 * the bounds or when the contract has no rules here (movements and buyer forecasts are checked by
 * their own rules, against the agreement).
 */
export function consumedRecordProblems(contractName: string, record: unknown): string[] {
  const rules = RULES[contractName];
  if (!rules || typeof record !== 'object' || record === null) return [];
  const fields = record as Record<string, unknown>;
  const problems: string[] = [];
  for (const id of rules.ids) {
    const problem = textProblem(fields[id], id === 'unit' ? 'unit' : 'id');
    if (problem) problems.push(`${id} ${problem}`);
  }
  for (const { field, min, max, whole, optional } of rules.numbers) {
    if (optional && fields[field] === null) continue;
    const problem = rangeProblem(fields[field], min, max, whole);
    if (problem) problems.push(`${field} ${problem}`);
  }
  const also = rules.also?.(fields);
  if (also) problems.push(also);
  return problems;
}
