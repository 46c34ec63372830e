import { StockLevel } from '@smi/contracts';

/** What the monitor remembers per buyer site x item: how far it has read and whether the shelf is empty now. */
export interface StockoutWatch {
  buyerId: string;
  siteId: string;
  itemId: string;
  lastSequence: number;
  stockedOut: boolean;
  lastLevelEventId: string;
}

export type Observation = { kind: 'stale'; lastSequence: number } | { kind: 'applied'; watch: StockoutWatch; stockoutBegan: boolean };

type LevelSeen = Pick<StockLevel, 'eventId' | 'buyerId' | 'siteId' | 'itemId' | 'sequence' | 'onHand'>;

/**
 * Applies one stock level to the watch of its site x item.
 * - A level whose sequence is not above the last applied one is older news: ignored.
 * - A stockout begins when on-hand is 0 or below and the site x item was not
 *   already stocked out, so a run of empty levels is one stockout; a level
 *   above 0 ends it.
 */
export function observeLevel(watch: StockoutWatch | undefined, level: LevelSeen): Observation {
  if (watch && level.sequence <= watch.lastSequence) return { kind: 'stale', lastSequence: watch.lastSequence };
  const empty = level.onHand <= 0;
  const wasStockedOut = watch?.stockedOut ?? false;
  return {
    kind: 'applied',
    stockoutBegan: empty && !wasStockedOut,
    watch: {
      buyerId: level.buyerId,
      siteId: level.siteId,
      itemId: level.itemId,
      lastSequence: level.sequence,
      stockedOut: empty,
      lastLevelEventId: level.eventId,
    },
  };
}

/** Rules a stock level must meet before it can be watched, each naming the field. */
export function levelProblems(level: StockLevel): string[] {
  const problems: string[] = [];
  for (const field of ['eventId', 'buyerId', 'siteId', 'itemId'] as const) {
    if (typeof level[field] !== 'string' || level[field].trim().length === 0) problems.push(`${field} must be a non-empty string`);
  }
  if (!Number.isInteger(level.sequence) || level.sequence < 1)
    problems.push(`sequence must be a whole number >= 1 (got ${level.sequence})`);
  if (!Number.isFinite(level.onHand)) problems.push(`onHand must be a finite number (got ${level.onHand})`);
  if (!(level.asOf instanceof Date) || Number.isNaN(level.asOf.getTime())) problems.push('asOf must be a date-time');
  return problems;
}
