import { StockLevel, siteItemKeyOf } from '@smi/contracts';
import { dayNumberOfText } from './calendar-days';
import { LevelsRecorded, recordLevels, SeriesState } from './levels-recorded';

const sequences = new Map<string, number>();
const level = (
  itemId: string,
  kind: StockLevel['movementKind'],
  quantity: number,
  onHand: number,
  at: string,
  overrides: Partial<StockLevel> = {},
): StockLevel => {
  const sequence = (sequences.get(itemId) ?? 0) + 1;
  sequences.set(itemId, sequence);
  return {
    eventId: `${itemId}-${sequence}/stock-level`,
    buyerId: 'acme',
    siteId: 'plant-1',
    itemId,
    onHand,
    unit: 'EA',
    sequence,
    asOf: new Date(at),
    movementId: `${itemId}-${sequence}`,
    movementKind: kind,
    movementQuantity: quantity,
    orderReference: null,
    ...overrides,
  };
};

/** Records the levels in batches of `size`, carrying the state and merging days as the database would. */
function inBatches(levels: StockLevel[], size: number) {
  let state = new Map<string, SeriesState>();
  const stock = new Map<string, { lowest: number; closing: number; sequence: number }>();
  const consumed = new Map<string, number>();
  const refused: string[] = [];
  for (let start = 0; start < levels.length; start += size) {
    const batch = levels.slice(start, start + size);
    const recorded: LevelsRecorded = recordLevels(state, batch);
    state = new Map([...state, ...recorded.series.map(({ key, ...s }) => [siteItemKeyOf(key), s] as const)]);
    for (const d of recorded.stockDays) {
      const k = `${siteItemKeyOf(d.key)}|${d.day}`;
      const had = stock.get(k);
      stock.set(k, {
        lowest: Math.min(had?.lowest ?? d.lowestOnHand, d.lowestOnHand),
        closing: had && had.sequence > d.closingSequence ? had.closing : d.closingOnHand,
        sequence: Math.max(had?.sequence ?? 0, d.closingSequence),
      });
    }
    for (const c of recorded.consumption)
      consumed.set(`${siteItemKeyOf(c.key)}|${c.day}`, (consumed.get(`${siteItemKeyOf(c.key)}|${c.day}`) ?? 0) + c.quantity);
    refused.push(...recorded.refused.map((r) => `${batch[r.index].eventId}: ${r.reason}`));
  }
  return { state, stock, consumed, refused };
}

describe('recording stock levels in the consumption history', () => {
  it('keeps each day lowest and closing on-hand, and adds consumption to its UTC day', () => {
    const levels = [
      level('bolt', 'RECEIPT', 10, 10, '2026-03-01T08:00:00Z'),
      level('bolt', 'CONSUMPTION', 7, 3, '2026-03-01T09:00:00Z'),
      level('bolt', 'CONSUMPTION', 3, 0, '2026-03-01T23:30:00Z'),
      level('bolt', 'RECEIPT', 5, 5, '2026-03-01T23:45:00Z'),
    ];
    const recorded = recordLevels(new Map(), levels);
    const day = dayNumberOfText('2026-03-01');
    expect(recorded.stockDays).toEqual([
      { key: { buyerId: 'acme', siteId: 'plant-1', itemId: 'bolt' }, day, lowestOnHand: 0, closingOnHand: 5, closingSequence: 4 },
    ]);
    expect(recorded.consumption).toEqual([{ key: { buyerId: 'acme', siteId: 'plant-1', itemId: 'bolt' }, day, unit: 'EA', quantity: 10 }]);
    expect(recorded.consumed.map((c) => c.index)).toEqual([1, 2]);
    expect(recorded.series).toEqual([{ key: { buyerId: 'acme', siteId: 'plant-1', itemId: 'bolt' }, unit: 'EA', lastSequence: 4 }]);
  });

  it('changes nothing for a level at or below the last sequence applied (a redelivery)', () => {
    const first = level('nut', 'CONSUMPTION', 2, 8, '2026-03-02T10:00:00Z');
    const again = recordLevels(new Map([[siteItemKeyOf(first), { unit: 'EA', lastSequence: first.sequence }]]), [first]);
    expect(again).toEqual({ series: [], stockDays: [], consumption: [], consumed: [], refused: [] });
  });

  it('refuses a consumption in another unit than the history is kept in, and one with no date, by their place in the batch', () => {
    const kept = level('pin', 'CONSUMPTION', 1, 9, '2026-03-03T10:00:00Z');
    const kilograms = level('pin', 'CONSUMPTION', 1, 8, '2026-03-03T11:00:00Z', { unit: 'KG' });
    const undated = level('pin', 'RECEIPT', 1, 9, '2026-03-03T12:00:00Z', { asOf: new Date(Number.NaN) });
    const recorded = recordLevels(new Map(), [kept, kilograms, undated]);
    expect(recorded.refused).toEqual([
      { index: 1, reason: 'unit is KG but consumption of plant-1 x pin is kept in EA' },
      { index: 2, reason: 'asOf must be a date-time' },
    ]);
    expect(recorded.consumption.map((c) => c.quantity)).toEqual([1]);
  });

  it('records the same history whatever the batches, redeliveries included', () => {
    const items = ['a', 'b', 'c'];
    const kinds: StockLevel['movementKind'][] = ['CONSUMPTION', 'RECEIPT', 'CONSUMPTION', 'ADJUSTMENT', 'COUNT'];
    const stream: StockLevel[] = [];
    for (let i = 0; i < 240; i++) {
      const day = String(1 + Math.floor(i / 20)).padStart(2, '0');
      stream.push(
        level(items[i % 3], kinds[(i * 7) % 5], (i % 4) + 1, 20 - (i % 23), `2026-04-${day}T${String(i % 24).padStart(2, '0')}:00:00Z`),
      );
      if (i % 17 === 0) stream.push(stream[Math.floor(i / 2)]); // an earlier level delivered again
    }
    const expected = inBatches(stream, 1);
    for (const size of [7, 50, 500]) expect(inBatches(stream, size)).toEqual(expected);
  });
});
