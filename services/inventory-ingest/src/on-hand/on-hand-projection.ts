import { MAX_STOCK } from '@smi/agreements';
import { StockMovement, roundToStoredPrecision, siteItemKeyOf } from '@smi/contracts';
import { LineInForceOf, describeProblems, movementProblems, movementTermsProblems } from '../stock-movements/stock-movement-rules';

/** What the platform believes is on hand for one buyer site x item. */
export interface OnHand {
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  quantity: number;
  /** Movements applied so far; every accepted movement adds one. */
  sequence: number;
  /** When the last physical count was taken: earlier movements are already inside it. */
  lastCountAt: Date | null;
  asOf: Date;
  lastMovementId: string;
}

export type ProjectionOutcome = { kind: 'applied'; onHand: OnHand } | { kind: 'refused'; field: string; problem: string };

/**
 * Applies one movement to the on-hand of its site x item.
 * - RECEIPT adds, CONSUMPTION subtracts, ADJUSTMENT adds its signed quantity.
 * - COUNT replaces on-hand with what was counted.
 * - A movement that happened before the last count is already reflected in
 *   the count: it is recorded (sequence moves) but leaves the quantity alone.
 * - A movement in another unit than the site x item's is refused, never converted.
 */
export function applyMovement(current: OnHand | undefined, movement: StockMovement): ProjectionOutcome {
  if (current && current.unit !== movement.unit) {
    return {
      kind: 'refused',
      field: 'unit',
      problem: `is ${movement.unit} but ${movement.siteId} x ${movement.itemId} is kept in ${current.unit}`,
    };
  }
  const base: OnHand = current ?? {
    buyerId: movement.buyerId,
    siteId: movement.siteId,
    itemId: movement.itemId,
    unit: movement.unit,
    quantity: 0,
    sequence: 0,
    lastCountAt: null,
    asOf: movement.occurredAt,
    lastMovementId: movement.eventId,
  };
  const alreadyCounted = base.lastCountAt !== null && movement.occurredAt < base.lastCountAt;
  let quantity = base.quantity;
  let lastCountAt = base.lastCountAt;
  if (movement.kind === 'COUNT') {
    if (!alreadyCounted) {
      quantity = movement.quantity;
      lastCountAt = movement.occurredAt;
    }
  } else if (!alreadyCounted) {
    quantity = roundToStoredPrecision(quantity + signedQuantity(movement));
  }
  if (Math.abs(quantity) > MAX_STOCK) {
    return {
      kind: 'refused',
      field: 'quantity',
      problem: `would take on-hand of ${movement.siteId} x ${movement.itemId} to ${quantity}, beyond ${MAX_STOCK.toLocaleString('en-US')} in size`,
    };
  }
  return {
    kind: 'applied',
    onHand: {
      ...base,
      quantity,
      lastCountAt,
      sequence: base.sequence + 1,
      asOf: movement.occurredAt > base.asOf ? movement.occurredAt : base.asOf,
      lastMovementId: movement.eventId,
    },
  };
}

export function signedQuantity(movement: Pick<StockMovement, 'kind' | 'quantity'>): number {
  switch (movement.kind) {
    case 'RECEIPT':
      return movement.quantity;
    case 'CONSUMPTION':
      return -movement.quantity;
    case 'ADJUSTMENT':
      return movement.quantity;
    case 'COUNT':
      return 0;
  }
}

/** The event announcing an on-hand change. Its id derives from the movement's, so it is the same on every replay. */
export function stockLevelOf(onHand: OnHand, movement: StockMovement) {
  return {
    eventId: `${movement.eventId}/stock-level`,
    buyerId: onHand.buyerId,
    siteId: onHand.siteId,
    itemId: onHand.itemId,
    onHand: onHand.quantity,
    unit: onHand.unit,
    sequence: onHand.sequence,
    asOf: movement.occurredAt,
    movementId: movement.eventId,
    movementKind: movement.kind,
    movementQuantity: movement.quantity,
    orderReference: movement.orderReference,
  };
}

export interface MovementsProjected {
  /** The new on-hand of every site x item the batch changed, once each. */
  changed: OnHand[];
  /** One stock level per applied movement, in the order applied; `index` is the movement's place in the batch. */
  stockLevels: Array<{ index: number; level: ReturnType<typeof stockLevelOf> }>;
  /** Movements refused, by their place in the batch, with the reason naming the field. */
  refused: Array<{ index: number; reason: string }>;
}

/** The movements that pass the rules of their own fields: only their site x items are worth loading (a NUL byte in an id never reaches SQL). */
export const projectable = (movements: readonly StockMovement[], now: Date): StockMovement[] =>
  movements.filter((movement) => movementProblems(movement, now).length === 0);

/** The agreements a batch is judged against: the line in force for a movement, and whether one must cover it. */
export interface MovementTerms {
  lineOf: LineInForceOf;
  coverage: 'required' | 'optional';
}

const NO_TERMS: MovementTerms = { lineOf: () => undefined, coverage: 'optional' };

/**
 * Applies a batch of movements to the on-hand of their site x items, each key's movements in
 * their order, as applying them one by one would: the projection's one decision for a batch.
 * `current` holds the on-hand of every key in the batch that has one. The REST API runs it too,
 * on the on-hand as read, before it answers: what it would refuse is refused there, at once.
 */
export function projectMovements(
  current: ReadonlyMap<string, OnHand>,
  movements: readonly StockMovement[],
  now: Date,
  terms: MovementTerms = NO_TERMS,
): MovementsProjected {
  const onHand = new Map(current);
  const changed = new Set<string>();
  const result: MovementsProjected = { changed: [], stockLevels: [], refused: [] };
  movements.forEach((movement, index) => {
    const problems = movementProblems(movement, now);
    if (problems.length === 0) problems.push(...movementTermsProblems(movement, terms.lineOf(movement), terms.coverage));
    if (problems.length > 0) {
      result.refused.push({ index, reason: describeProblems(problems) });
      return;
    }
    const key = siteItemKeyOf(movement);
    const outcome = applyMovement(onHand.get(key), movement);
    if (outcome.kind === 'refused') {
      result.refused.push({ index, reason: `${outcome.field} ${outcome.problem}` });
      return;
    }
    onHand.set(key, outcome.onHand);
    changed.add(key);
    result.stockLevels.push({ index, level: stockLevelOf(outcome.onHand, movement) });
  });
  result.changed = [...changed].map((key) => onHand.get(key)!);
  return result;
}
