/**
 * How accurate each forecasting method of @smi/forecasting is on real
 * intermittent demand, and automatic selection among them: the 2,509 carparts
 * parts observed for all 51 months, the last 12 held out, each method
 * forecasting them from the 39 before. Per method: RMSSE, MASE and bias
 * (units a month), each averaged over the same parts: those whose history
 * scales an error (accuracy-measures.ts) and can be backtested. Beside them
 * the all-zero forecast.
 * Selection backtests on the 39 months only (6 origins, 12 ahead) and then
 * forecasts the 12 held out.
 *
 * With statsforecast's forecasts of the same hold-out in
 * .local/reference-forecasts/carparts-bench.json (made by
 * `bash tools/reference-forecasts/run.sh bench`), a second table puts each
 * reference model beside our method, scored by the same measures on the same
 * parts. The file carries each part's history and held-out months, and the
 * bench stops if they are not exactly its own.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-accuracy-carparts.ts [path/to/carparts.csv]
 *
 * With `rolling`, what keeping the ETS family's constants between full fits
 * costs (the forecasting service's refitEveryPeriods): every month of the
 * last 12 is forecast one month ahead from the months before it, by
 * selection (6 origins, 1 ahead) and by each reusing method, fitted in full
 * every k months and forecasting with the constants kept in between; scored
 * over the 12 months per part, against the history before the first.
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-accuracy-carparts.ts rolling [k ...] [path/to/carparts.csv]   # default k: 1 3 6 12
 */
import {
  FORECASTING_METHODS,
  fittedParameters,
  forecastError,
  selectMethod,
  type FittedParameters,
  type ForecastError,
} from '@smi/forecasting';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCarparts } from '@smi/replenishment-planning';

const HOLD_OUT = 12;
const SELECTED = 'selected by backtest RMSSE';
const REFERENCE_FILE = path.resolve(__dirname, '../.local/reference-forecasts/carparts-bench.json');
const rolling = process.argv[2] === 'rolling';
const file = process.argv.slice(2).find((arg) => arg.endsWith('.csv')) ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const parts = parseCarparts(readFileSync(file, 'utf8')).filter((item) => item.demand.length === 51);
const settings = { seasonLength: 12, horizon: HOLD_OUT, origins: 6, leadTimePeriods: 1 };
const started = Date.now();
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const tally = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** A part the bench scores: its split, and each forecast of the held-out months with its error. */
interface ScoredPart {
  id: string;
  history: number[];
  actual: number[];
  forecasts: Map<string, readonly number[]>;
  errors: Map<string, ForecastError>;
}

if (rolling) {
  measureReuse(
    process.argv
      .slice(3)
      .map(Number)
      .filter((k) => k >= 1),
  );
  process.exit(0);
}

const scored: ScoredPart[] = [];
const chosen = new Map<string, number>();
for (const { id, demand } of parts) {
  const history = demand.slice(0, demand.length - HOLD_OUT);
  const actual = demand.slice(demand.length - HOLD_OUT);
  // Only parts whose history can scale an error and the backtest can score: the same parts for every row.
  const selection = selectMethod(history, FORECASTING_METHODS, settings);
  if (!forecastError(history, actual, actual) || !selection) continue;
  const forecasts = new Map<string, readonly number[]>();
  const errors = new Map<string, ForecastError>();
  const add = (name: string, forecast: readonly number[] | undefined) => {
    const error = forecast && forecastError(history, forecast, actual);
    if (!error) return;
    forecasts.set(name, forecast);
    errors.set(name, error);
  };
  add('all zero', Array(HOLD_OUT).fill(0));
  for (const method of FORECASTING_METHODS) add(method.name, method.forecast(history, HOLD_OUT, settings)?.forecast);
  add(SELECTED, selection.forecast.forecast);
  scored.push({ id, history, actual, forecasts, errors });
  tally(chosen, selection.chosen.method);
}

const measures = (errors: ForecastError[]) => [
  mean(errors.map((e) => e.rmsse)),
  mean(errors.map((e) => e.mase)),
  mean(errors.map((e) => e.bias)),
];
const rowNames = [...new Set(scored.flatMap((part) => [...part.errors.keys()]))];
console.log(
  `carparts: ${parts.length} parts with 51 months, ${scored.length} whose history scales errors and can be backtested (demand before month 22); last ${HOLD_OUT} months held out\n`,
);
console.log('| forecast | parts | RMSSE | MASE | bias (units a month) |');
console.log('|---|---|---|---|---|');
for (const name of rowNames) {
  const errors = scored.flatMap((part) => part.errors.get(name) ?? []);
  console.log(
    `| ${name} | ${errors.length} | ${measures(errors)
      .map((v) => v.toFixed(4))
      .join(' | ')} |`,
  );
}
console.log(
  `\nchosen by the backtest: ${[...chosen]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${n}`)
    .join(', ')}. ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);

printReferenceComparison();

/** What tools/reference-forecasts/make_bench_reference.py writes. */
interface ReferenceFile {
  statsforecast: string;
  historyMonths: number;
  horizon: number;
  /** statsforecast model -> the row of ours it stands beside. */
  counterparts: Record<string, string>;
  parts: {
    id: string;
    history: number[];
    actual: number[];
    forecasts: Record<string, number[]>;
    skipped: Record<string, string>;
    autoEtsModel: string | null;
  }[];
}

function printReferenceComparison(): void {
  console.log('\n## Beside statsforecast\n');
  if (!existsSync(REFERENCE_FILE)) {
    console.log(
      `No reference forecasts: ${path.relative(process.cwd(), REFERENCE_FILE)} is absent. Make it (pinned venv, about 2 minutes) with:`,
    );
    console.log('  bash tools/reference-forecasts/run.sh bench');
    return;
  }
  const reference: ReferenceFile = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8'));
  const referenceParts = new Map(reference.parts.map((part) => [part.id, part]));
  // The comparison means something only if both sides forecast the same months from the same months.
  const sameMonths = (ours: readonly number[], theirs: readonly number[] | undefined) =>
    theirs !== undefined && ours.length === theirs.length && ours.every((q, i) => q === theirs[i]);
  for (const part of scored) {
    const theirs = referenceParts.get(part.id);
    if (!sameMonths(part.history, theirs?.history) || !sameMonths(part.actual, theirs?.actual)) {
      throw new Error(
        `${REFERENCE_FILE} does not hold part ${part.id} as this bench splits it (${part.history.length} months of history, ${part.actual.length} held out): remake it with bash tools/reference-forecasts/run.sh bench`,
      );
    }
  }
  console.log(
    `statsforecast ${reference.statsforecast}, fitted on the same ${reference.historyMonths} months of the same ${scored.length} parts, forecasting the same ${reference.horizon}; scored by the same measures.`,
  );
  console.log(
    'Each row keeps the parts both forecast; "same forecast" counts the parts where all 12 months agree within 1e-6 (relative).\n',
  );
  console.log(
    '| ours | statsforecast | parts | same forecast | RMSSE ours | RMSSE statsforecast | MASE ours | MASE statsforecast | bias ours | bias statsforecast |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const skipped = new Map<string, number>();
  for (const [model, ours] of Object.entries(reference.counterparts)) {
    const pairs: { ours: ForecastError; theirs: ForecastError; same: boolean }[] = [];
    for (const part of scored) {
      const { forecasts, skipped: why } = referenceParts.get(part.id)!;
      if (why[model]) tally(skipped, `${model}: ${why[model]}`);
      const [theirForecast, ourForecast] = [forecasts[model], part.forecasts.get(ours)];
      const theirs = theirForecast && forecastError(part.history, theirForecast, part.actual);
      if (!theirs || !ourForecast) continue;
      pairs.push({
        ours: part.errors.get(ours)!,
        theirs,
        same: ourForecast.every((v, h) => Math.abs(v - theirForecast[h]) <= 1e-6 * Math.max(1e-3, Math.abs(theirForecast[h]))),
      });
    }
    if (pairs.length === 0) {
      console.log(`| ${ours} | ${model} | 0 | - | - | - | - | - | - | - |`);
      continue;
    }
    const [a, b] = [measures(pairs.map((p) => p.ours)), measures(pairs.map((p) => p.theirs))];
    const side = [0, 1, 2].map((i) => `${a[i].toFixed(4)} | ${b[i].toFixed(4)}`).join(' | ');
    console.log(`| ${ours} | ${model} | ${pairs.length} | ${pairs.filter((p) => p.same).length} | ${side} |`);
  }
  for (const [reason, n] of skipped) console.log(`\nno forecast on ${n} parts from ${reason}`);
  const etsModels = new Map<string, number>();
  for (const part of scored) {
    const model = referenceParts.get(part.id)!.autoEtsModel;
    if (model) tally(etsModels, model);
  }
  console.log(
    `AutoETS chose (error, trend, season, damped): ${[...etsModels]
      .sort((a, b) => b[1] - a[1])
      .map(([m, n]) => `${m} ${n}`)
      .join(', ')}.`,
  );
}

/** The rolling comparison: for each k, each part's 12 one-month forecasts with a full fit every k months. */
function measureReuse(refitEvery: number[]): void {
  const ks = refitEvery.length > 0 ? refitEvery : [1, 3, 6, 12];
  const rollingSettings = { seasonLength: 12, horizon: 1, origins: 6, leadTimePeriods: 1 };
  const reusing = FORECASTING_METHODS.filter((m) => m.reusesParameters);
  const firstOrigin = 51 - HOLD_OUT;
  const rows = [SELECTED, ...reusing.map((m) => m.name)];
  const usable = parts.filter(({ demand }) => {
    const history = demand.slice(0, firstOrigin);
    return (
      forecastError(history, demand.slice(firstOrigin), demand.slice(firstOrigin)) &&
      selectMethod(history, FORECASTING_METHODS, rollingSettings)
    );
  });
  console.log(`carparts: ${usable.length} parts; each of the last ${HOLD_OUT} months forecast one month ahead from the months before it\n`);
  console.log(`| full fit every | ${rows.map((r) => `${r} RMSSE | MASE`).join(' | ')} | seconds |`);
  console.log(`|---|${rows.map(() => '---|---').join('|')}|---|`);
  const partsScored = new Map<string, number[]>(rows.map((r) => [r, []]));
  for (const k of ks) {
    const began = Date.now();
    const errors = new Map<string, ForecastError[]>(rows.map((r) => [r, []]));
    for (const { demand } of usable) {
      const made = new Map<string, number[]>(rows.map((r) => [r, []]));
      let kept: FittedParameters | undefined;
      for (let origin = firstOrigin; origin < 51; origin++) {
        const history = demand.slice(0, origin);
        const refit = (origin - firstOrigin) % k === 0;
        const earlier = refit ? undefined : kept;
        const selection = selectMethod(history, FORECASTING_METHODS, { ...rollingSettings, ...(earlier && { earlier }) });
        made.get(SELECTED)!.push(selection?.forecast.forecast[0] ?? NaN);
        if (refit) kept = fittedParameters(history, FORECASTING_METHODS, rollingSettings, selection?.forecast);
        for (const method of reusing)
          made.get(method.name)!.push(method.forecast(history, 1, rollingSettings, earlier?.[method.name])?.forecast[0] ?? NaN);
      }
      const history = demand.slice(0, firstOrigin);
      for (const [row, forecast] of made) {
        const error = forecast.every(Number.isFinite) ? forecastError(history, forecast, demand.slice(firstOrigin)) : undefined;
        if (error) errors.get(row)!.push(error);
      }
    }
    const cells = rows.map((r) => {
      const e = errors.get(r)!;
      partsScored.get(r)!.push(e.length);
      return `${mean(e.map((x) => x.rmsse)).toFixed(4)} | ${mean(e.map((x) => x.mase)).toFixed(4)}`;
    });
    console.log(`| ${k === 1 ? 'month (exact)' : `${k} months`} | ${cells.join(' | ')} | ${((Date.now() - began) / 1000).toFixed(0)} |`);
  }
  console.log(
    `\nparts scored per row, for each k: ${rows.map((r) => `${r} ${partsScored.get(r)!.join('/')}`).join(', ')} (a method's parts are those it forecast every month).`,
  );
}
