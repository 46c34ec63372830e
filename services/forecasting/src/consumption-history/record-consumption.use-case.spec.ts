import type { StockLevel } from '@smi/contracts';
import type { Inbound, Transaction } from '@smi/messaging';
import type { DemandForecastRepository } from '../demand-forecasts/demand-forecast.repository';
import { forecastSettingsFor } from '../demand-forecasts/forecast-settings';
import type { Recomputation, RecomputeForecast } from '../demand-forecasts/recompute-forecast.use-case';
import type { ConsumptionHistoryRepository } from './consumption-history.repository';
import { RecordConsumption } from './record-consumption.use-case';

/** Consumption on consecutive days of last year, as inventory-ingest published it. */
const levels: Inbound<StockLevel>[] = [1, 2, 3].map((day) => ({
  event: {
    eventId: `mv-${day}/stock-level`,
    buyerId: 'acme',
    siteId: 'lyon',
    itemId: 'pad',
    onHand: 100 - day * 5,
    unit: 'EA',
    sequence: day,
    asOf: new Date(`2025-03-0${day}T10:00:00Z`),
    movementId: `mv-${day}`,
    movementKind: 'CONSUMPTION',
    movementQuantity: 5,
    orderReference: null,
  },
  headers: {},
})) as unknown as Inbound<StockLevel>[];

/** The forecasts RecordConsumption asks for, and at which moment it looks up the agreement line, against stand-ins for the database. */
async function forecastsMadeAt(wallClock: Date): Promise<{ settingsAt: Date[]; runs: Recomputation[] }> {
  jest.useFakeTimers({ now: wallClock });
  const settingsAt: Date[] = [];
  const runs: Recomputation[] = [];
  const history = {
    lockAll: async () => undefined,
    seriesOf: async () => new Map(),
    firstConsumedDays: async () => new Map(),
    record: async () => undefined,
  } as unknown as ConsumptionHistoryRepository;
  const forecasts = { latestPeriodsOf: async () => new Map() } as unknown as DemandForecastRepository;
  const recomputation = {
    settingsOf: (_key: unknown, at: Date) => {
      settingsAt.push(at);
      return { settings: forecastSettingsFor({ forecastPeriod: 'day', leadTimeDays: 3 }), agreementId: 'AGR-1' };
    },
    recompute: async (_tx: Transaction, _key: unknown, run: Recomputation) => {
      runs.push(run);
      return { periodDays: run.line.settings.periodDays, firstPeriodStart: '2025-03-01' };
    },
  } as unknown as RecomputeForecast;
  await new RecordConsumption(history, forecasts, recomputation).execute(levels, {} as Transaction);
  jest.useRealTimers();
  return { settingsAt, runs };
}

describe('recording consumption in business time', () => {
  it('forecasts a replay a year later exactly as living through it did: each forecast at the time of the level that closed its period', async () => {
    const lived = await forecastsMadeAt(new Date('2025-03-03T10:00:01Z'));
    const replayed = await forecastsMadeAt(new Date('2026-03-03T10:00:01Z'));
    expect(replayed).toEqual(lived);
    expect(lived.runs.length).toBeGreaterThan(0);
    const asOf = new Map(levels.map(({ event }) => [`${event.eventId}/demand-forecast`, event.asOf]));
    for (const run of lived.runs) expect(run.now).toEqual(asOf.get(run.eventId));
    expect(lived.settingsAt).toEqual(lived.runs.map((run) => run.now));
  });
});
