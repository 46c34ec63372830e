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
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-accuracy-carparts.ts [path/to/carparts.csv]
 */
import { FORECASTING_METHODS, forecastError, selectMethod, type ForecastError } from '@smi/forecasting';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCarparts } from '../services/replenishment/src/simulation/service-level-study';

const HOLD_OUT = 12;
const file = process.argv[2] ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const parts = parseCarparts(readFileSync(file, 'utf8')).filter((item) => item.demand.length === 51);
const settings = { seasonLength: 12, horizon: HOLD_OUT, origins: 6, leadTimePeriods: 1 };
const started = Date.now();

const rows = new Map<string, ForecastError[]>();
const add = (name: string, error: ForecastError | undefined) => error && rows.set(name, [...(rows.get(name) ?? []), error]);
const chosen = new Map<string, number>();
let scored = 0;
for (const { demand } of parts) {
  const history = demand.slice(0, demand.length - HOLD_OUT);
  const actual = demand.slice(demand.length - HOLD_OUT);
  // Only parts whose history can scale an error and the backtest can score: the same parts for every row.
  const selection = selectMethod(history, FORECASTING_METHODS, settings);
  if (!forecastError(history, actual, actual) || !selection) continue;
  scored++;
  add('all zero', forecastError(history, Array(HOLD_OUT).fill(0), actual));
  for (const method of FORECASTING_METHODS) {
    const made = method.forecast(history, HOLD_OUT, settings);
    add(method.name, made ? forecastError(history, made.forecast, actual) : undefined);
  }
  add('selected by backtest RMSSE', forecastError(history, selection.forecast.forecast, actual));
  chosen.set(selection.chosen.method, (chosen.get(selection.chosen.method) ?? 0) + 1);
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
console.log(`carparts: ${parts.length} parts with 51 months, ${scored} whose history scales errors and can be backtested (demand before month 22); last ${HOLD_OUT} months held out\n`);
console.log('| forecast | parts | RMSSE | MASE | bias (units a month) |');
console.log('|---|---|---|---|---|');
for (const [name, errors] of rows) {
  console.log(`| ${name} | ${errors.length} | ${mean(errors.map((e) => e.rmsse)).toFixed(4)} | ${mean(errors.map((e) => e.mase)).toFixed(4)} | ${mean(errors.map((e) => e.bias)).toFixed(4)} |`);
}
console.log(`\nchosen by the backtest: ${[...chosen].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')}. ${((Date.now() - started) / 1000).toFixed(1)} s.`);
