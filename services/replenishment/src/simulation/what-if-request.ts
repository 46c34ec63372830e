/**
 * What a caller of POST /what-if-simulations asks: one simulation input, or
 * `scenarios` to compare on the same demand. Fields beside `scenarios` are
 * shared by every scenario (the demand history, typically); a scenario's own
 * fields overrule them. Each scenario may start from an agreement's line in
 * force (agreementId, siteId, itemId) and change it with lineOverrides; its
 * penalties are then priced with the agreement's stockout allowance and
 * currency too, unless it gives agreementPenalties or currency itself.
 */
export interface WhatIfRequest {
  /** True when the caller sent `scenarios`: the answer names each report. */
  compared: boolean;
  scenarios: AskedScenario[];
}

export interface AskedScenario {
  name: string;
  /** The agreement whose line in force the scenario starts from. */
  agreement?: { agreementId: string; siteId?: string; itemId?: string };
  /** Terms merged over the starting line (the agreement's, or `line`). */
  lineOverrides?: Record<string, unknown>;
  /** The rest, as the simulator takes it (checked by whatIfProblems). */
  input: Record<string, unknown>;
  /** Names a problem from whatIfProblems by where the caller wrote the field: in the scenario, or shared. */
  named: (problem: string) => string;
}

export type Parsed<T> = { ok: true; request: T } | { ok: false; problems: string[] };

/** Ten years of daily buckets: enough history to judge terms, small enough to answer while the caller waits. */
export const MAX_DEMAND_BUCKETS = 3650;
/** Enough parameter sets to compare side by side in one call. */
export const MAX_SCENARIOS = 10;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const SINGLE = 'what-if';

export function whatIfRequestOf(body: unknown): Parsed<WhatIfRequest> {
  if (!isObject(body)) return { ok: false, problems: ['body must be a JSON object: a simulation input, or { scenarios: [...] }'] };
  const { scenarios, ...shared } = body;
  if (scenarios === undefined) return scenariosOf(false, shared, [{}]);
  if (!Array.isArray(scenarios) || scenarios.length === 0)
    return refused(`scenarios must list at least one scenario { name, ... } (got ${describe(scenarios)})`);
  if (scenarios.length > MAX_SCENARIOS) return refused(`scenarios must list at most ${MAX_SCENARIOS} scenarios (got ${scenarios.length})`);
  return scenariosOf(true, shared, scenarios);
}

function scenariosOf(compared: boolean, shared: Json, asked: unknown[]): Parsed<WhatIfRequest> {
  const problems: string[] = [];
  const names = new Set<string>();
  const scenarios = asked.map((own, i): AskedScenario => {
    const at = compared ? `scenarios[${i}].` : '';
    if (!isObject(own)) {
      problems.push(`scenarios[${i}] must be an object { name, ... } (got ${describe(own)})`);
      own = {};
    }
    const fields = own as Json;
    const ownField = (field: string) => field in fields;
    const where = (field: string) => (ownField(field) ? at : '');
    const { name, agreementId, siteId, itemId, lineOverrides, ...input } = { ...shared, ...fields };
    if (compared) {
      if (typeof name !== 'string' || name.trim() === '') problems.push(`${at}name must be a non-empty text (got ${describe(name)})`);
      else if (names.has(name)) problems.push(`${at}name must differ from the other scenarios' (got ${name} twice)`);
      else names.add(name);
    } else if (name !== undefined) problems.push(`name is not a known field outside scenarios`);

    for (const [field, value] of Object.entries({ agreementId, siteId, itemId })) {
      if (value !== undefined && (typeof value !== 'string' || value === ''))
        problems.push(`${where(field)}${field} must be a non-empty text (got ${describe(value)})`);
    }
    if (agreementId === undefined && (siteId !== undefined || itemId !== undefined))
      problems.push(`${where('agreementId')}agreementId is required with siteId and itemId`);
    if (agreementId !== undefined && input.line !== undefined)
      problems.push(`${where('line')}line must not be given with agreementId: change the agreement's line with lineOverrides`);
    if (lineOverrides !== undefined && !isObject(lineOverrides))
      problems.push(`${where('lineOverrides')}lineOverrides must be an object of line terms (got ${describe(lineOverrides)})`);
    if (Array.isArray(input.demand) && input.demand.length > MAX_DEMAND_BUCKETS) {
      problems.push(`${where('demand')}demand must list at most ${MAX_DEMAND_BUCKETS} buckets (got ${input.demand.length})`);
    }
    return {
      name: compared ? String(name) : SINGLE,
      agreement:
        typeof agreementId === 'string'
          ? { agreementId, siteId: siteId as string | undefined, itemId: itemId as string | undefined }
          : undefined,
      lineOverrides: lineOverrides as Json | undefined,
      input,
      // A line built from an agreement and lineOverrides is the scenario's own when it gave either.
      named: (problem) =>
        (ownField(fieldOf(problem)) || (fieldOf(problem) === 'line' && (ownField('lineOverrides') || ownField('agreementId'))) ? at : '') +
        problem,
    };
  });
  const unique = [...new Set(problems)];
  return unique.length > 0 ? { ok: false, problems: unique } : { ok: true, request: { compared, scenarios } };
}

/** The top-level field a problem starts with: `demand[3] must ...` is about demand. */
const fieldOf = (problem: string) => /^[A-Za-z]+/.exec(problem)?.[0] ?? '';

const refused = (problem: string): Parsed<WhatIfRequest> => ({ ok: false, problems: [problem] });

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
