import { lineDaysFromLevels } from './line-days';
import { periodOf } from './period';
import { workedLevels } from './service-levels.fixtures';

const march = periodOf('2026-03');
const history = { from: '2026-02-01', openingOnHand: 300, levels: workedLevels() };

describe('line days from a site x item’s stock levels', () => {
  const days = lineDaysFromLevels(history, march);
  const on = (day: string) => days.find((d) => d.day === day)!;

  it('gives every day of the period, carrying on-hand over days without movements', () => {
    expect(days.map((d) => d.day)).toHaveLength(31);
    expect(on('2026-03-01')).toMatchObject({
      closingOnHand: 10,
      lowestOnHand: 10,
      hoursStockedOut: 0,
      demand: 10,
      metFromStock: 10,
      issued: 10,
    });
    expect(on('2026-03-31')).toMatchObject({ closingOnHand: 95, lowestOnHand: 95, demand: 0, metFromStock: 0, stockLevelEventIds: [] });
  });

  it('estimates the demand lost while stocked out from the in-stock days of the 28 days before', () => {
    // Stockout 1 begins Mar 2 12:00. The 28 days before (Feb 2..Mar 1) were all in stock at 10 a day: 10 a day lost.
    // Mar 2: consumed 10 from 10 (none unmet), then 12 h out: lost 10 x 12/24 = 5. Demand 15, met 10.
    expect(on('2026-03-02')).toMatchObject({
      closingOnHand: 0,
      lowestOnHand: 0,
      hoursStockedOut: 12,
      demand: 15,
      metFromStock: 10,
      issued: 10,
    });
    expect(on('2026-03-02').stockoutsBegun).toEqual([{ at: new Date('2026-03-02T12:00:00Z'), stockLevelEventId: 'lvl-30', onHand: 0 }]);
    // Mar 3: a whole day out, nothing booked: lost 10 x 24/24 = 10.
    expect(on('2026-03-03')).toMatchObject({
      closingOnHand: 0,
      lowestOnHand: 0,
      hoursStockedOut: 24,
      demand: 10,
      metFromStock: 0,
      issued: 0,
    });
    // Mar 4: out until the receipt at 18:00, lost 10 x 18/24 = 7.5; then 10 consumed from stock. Demand 17.5, met 10.
    expect(on('2026-03-04')).toMatchObject({
      closingOnHand: 40,
      lowestOnHand: 0,
      hoursStockedOut: 18,
      demand: 17.5,
      metFromStock: 10,
      issued: 10,
    });
    expect(on('2026-03-04').stockoutsEnded).toEqual([{ at: new Date('2026-03-04T18:00:00Z'), stockLevelEventId: 'lvl-31', onHand: 50 }]);
    expect(on('2026-03-04').stockLevelEventIds).toEqual(['lvl-32', 'lvl-31']);
  });

  it('counts the part of a consumption taking on-hand below zero as unmet, and skips stocked-out days in the history', () => {
    // Mar 5 08:00: 45 consumed from 40: 5 unmet, on-hand -5; a stockout begins.
    // Its 28 days before (Feb 5..Mar 4): Mar 2, 3, 4 were stockout days; the 25 in-stock days consumed
    // 24 x 10 (Feb 5..28) + 10 (Mar 1) = 250: mean 10 a day. Out 08:00-14:00: lost 10 x 6/24 = 2.5.
    // Demand 45 + 2.5 = 47.5, met 45 - 5 = 40.
    expect(on('2026-03-05')).toMatchObject({
      closingOnHand: 95,
      lowestOnHand: -5,
      hoursStockedOut: 6,
      demand: 47.5,
      metFromStock: 40,
      issued: 45,
    });
  });

  it('measures the current period up to a business moment', () => {
    const soFar = lineDaysFromLevels(history, march, new Date('2026-03-03T06:00:00Z'));
    expect(soFar.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    // Mar 3 measured to 06:00: 6 h out, lost 10 x 6/24 = 2.5.
    expect(soFar[2]).toMatchObject({ hoursStockedOut: 6, demand: 2.5 });
  });

  it('gives the same days whatever order the levels come in, applying them in sequence order', () => {
    const reversed = { ...history, levels: [...history.levels].reverse() };
    expect(lineDaysFromLevels(reversed, march)).toEqual(days);
  });

  it('lets a level reported late (earlier asOf, later sequence) take effect when it was applied', () => {
    const levels = [
      {
        eventId: 'a',
        sequence: 1,
        asOf: new Date('2026-03-01T10:00:00Z'),
        onHand: 5,
        movementKind: 'CONSUMPTION' as const,
        movementQuantity: 5,
      },
      {
        eventId: 'b',
        sequence: 2,
        asOf: new Date('2026-03-01T04:00:00Z'),
        onHand: 0,
        movementKind: 'CONSUMPTION' as const,
        movementQuantity: 5,
      },
    ];
    const [day] = lineDaysFromLevels({ from: '2026-03-01', openingOnHand: 10, levels }, periodOf('2026-03-01'));
    // 'b' counts from 10:00, not 04:00: 14 h at zero.
    expect(day).toMatchObject({ closingOnHand: 0, lowestOnHand: 0, hoursStockedOut: 14 });
    expect(day.stockoutsBegun[0].at).toEqual(new Date('2026-03-01T10:00:00Z'));
  });

  it('takes a stockout running before the history as begun before it: no estimate of lost demand', () => {
    const [day] = lineDaysFromLevels({ from: '2026-03-01', openingOnHand: 0, levels: [] }, periodOf('2026-03-01'));
    expect(day).toMatchObject({ lowestOnHand: 0, hoursStockedOut: 24, demand: 0, stockoutsBegun: [], stockoutsEnded: [] });
  });
});
