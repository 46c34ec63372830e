import { lineDaysFromLevels } from '../line-days';
import { periodOf } from '../period';
import type { LineDay } from '../service-level-facts';
import { workedDeliveries, workedLevels } from '../service-levels.fixtures';
import { fillRate } from './fill-rate';
import { inventoryTurnover } from './inventory-turnover';
import { leadTimeAdherence } from './lead-time-adherence';
import { agreementKpis, lineKpis } from './line-kpis';
import { timeInBand } from './min-max-band';
import { onTimeDelivery } from './on-time-delivery';
import { orderAccuracy } from './order-accuracy';
import { stockoutRate } from './stockout-rate';

const march = periodOf('2026-03');
// The worked month of service-levels.fixtures: stockouts Mar 2 12:00 - Mar 4 18:00 and Mar 5 08:00-14:00.
const days = lineDaysFromLevels({ from: '2026-02-01', openingOnHand: 300, levels: workedLevels() }, march);

describe('line KPIs, worked by hand', () => {
  it('stockout rate: stockout days over days, and each stockout with its hours', () => {
    // Stockout days Mar 2, 3, 4, 5: 4 of 31. Hours 12 + 24 + 18 + 6 = 60.
    expect(stockoutRate(days)).toEqual({
      days: 31,
      stockoutDays: 4,
      rate: 4 / 31,
      hoursStockedOut: 60,
      stockoutsBegun: 2,
      episodes: [
        // Mar 2 12:00 to Mar 4 18:00: 12 + 24 + 18 = 54 h.
        { beganAt: new Date('2026-03-02T12:00:00Z'), beganBy: 'lvl-30', endedAt: new Date('2026-03-04T18:00:00Z'), hours: 54 },
        { beganAt: new Date('2026-03-05T08:00:00Z'), beganBy: 'lvl-33', endedAt: new Date('2026-03-05T14:00:00Z'), hours: 6 },
      ],
    });
  });

  it('stockout rate: a stockout running before the days measured, and one still running after them', () => {
    // Mar 3 and 4 only: the first stockout runs in (24 h on Mar 3 + 18 h on Mar 4 = 42 h).
    expect(stockoutRate(days.filter((d) => d.day === '2026-03-03' || d.day === '2026-03-04')).episodes).toEqual([
      { beganAt: null, beganBy: null, endedAt: new Date('2026-03-04T18:00:00Z'), hours: 42 },
    ]);
    // Mar 2 and 3 only: it runs on past them (12 + 24 = 36 h).
    expect(stockoutRate(days.filter((d) => d.day === '2026-03-02' || d.day === '2026-03-03')).episodes).toEqual([
      { beganAt: new Date('2026-03-02T12:00:00Z'), beganBy: 'lvl-30', endedAt: null, hours: 36 },
    ]);
  });

  it('fill rate: met over demand, null without demand', () => {
    // Demand 10 + 15 + 10 + 17.5 + 47.5 = 100; met 10 + 10 + 0 + 10 + 40 = 70.
    expect(fillRate(days)).toEqual({ demand: 100, metFromStock: 70, unmet: 30, rate: 0.7 });
    expect(fillRate(days.filter((d) => d.day > '2026-03-05')).rate).toBeNull();
  });

  it('time inside the min/max band: share of days closing within [minimum, maximum]', () => {
    // Closing 10 (Mar 1), 0, 0, 40 (Mar 4), then 95 for 27 days: inside [20, 100] on Mar 4 and Mar 5..31 = 28 of 31.
    expect(timeInBand(days, { minimum: 20, maximum: 100 })).toEqual({ days: 31, daysInBand: 28, share: 28 / 31 });
    // Both ends count as inside: 95 is inside [40, 95].
    expect(timeInBand(days, { minimum: 40, maximum: 95 }).daysInBand).toBe(28);
  });

  it('inventory turnover and days of supply', () => {
    // Issued 10 + 10 + 0 + 10 + 45 = 75. Average closing (10 + 0 + 0 + 40 + 27 x 95) / 31 = 2615 / 31.
    // Turns 75 / (2615/31) = 2325/2615; a year: x 365/31 = 27375/2615. Days of supply (2615/31) / (75/31) = 2615/75.
    const turnover = inventoryTurnover(days);
    expect(turnover.issued).toBe(75);
    expect(turnover.averageOnHand).toBeCloseTo(2615 / 31, 12);
    expect(turnover.turns).toBeCloseTo(2325 / 2615, 12);
    expect(turnover.annualTurns).toBeCloseTo(27375 / 2615, 12);
    expect(turnover.daysOfSupply).toBeCloseTo(2615 / 75, 12);
  });

  it('order accuracy: delivered lines received as ordered, of the right item', () => {
    // Delivered O-1 (100 of 100), O-2 (45 of 50), O-3 (40 of 60 so far): 1 of 3.
    expect(orderAccuracy(workedDeliveries())).toEqual({ delivered: 3, accurate: 1, rate: 1 / 3 });
    const [first] = workedDeliveries();
    expect(orderAccuracy([{ ...first, wrongItemReceived: true }]).accurate).toBe(0);
  });

  it('on-time delivery: on or before the promised day; open past the promise counts as not on time', () => {
    // O-1 late (Mar 8 for Mar 6), O-2 on the day, O-3 a day early, O-4 open past Mar 28: 2 of 4.
    expect(onTimeDelivery(workedDeliveries(), '2026-03-31')).toEqual({
      due: 4,
      onTime: 2,
      deliveredLate: 1,
      openPastPromise: 1,
      rate: 0.5,
    });
    // On Mar 28 itself O-4 may still come: not yet due.
    expect(onTimeDelivery(workedDeliveries(), '2026-03-28')).toMatchObject({ due: 3, openPastPromise: 0 });
  });

  it('lead-time adherence: mean and spread of actual - agreed, and the share within a day', () => {
    // Actual: O-1 Mar 1 00:00 -> Mar 8 10:00 = 7 + 10/24 d; O-2 Mar 4 -> Mar 10 07:00 = 6 + 7/24; O-3 Mar 14 -> Mar 19 12:00 = 5.5.
    // Agreed 5: deviations 58/24, 31/24, 12/24; mean 101/72 = 1.402777...
    // Spread (population): in 24ths the deviations from the mean 33.667 are 24.333, -2.667, -21.667,
    // squares sum 1068.667, / 3 = 356.222, sqrt = 18.8738 -> / 24 = 0.786410 d. Within a day: O-3 only.
    const adherence = leadTimeAdherence(workedDeliveries());
    expect(adherence.delivered).toBe(3);
    expect(adherence.meanActualDays).toBeCloseTo((7 + 10 / 24 + 6 + 7 / 24 + 5.5) / 3, 12);
    expect(adherence.meanDeviationDays).toBeCloseTo(101 / 72, 12);
    expect(adherence.deviationStdDevDays).toBeCloseTo(Math.sqrt(1068 + 2 / 3) / Math.sqrt(3) / 24, 12);
    expect(adherence.deviationStdDevDays).toBeCloseTo(0.78641, 5);
    expect([adherence.withinOneDay, adherence.withinOneDayShare]).toEqual([1, 1 / 3]);
    expect(leadTimeAdherence([]).meanDeviationDays).toBeNull();
  });
});

describe('KPIs of a line over a period, and of an agreement', () => {
  it('measures the current period up to a business moment', () => {
    const kpis = lineKpis({
      period: march,
      days,
      deliveries: workedDeliveries(),
      band: { minimum: 20, maximum: 100 },
      asOf: new Date('2026-03-09T12:00:00Z'),
    });
    // Days Mar 1..9: stockout days 4 of 9. Of the lines promised in March, only O-1 had arrived (late);
    // O-2 promised the 10th is not due yet, nor O-3 and O-4.
    expect(kpis.measuredTo).toBe('2026-03-09');
    expect(kpis.stockouts).toMatchObject({ days: 9, stockoutDays: 4 });
    expect(kpis.onTimeDelivery).toEqual({ due: 1, onTime: 0, deliveredLate: 1, openPastPromise: 0, rate: 0 });
    expect(kpis.orderAccuracy).toEqual({ delivered: 1, accurate: 1, rate: 1 });
  });

  it('rolls lines up to their agreement: fill rate by demand, day shares by days, lead time pooled', () => {
    const band = { minimum: 20, maximum: 100 };
    const a = lineKpis({ period: march, days, deliveries: workedDeliveries(), band });
    // Line B: 31 days at 50, 300 demanded and met (10 a day on Mar 1..30), one delivery 2 days slow.
    const bDays: LineDay[] = days.map((d, i) => ({
      ...d,
      closingOnHand: 50,
      lowestOnHand: 50,
      hoursStockedOut: 0,
      demand: i < 30 ? 10 : 0,
      metFromStock: i < 30 ? 10 : 0,
      issued: i < 30 ? 10 : 0,
      stockoutsBegun: [],
      stockoutsEnded: [],
    }));
    const [first] = workedDeliveries();
    const b = lineKpis({
      period: march,
      days: bDays,
      deliveries: [{ ...first, orderId: 'B-1', deliveredAt: new Date('2026-03-08T00:00:00Z') }],
      band,
    });
    const agreement = agreementKpis('2026-03', [a, b]);
    // Fill rate (70 + 300) / (100 + 300) = 0.925, not the mean of 0.7 and 1.
    expect(agreement.fillRate).toEqual({ demand: 400, metFromStock: 370, unmet: 30, rate: 0.925 });
    // Stockout days 4 of 62; band 28 + 31 of 62; on time 2 of 4 + 0 of 1.
    expect(agreement.stockouts).toMatchObject({ days: 62, stockoutDays: 4, rate: 4 / 62, stockoutsBegun: 2, hoursStockedOut: 60 });
    expect(agreement.band).toEqual({ days: 62, daysInBand: 59, share: 59 / 62 });
    expect(agreement.onTimeDelivery).toEqual({ due: 5, onTime: 2, deliveredLate: 2, openPastPromise: 1, rate: 0.4 });
    // Pooled deviations 58/24, 31/24, 12/24 and B's 7 - 5 = 2 (48/24): the same as one line of all four.
    const pooled = leadTimeAdherence([...workedDeliveries(), { ...first, deliveredAt: new Date('2026-03-08T00:00:00Z') }]);
    expect(agreement.leadTime.delivered).toBe(4);
    expect(agreement.leadTime.meanDeviationDays).toBeCloseTo(pooled.meanDeviationDays!, 12);
    expect(agreement.leadTime.deviationStdDevDays).toBeCloseTo(pooled.deviationStdDevDays!, 12);
    // Turnover: issued 75 + 300 over average stock 2615/31 + 50.
    expect(agreement.turnover.turns).toBeCloseTo(375 / (2615 / 31 + 50), 12);
  });
});

describe('stockouts that begin and end at the same instant', () => {
  const day = (d: string, overrides: Partial<LineDay>): LineDay => ({
    day: d,
    closingOnHand: 10,
    lowestOnHand: 10,
    hoursStockedOut: 0,
    demand: 0,
    metFromStock: 0,
    issued: 0,
    stockLevelEventIds: [],
    stockoutsBegun: [],
    stockoutsEnded: [],
    ...overrides,
  });
  const at = (iso: string, id: string, onHand: number) => ({ at: new Date(iso), stockLevelEventId: id, onHand });

  it('pairs each beginning with the end after it, a receipt and a consumption at one moment included', () => {
    // Out all of Mar 1; at Mar 2 00:00 a receipt ends it and a consumption at the same moment begins another,
    // which lasts the whole day; Mar 3 12:00 a receipt ends it.
    const days = [
      day('2026-03-01', { closingOnHand: -3, lowestOnHand: -3, hoursStockedOut: 24 }),
      day('2026-03-02', {
        closingOnHand: 0,
        lowestOnHand: 0,
        hoursStockedOut: 24,
        stockoutsEnded: [at('2026-03-02T00:00:00Z', 'r', 5)],
        stockoutsBegun: [at('2026-03-02T00:00:00Z', 'c', 0)],
      }),
      day('2026-03-03', { lowestOnHand: 0, hoursStockedOut: 12, stockoutsEnded: [at('2026-03-03T12:00:00Z', 'r2', 10)] }),
    ];
    expect(stockoutRate(days).episodes).toEqual([
      { beganAt: null, beganBy: null, endedAt: new Date('2026-03-02T00:00:00Z'), hours: 24 },
      { beganAt: new Date('2026-03-02T00:00:00Z'), beganBy: 'c', endedAt: new Date('2026-03-03T12:00:00Z'), hours: 36 },
    ]);
    expect(stockoutRate(days)).toMatchObject({ stockoutDays: 3, stockoutsBegun: 1, hoursStockedOut: 60 });
  });
});
