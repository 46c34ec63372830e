import { MAX_QUANTITY, TextKind, isWithin, textProblem } from '@smi/agreements';
import { BUYER_FORECAST, type ForecastMethod } from '@smi/forecasting';
import { PERIOD_ANCHOR_DAY, dayNumberOfText, startOfDay } from '../consumption-history/calendar-days';

/** A buyer's own forecast of a site x item, as kept. */
export interface BuyerForecastSubmission {
  eventId: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  periodDays: number;
  /** Day number of the first period forecast. */
  firstPeriodStart: number;
  quantities: number[];
  /** When the buyer says it made the forecast: kept, but never trusted to make it older than its receipt. */
  submittedAt: Date;
  /** When the platform received it (the REST request, or the record's consumption). */
  receivedAt: Date;
}

/** When a forecast counts as made in the backtest: the later of the buyer's claim and its receipt, so a backdated one cannot see the answer. */
export const madeAt = (submission: Pick<BuyerForecastSubmission, 'submittedAt' | 'receivedAt'>): number =>
  Math.max(submission.submittedAt.getTime(), submission.receivedAt.getTime());

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Periods a buyer may forecast at once: two years of weeks, a year of days. */
export const MAX_BUYER_FORECAST_PERIODS = 366;
const TEXTS: ReadonlyArray<[string, TextKind]> = [
  ['eventId', 'id'],
  ['buyerId', 'id'],
  ['siteId', 'id'],
  ['itemId', 'id'],
  ['unit', 'unit'],
];
/** ISO 8601 with its zone, and nothing looser: `2026-07-31`, `July 31` or a time without zone are refused. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A day that exists (2026-02-30 does not) in a year Postgres and the calendar both take. */
const isDay = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^2\d{3}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};
const FIELDS = ['eventId', 'buyerId', 'siteId', 'itemId', 'unit', 'periodDays', 'firstPeriodStart', 'quantities', 'submittedAt'];

/**
 * What is wrong with a buyer forecast, each problem naming its field: the
 * same rules for REST and for the Kafka topic. submittedAt may be left out
 * over REST (it is then the moment of the request); either way the receipt
 * time is recorded beside it.
 */
export function buyerForecastProblems(body: unknown): FieldProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: 'body', problem: 'must be a JSON object' }];
  const value = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, problem: string) => {
    if (!ok) problems.push({ field, problem });
  };
  for (const field of Object.keys(value))
    need(FIELDS.includes(field), field, `is not a field of a buyer forecast (fields: ${FIELDS.join(', ')})`);
  for (const [field, kind] of TEXTS) {
    const problem = textProblem(value[field], kind);
    need(problem === undefined, field, problem ?? '');
  }
  need(
    value.periodDays === 1 || value.periodDays === 7,
    'periodDays',
    `must be 1 (days) or 7 (weeks from Monday) (got ${JSON.stringify(value.periodDays)})`,
  );
  const start = isDay(value.firstPeriodStart);
  need(start, 'firstPeriodStart', `must be a day YYYY-MM-DD from 2000 to 2999 (got ${JSON.stringify(value.firstPeriodStart)})`);
  if (start && value.periodDays === 7) {
    need(
      (dayNumberOfText(value.firstPeriodStart as string) - PERIOD_ANCHOR_DAY) % 7 === 0,
      'firstPeriodStart',
      'must be a Monday for weekly periods',
    );
  }
  const quantities = value.quantities;
  const listed = Array.isArray(quantities) && quantities.length >= 1 && quantities.length <= MAX_BUYER_FORECAST_PERIODS;
  need(listed, 'quantities', `must be a list of 1 to ${MAX_BUYER_FORECAST_PERIODS} quantities`);
  if (listed) {
    const bad = (quantities as unknown[]).findIndex((q) => !isWithin(q, 0, MAX_QUANTITY));
    need(
      bad < 0,
      `quantities[${bad}]`,
      `must be a number from 0 to ${MAX_QUANTITY.toLocaleString('en-US')} (got ${JSON.stringify((quantities as unknown[])[bad])})`,
    );
  }
  if (value.submittedAt !== undefined) {
    const at =
      value.submittedAt instanceof Date
        ? value.submittedAt.getTime()
        : typeof value.submittedAt === 'string' && INSTANT.test(value.submittedAt)
          ? Date.parse(value.submittedAt)
          : NaN;
    need(Number.isFinite(at), 'submittedAt', 'must be an ISO-8601 date-time with its zone, like 2026-07-31T08:00:00Z');
  }
  return problems;
}

/**
 * The buyer's forecast as a candidate of the backtest. From each origin it
 * offers what the buyer had forecast for the periods ahead before the first
 * of them began (a later submission would know the answer), the latest such
 * submission per period; from the end of the history, the latest submission of
 * all. Where the buyer's forecasts do not cover every period ahead it offers
 * nothing, and so is only compared when it covers the whole backtest.
 * A submission counts as made when it was received, or later if the buyer says so (madeAt).
 */
export function buyerForecastCandidate(
  submissions: readonly BuyerForecastSubmission[],
  firstPeriodOfHistory: number,
  periodDays: number,
  historyLength: number,
): ForecastMethod {
  const usable = submissions.filter((s) => s.periodDays === periodDays).sort((a, b) => madeAt(a) - madeAt(b));
  return {
    name: BUYER_FORECAST,
    forecast(past, horizon) {
      const origin = firstPeriodOfHistory + past.length * periodDays;
      const known = past.length >= historyLength ? usable : usable.filter((s) => madeAt(s) <= startOfDay(origin).getTime());
      const forecast: number[] = [];
      for (let h = 0; h < horizon; h++) {
        const period = origin + h * periodDays;
        const latest = known.findLast(
          (s) => period >= s.firstPeriodStart && (period - s.firstPeriodStart) / periodDays < s.quantities.length,
        );
        if (!latest) return undefined;
        forecast.push(latest.quantities[(period - latest.firstPeriodStart) / periodDays]);
      }
      return { method: BUYER_FORECAST, forecast, parameters: {} };
    },
  };
}
