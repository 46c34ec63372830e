import fc from 'fast-check';
import { dayNumberOfText } from '../consumption-history/calendar-days';
import { dayKeyOf, mergeBackfill, sentSeriesOf, spreadOver, type BackfilledDay, type KeptDay } from './backfilled-history';
import { historyRowOf } from './history-file-rows';

const today = dayNumberOfText('2026-03-12');
const key = { buyerId: 'acme', siteId: 'lyon', itemId: 'pad' };

describe('backfill rules on any input', () => {
  it('judge any JSON body without throwing: either series or problems naming a field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (body) => {
        const outcome = sentSeriesOf(body, today);
        if ('problems' in outcome) expect(outcome.problems.length).toBeGreaterThan(0);
        else expect(outcome.series.length).toBeGreaterThan(0);
      }),
    );
  });

  it('judge any CSV row without throwing', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('', '1', '7', '2026-03-02', '12.5', 'true', 'EA'));
    const record = fc.record({
      siteId: cell,
      itemId: cell,
      unit: cell,
      periodStart: cell,
      periodDays: cell,
      quantity: cell,
      stockout: cell,
    });
    fc.assert(
      fc.property(record, (r) => {
        const outcome = historyRowOf(r, 2, today);
        if ('rejections' in outcome) for (const rejection of outcome.rejections) expect(r).toHaveProperty(rejection.column);
        else expect(outcome.series.periods).toHaveLength(1);
      }),
    );
  });

  it('spread any quantity over a week so the days add up to it at the stored precision', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (quantity) => {
        const days = spreadOver(quantity, 7);
        expect(days.every((d) => d >= 0)).toBe(true);
        expect(Math.abs(days.reduce((a, b) => a + b, 0) - quantity)).toBeLessThan(1e-5);
      }),
    );
  });

  it('merge any history so that sending it again writes nothing, and never write over a live day', () => {
    const day = fc.record({
      day: fc.integer({ min: 0, max: 30 }),
      quantity: fc.double({ min: 0, max: 1e6, noNaN: true }),
      stockedOut: fc.boolean(),
    });
    const keptDay = fc.record({
      quantity: fc.double({ min: 0, max: 1e6, noNaN: true }),
      backfilled: fc.boolean(),
      stockedOut: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(day, { selector: (d) => d.day }),
        fc.dictionary(fc.integer({ min: 0, max: 30 }).map(String), keptDay),
        (days, table) => {
          const sent: BackfilledDay[] = days.map((d) => ({ key, unit: 'EA', ...d }));
          const kept = new Map<string, KeptDay>(Object.entries(table).map(([d, k]) => [dayKeyOf(key, Number(d)), k]));
          const first = mergeBackfill(kept, sent);
          for (const written of first.writes) expect(kept.get(dayKeyOf(key, written.day))?.backfilled ?? true).toBe(true);
          const after = new Map(kept);
          for (const w of first.writes)
            after.set(dayKeyOf(key, w.day), { quantity: w.quantity, backfilled: true, stockedOut: w.stockedOut });
          const again = mergeBackfill(after, sent);
          expect(again.writes).toEqual([]);
          expect(again.changed).toEqual([]);
          expect(again.unchanged + again.liveKept).toBe(sent.length);
        },
      ),
    );
  });
});
