/**
 * Replenishment's answer to a compared what-if run, as the page shows it: a table row per
 * scenario and a point per scenario on a fill rate vs average stock chart. The chart's options
 * are plain JSON (no functions), so the page hands them to ECharts as a data attribute.
 */

/** The part of a scenario's report the page shows (replenishment's WhatIfResult). */
export interface ScenarioReport {
  fillRate: number | null;
  averageOnHand: number;
  cycleServiceLevel: number | null;
  promisedServiceLevel: number | null;
  stockoutDays: number;
  orders: number;
  emergencyOrders: number;
  demand: number;
  measuredDays: number;
  penaltyExposure?: { total: number; currency: string };
}

export interface ComparedScenario {
  name: string;
  report: ScenarioReport;
}

export interface ComparisonRow {
  name: string;
  fillRate: string;
  averageOnHand: string;
  cycleServiceLevel: string;
  promisedServiceLevel: string;
  stockoutDays: string;
  orders: string;
  penalties: string;
}

export interface ScenarioPoint {
  name: string;
  averageOnHand: number;
  /** Percent, 0 to 100. */
  fillRate: number;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** A scenario without demand measured has no fill rate, so no point. */
  points: ScenarioPoint[];
  chart: Record<string, unknown>;
}

/** The comparison from replenishment's `{ scenarios: [{ name, report }] }`, or undefined when the answer has another shape. */
export function comparisonOf(answer: unknown): Comparison | undefined {
  const scenarios = (answer as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(scenarios) || !scenarios.every(isComparedScenario)) return undefined;
  const points = scenarios
    .filter((s) => s.report.fillRate !== null)
    .map((s) => ({ name: s.name, averageOnHand: round(s.report.averageOnHand, 2), fillRate: round((s.report.fillRate ?? 0) * 100, 2) }));
  return { rows: scenarios.map(rowOf), points, chart: chartOf(points) };
}

function rowOf({ name, report }: ComparedScenario): ComparisonRow {
  const exposure = report.penaltyExposure;
  return {
    name,
    fillRate: percent(report.fillRate, 'no demand measured'),
    averageOnHand: report.averageOnHand.toFixed(1),
    cycleServiceLevel: percent(report.cycleServiceLevel, 'no whole cycle'),
    promisedServiceLevel: percent(report.promisedServiceLevel, 'no promise'),
    stockoutDays: `${report.stockoutDays} of ${report.measuredDays}`,
    orders: report.emergencyOrders > 0 ? `${report.orders} (${report.emergencyOrders} emergency)` : String(report.orders),
    penalties: exposure ? `${exposure.total.toFixed(2)} ${exposure.currency}` : 'none priced',
  };
}

/** A scatter chart, one series per scenario so the legend names each point. */
export function chartOf(points: readonly ScenarioPoint[]): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{a}: average stock {c0}' },
    legend: { top: 0, data: points.map((p) => p.name) },
    grid: { left: 60, right: 30, top: 50, bottom: 50 },
    xAxis: { type: 'value', name: 'average stock on hand', nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: { type: 'value', name: 'fill rate %', scale: true, max: 100 },
    series: points.map((p) => ({
      name: p.name,
      type: 'scatter',
      symbolSize: 16,
      data: [[p.averageOnHand, p.fillRate]],
      label: { show: true, position: 'top', formatter: '{a}' },
    })),
  };
}

function isComparedScenario(value: unknown): value is ComparedScenario {
  const s = value as ComparedScenario | null;
  return (
    typeof s?.name === 'string' &&
    typeof s.report === 'object' &&
    s.report !== null &&
    typeof s.report.averageOnHand === 'number' &&
    (s.report.fillRate === null || typeof s.report.fillRate === 'number')
  );
}

const percent = (share: number | null, none: string) => (share === null ? none : `${(share * 100).toFixed(1)}%`);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
