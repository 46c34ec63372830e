import { StockLevel } from '@smi/contracts';

/** The on-hand replenishment last applied for one buyer site x item under an agreement. */
export interface StockPosition {
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  onHand: number;
  /** Sequence of the stock level applied last. */
  sequence: number;
  asOf: Date;
  lastLevelEventId: string;
  /** When a periodic policy last reviewed this line, so it reviews once per review moment. */
  lastReviewAt?: Date;
}

export type LevelOutcome =
  | { kind: 'applied'; position: StockPosition }
  /** Older than or the same as what was applied: the position stays as it is. */
  | { kind: 'stale'; position: StockPosition }
  | { kind: 'refused'; field: string; problem: string };

/**
 * Applies a stock level to the position it replaces.
 * - Levels carry a per-key sequence; one at or below the last applied is stale
 *   (out of order or replayed) and must not take on-hand back in time.
 * - A level in another unit than the agreement line's is refused, never converted.
 */
export function applyLevel(current: StockPosition | undefined, level: StockLevel, agreedUnit: string): LevelOutcome {
  if (level.unit !== agreedUnit) {
    return {
      kind: 'refused',
      field: 'unit',
      problem: `is ${level.unit} but the agreement for ${level.siteId} x ${level.itemId} is in ${agreedUnit}`,
    };
  }
  if (!Number.isFinite(level.onHand)) return { kind: 'refused', field: 'onHand', problem: `must be a finite number (got ${level.onHand})` };
  if (current && level.sequence <= current.sequence) return { kind: 'stale', position: current };
  return {
    kind: 'applied',
    position: {
      buyerId: level.buyerId,
      siteId: level.siteId,
      itemId: level.itemId,
      unit: level.unit,
      onHand: level.onHand,
      sequence: level.sequence,
      asOf: level.asOf,
      lastLevelEventId: level.eventId,
      ...(current?.lastReviewAt && { lastReviewAt: current.lastReviewAt }),
    },
  };
}

/** The key of one buyer site x item, as a batch decision indexes its state. */
export const siteItemKeyOf = (v: { buyerId: string; siteId: string; itemId: string }): string => `${v.buyerId}|${v.siteId}|${v.itemId}`;
