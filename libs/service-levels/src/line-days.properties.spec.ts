import fc from 'fast-check';
import { lineKpis } from './kpis/line-kpis';
import { lineDaysFromLevels } from './line-days';
import { penaltiesFor } from './penalties/penalties';
import { periodOf } from './period';
import type { LevelFact } from './service-level-facts';
import { ratesOnWorked, workedDeliveries } from './service-levels.fixtures';

// Several site x item keys' stock levels, as inventory-ingest publishes them: per key a sequence
// +1 per movement, asOf mostly rising (sometimes a movement reported late with an earlier time).
const START = Date.parse('2026-02-01T00:00:00Z');
const HOUR = 3_600_000;
const KEYS = ['plant-turin|coolant', 'plant-turin|filter', 'plant-lyon|coolant'];

interface Movement {
  kind: LevelFact['movementKind'];
  quantity: number;
  hoursLater: number;
}

const movement: fc.Arbitrary<Movement> = fc.record({
  kind: fc.constantFrom('CONSUMPTION', 'CONSUMPTION', 'CONSUMPTION', 'RECEIPT', 'ADJUSTMENT', 'COUNT' as const),
  quantity: fc.integer({ min: 0, max: 60_000 }).map((q) => q / 1000),
  hoursLater: fc.integer({ min: -5, max: 40 }),
});

const keyLevels = (key: string, opening: number, moves: Movement[]): LevelFact[] => {
  let onHand = opening;
  let at = START;
  return moves.map((move, i) => {
    at += move.hoursLater * HOUR;
    const quantity = move.kind === 'ADJUSTMENT' ? move.quantity - 30 : move.quantity;
    onHand = move.kind === 'COUNT' ? quantity : Math.round((onHand + (move.kind === 'CONSUMPTION' ? -quantity : quantity)) * 1e6) / 1e6;
    return {
      eventId: `${key}/${i + 1}`,
      sequence: i + 1,
      asOf: new Date(Math.max(START, at)),
      onHand,
      movementKind: move.kind,
      movementQuantity: quantity,
    };
  });
};

const history = fc
  .tuple(
    ...KEYS.map((key) =>
      fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.array(movement, { maxLength: 80 }))
        .map(([opening, moves]) => ({ key, opening, levels: keyLevels(key, opening, moves) })),
    ),
  )
  .chain((keys) =>
    // The merge order Kafka may deliver them in: any interleaving keeping each key's order.
    fc
      .array(fc.nat(), {
        minLength: keys.reduce((n, k) => n + k.levels.length, 0),
        maxLength: keys.reduce((n, k) => n + k.levels.length, 0),
      })
      .map((picks) => {
        const left = keys.map((k) => [...k.levels]);
        const merged: { key: string; level: LevelFact }[] = [];
        for (const pick of picks) {
          const open = left.map((levels, i) => ({ levels, i })).filter(({ levels }) => levels.length > 0);
          const { levels, i } = open[pick % open.length];
          merged.push({ key: keys[i].key, level: levels.shift()! });
        }
        return { keys, merged };
      }),
  );

const march = periodOf('2026-03');

const measured = (key: string, opening: number, levels: LevelFact[]) => {
  const days = lineDaysFromLevels({ from: '2026-02-01', openingOnHand: opening, levels }, march);
  return {
    days,
    kpis: lineKpis({ period: march, days, deliveries: workedDeliveries(), band: { minimum: 20, maximum: 80 } }),
    penalties: penaltiesFor({ period: '2026-03', days, deliveries: workedDeliveries(), ratesOn: ratesOnWorked }),
    key,
  };
};

describe('line days, KPIs and penalties from any order Kafka allows', () => {
  it('equal those from the levels in sequence order', () => {
    fc.assert(
      fc.property(history, ({ keys, merged }) => {
        const sorted = (levels: LevelFact[]) => [...levels].sort((a, b) => a.sequence - b.sequence);
        for (const { key, opening, levels } of keys) {
          const delivered = merged.filter((m) => m.key === key).map((m) => m.level);
          expect(measured(key, opening, delivered)).toEqual(measured(key, opening, sorted(levels)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('equal those from sequence order even when a key’s levels come back in any order (read from a table, say)', () => {
    fc.assert(
      fc.property(
        history.chain(({ keys }) =>
          fc.shuffledSubarray(keys[0].levels, { minLength: keys[0].levels.length }).map((shuffled) => ({ first: keys[0], shuffled })),
        ),
        ({ first, shuffled }) => {
          expect(measured(first.key, first.opening, shuffled)).toEqual(measured(first.key, first.opening, first.levels));
        },
      ),
      { numRuns: 100 },
    );
  });
});
