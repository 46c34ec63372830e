import { type AgreementLine, type AgreementVersion, isWithin, MAX_DAYS, MAX_QUANTITY, SERVICE_LEVEL_MEASURES } from '@smi/agreements';

/**
 * The what-if form: one of the party's agreement lines, a demand history, and a few scenarios,
 * each changing some of the line's terms. Read here into the body replenishment's
 * `POST /what-if-simulations` takes; replenishment checks the rest (its bounds, its budget).
 */

/** Scenario rows the form offers; replenishment compares up to ten. */
export const SCENARIO_ROWS = 4;

/** The line terms a scenario may change, as the form names them and replenishment's line calls them. */
export const SCENARIO_TERMS = [
  { field: 'serviceLevel', label: 'service level %', kind: 'percent' },
  { field: 'leadTimeDays', label: 'lead time (days)', kind: 'days' },
  { field: 'reviewPeriodDays', label: 'review period (days)', kind: 'days' },
  { field: 'minimum', label: 'minimum', kind: 'quantity' },
  { field: 'maximum', label: 'maximum', kind: 'quantity' },
  { field: 'minimumOrderQuantity', label: 'MOQ', kind: 'quantity' },
] as const;
export type ScenarioTerm = (typeof SCENARIO_TERMS)[number]['field'];

export const BUCKET_DAYS = [1, 7, 30] as const;

export type ServiceLevelMeasure = (typeof SERVICE_LEVEL_MEASURES)[number];

/** A line the party may simulate: the agreement it belongs to and its terms in the latest version. */
export interface LineChoice {
  key: string;
  agreementId: string;
  siteId: string;
  itemId: string;
  unit: string;
  label: string;
  /** The terms a scenario may change, as they stand (absent when the line does not set them). */
  terms: Partial<Record<ScenarioTerm, number>>;
  serviceLevelMeasure?: ServiceLevelMeasure;
  /** How the line sets safety stock, in words: a service level changes the stock only when it sets it. */
  safetyStock: string;
}

/** The form's field name of a scenario row's term (`scenario-0-leadTimeDays`). */
export const scenarioField = (row: number, term: ScenarioTerm | 'name') => `scenario-${row}-${term}`;

/** A line's key in the form: its agreement, site and item, each URI-encoded, so any id survives. */
export const lineKeyOf = (agreementId: string, siteId: string, itemId: string) =>
  [agreementId, siteId, itemId].map(encodeURIComponent).join('/');

/** The lines of the party's active agreements, in agreement, site and item order. */
export function lineChoicesOf(versions: readonly AgreementVersion[]): LineChoice[] {
  return versions
    .filter((v) => v.status === 'active')
    .flatMap(({ agreement }) =>
      agreement.lines.map((line): LineChoice => {
        const terms: LineChoice['terms'] = {};
        if (line.serviceLevel) terms.serviceLevel = roundPercent(line.serviceLevel.target * 100);
        for (const field of ['leadTimeDays', 'reviewPeriodDays', 'minimum', 'maximum', 'minimumOrderQuantity'] as const) {
          const value = line[field];
          if (typeof value === 'number') terms[field] = value;
        }
        return {
          key: lineKeyOf(agreement.agreementId, line.siteId, line.itemId),
          agreementId: agreement.agreementId,
          siteId: line.siteId,
          itemId: line.itemId,
          unit: line.unit,
          label: `${agreement.agreementId}: site ${line.siteId} x item ${line.itemId}`,
          terms,
          serviceLevelMeasure: line.serviceLevel?.measure,
          safetyStock: safetyStockWords(line.safetyStock),
        };
      }),
    )
    .sort((a, b) => a.label.localeCompare(b.label));
}

function safetyStockWords(rule: AgreementLine['safetyStock']): string {
  if (!rule) return 'none';
  if (rule.method === 'fixed') return `fixed at ${rule.quantity}`;
  if (rule.method === 'days-of-cover') return `${rule.days} days of cover`;
  return 'from the service level';
}

export interface WhatIfScenario {
  name: string;
  lineOverrides?: Record<string, unknown>;
}

/** The body of replenishment's POST /what-if-simulations for a compared run. */
export interface WhatIfRequestBody {
  agreementId: string;
  siteId: string;
  itemId: string;
  demand: number[];
  bucketDays: number;
  warmUpBuckets?: number;
  scenarios: WhatIfScenario[];
}

export type FormFields = Record<string, unknown>;
export type ReadForm = { ok: true; body: WhatIfRequestBody } | { ok: false; problems: string[] };

/** The form as replenishment's request, or every problem with it in the words of the form. */
export function whatIfRequestOfForm(fields: FormFields, lines: readonly LineChoice[]): ReadForm {
  const problems: string[] = [];
  const line = lines.find((l) => l.key === text(fields.line));
  if (!line) problems.push('Pick one of your agreement lines.');

  const demand = demandOf(text(fields.demand));
  if (typeof demand === 'string') problems.push(demand);

  const bucketDays = Number(text(fields.bucketDays) || NaN);
  if (!BUCKET_DAYS.includes(bucketDays as (typeof BUCKET_DAYS)[number]))
    problems.push(`Days per bucket must be one of ${BUCKET_DAYS.join(', ')}.`);

  const warmUpText = text(fields.warmUpBuckets);
  const warmUpBuckets = warmUpText === '' ? undefined : Number(warmUpText);
  if (warmUpBuckets !== undefined && !isWithin(warmUpBuckets, 0, Number.MAX_SAFE_INTEGER, true))
    problems.push(`Warm-up buckets must be a whole number from 0 (got ${warmUpText}).`);

  const measureText = text(fields.serviceLevelMeasure);
  const measure = (SERVICE_LEVEL_MEASURES as readonly string[]).includes(measureText)
    ? (measureText as ServiceLevelMeasure)
    : (line?.serviceLevelMeasure ?? 'cycle-service-level');

  const scenarios: WhatIfScenario[] = [];
  for (let row = 0; row < SCENARIO_ROWS; row++) {
    const read = scenarioOf(fields, row, measure);
    if (read === undefined) continue;
    problems.push(...read.problems);
    scenarios.push(read.scenario);
  }
  const names = scenarios.map((s) => s.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) problems.push(`Two scenarios are named "${twice}": give each its own name.`);
  if (scenarios.length === 0) problems.push('Fill in at least one scenario (a name alone runs the line as signed).');

  if (problems.length > 0 || !line || typeof demand === 'string') return { ok: false, problems };
  return {
    ok: true,
    body: {
      agreementId: line.agreementId,
      siteId: line.siteId,
      itemId: line.itemId,
      demand,
      bucketDays,
      ...(warmUpBuckets === undefined ? {} : { warmUpBuckets }),
      scenarios,
    },
  };
}

/** One scenario row: undefined when left empty, else the scenario and the problems with its terms. */
function scenarioOf(
  fields: FormFields,
  row: number,
  measure: ServiceLevelMeasure,
): { scenario: WhatIfScenario; problems: string[] } | undefined {
  const name = text(fields[scenarioField(row, 'name')]);
  const given = SCENARIO_TERMS.map((term) => ({ term, value: text(fields[scenarioField(row, term.field)]) })).filter((t) => t.value !== '');
  if (name === '' && given.length === 0) return undefined;
  const label = name === '' ? `Scenario ${row + 1}` : `Scenario "${name}"`;
  const problems: string[] = [];
  const overrides: Record<string, unknown> = {};
  for (const { term, value } of given) {
    const number = Number(value);
    if (term.kind === 'percent') {
      if (!isWithin(number, 0, 100) || number === 0 || number === 100)
        problems.push(`${label}: ${term.label} must be a number between 0 and 100, both excluded (got ${value}).`);
      else overrides.serviceLevel = { measure, target: number / 100 };
    } else if (term.kind === 'days') {
      if (!isWithin(number, 0, MAX_DAYS, true))
        problems.push(`${label}: ${term.label} must be a whole number from 0 to ${MAX_DAYS} (got ${value}).`);
      else overrides[term.field] = number;
    } else if (!isWithin(number, 0, MAX_QUANTITY))
      problems.push(`${label}: ${term.label} must be a number from 0 to ${MAX_QUANTITY} (got ${value}).`);
    else overrides[term.field] = number;
  }
  const scenario: WhatIfScenario = { name: name === '' ? `scenario ${row + 1}` : name };
  if (Object.keys(overrides).length > 0) scenario.lineOverrides = overrides;
  return { scenario, problems };
}

/** Demand per bucket, oldest first, separated by commas, semicolons, spaces or lines; or what is wrong with it. */
export function demandOf(written: string): number[] | string {
  const parts = written.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return 'Give the demand history: one quantity per bucket, oldest first.';
  const bad = parts.find((p) => !isWithin(Number(p), 0, MAX_QUANTITY));
  if (bad !== undefined) return `Demand must be quantities from 0 to ${MAX_QUANTITY} (got ${bad}).`;
  return parts.map(Number);
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : Array.isArray(value) ? text(value[0]) : '');
const roundPercent = (value: number) => Math.round(value * 1e6) / 1e6;
