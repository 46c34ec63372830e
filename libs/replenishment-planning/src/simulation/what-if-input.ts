import { MAX_QUANTITY, agreementProblems, isWithin, type Agreement, type AgreementLine, type PenaltyTerms } from '@smi/agreements';

/**
 * What the what-if simulator replays: a demand history (or a forecast
 * scenario) in buckets, through one agreement line's terms. Plain JSON, so the
 * REST API can take it as it comes.
 */
export interface WhatIfInput {
  line: AgreementLine;
  /** Version the decisions quote (default 1). */
  agreementVersion?: number;
  /** First day of the first bucket, and the anchor of review calendars (YYYY-MM-DD, default 2000-01-01). */
  validFrom?: string;
  /** Demand per bucket, oldest first. */
  demand: number[];
  /** Days per bucket: 1 daily, 7 weekly, 30 monthly. */
  bucketDays: number;
  /** Buckets played but left out of the measures, while stock and the history settle (default 0). */
  warmUpBuckets?: number;
  /** Stock on hand before the first bucket (default the line's maximum; 0 when levels are in days of supply). */
  initialOnHand?: number;
  /** Demand not met from stock: owed to the buyer and met on the next receipt (default), or lost. */
  unmetDemand?: UnmetDemand;
  /**
   * How the engine sees demand over the protection interval: by demand class
   * (default; normal theory for smooth and erratic items, the item's own
   * history for intermittent and lumpy ones), or normal for every item (the
   * textbook method, for comparison).
   */
  distribution?: DemandDistribution;
  /**
   * The agreement-wide stockout allowance (allowedStockoutsPerMonth, penaltyPerStockout) priced
   * with the line's own penalties; a scenario started from an agreement gets the agreement's.
   * Default: none (nothing charged for stockouts beyond an allowance).
   */
  agreementPenalties?: PenaltyTerms;
  /** Currency of the penalty amounts (the agreement's; default EUR). */
  currency?: string;
}

export const UNMET_DEMAND = ['backorder', 'lost'] as const;
export type UnmetDemand = (typeof UNMET_DEMAND)[number];
export const DEMAND_DISTRIBUTIONS = ['by-demand-class', 'normal'] as const;
export type DemandDistribution = (typeof DEMAND_DISTRIBUTIONS)[number];

/** A hundred years of days: a what-if is answered while the caller waits. */
export const MAX_SIMULATED_DAYS = 36_500;

/**
 * The work one request may ask for, in the units of whatIfWork: each bucket's decision reads
 * the history before it and plans over the lead time and review period, so a run costs about
 * buckets x (buckets + days planned ahead). Ten years of daily buckets with a year's lead time
 * and review period is about 16 million and takes 2.5 s on one core; this lets one such
 * scenario through, or many smaller ones, and refuses more before any work is done.
 */
export const MAX_WHAT_IF_WORK = 20_000_000;
/** Wall-clock time a request's simulations may take, checked bucket by bucket: the size budget's backstop. */
export const WHAT_IF_TIME_BUDGET_MS = 5_000;

/** The work a valid input asks for (see MAX_WHAT_IF_WORK). */
export function whatIfWork(input: WhatIfInput): number {
  const { line, demand, bucketDays } = input;
  const aheadDays = line.leadTimeDays + (line.leadTimeStdDevDays ?? 0) + (line.reviewPeriodDays ?? 0) + bucketDays;
  return demand.length * (demand.length + aheadDays);
}

const FIELDS = [
  'line',
  'agreementVersion',
  'validFrom',
  'demand',
  'bucketDays',
  'warmUpBuckets',
  'initialOnHand',
  'unmetDemand',
  'distribution',
  'agreementPenalties',
  'currency',
];
const WHAT_IF_AGREEMENT = 'what-if';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown): value is number => Number.isInteger(value);

/** Each problem with a what-if input, naming the field, the rule and the value; none means it can be simulated. */
export function whatIfProblems(input: unknown): string[] {
  if (!isObject(input)) return ['input must be an object'];
  const problems: string[] = [];
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) problems.push(`${field} ${rule}`);
  };
  for (const field of Object.keys(input)) need(FIELDS.includes(field), field, 'is not a known field');

  const { demand, bucketDays, warmUpBuckets, initialOnHand, agreementVersion, unmetDemand, distribution } = input;
  const validFrom = input.validFrom ?? DEFAULT_VALID_FROM;
  need(typeof validFrom === 'string' && isDay(validFrom), 'validFrom', `must be a date YYYY-MM-DD (got ${String(validFrom)})`);
  if (!Array.isArray(demand) || demand.length === 0) need(false, 'demand', 'must list the demand of at least one bucket');
  else
    demand.forEach((quantity: unknown, i) =>
      need(isWithin(quantity, 0, MAX_QUANTITY), `demand[${i}]`, `must be a number from 0 to ${MAX_QUANTITY} (got ${String(quantity)})`),
    );
  need(isWhole(bucketDays) && bucketDays >= 1, 'bucketDays', `must be a whole number of days >= 1 (got ${String(bucketDays)})`);
  const buckets = Array.isArray(demand) ? demand.length : 0;
  if (isWhole(bucketDays) && bucketDays >= 1) {
    need(
      buckets * bucketDays <= MAX_SIMULATED_DAYS,
      'demand',
      `must cover at most ${MAX_SIMULATED_DAYS} days (got ${buckets} buckets of ${bucketDays} days)`,
    );
  }
  if (warmUpBuckets !== undefined) {
    need(
      isWhole(warmUpBuckets) && warmUpBuckets >= 0 && warmUpBuckets < buckets,
      'warmUpBuckets',
      `must be a whole number from 0 to ${buckets - 1}, leaving buckets to measure (got ${String(warmUpBuckets)})`,
    );
  }
  if (initialOnHand !== undefined)
    need(
      isWithin(initialOnHand, 0, MAX_QUANTITY),
      'initialOnHand',
      `must be a number from 0 to ${MAX_QUANTITY} (got ${String(initialOnHand)})`,
    );
  if (agreementVersion !== undefined)
    need(
      isWithin(agreementVersion, 1, 2 ** 31 - 1, true),
      'agreementVersion',
      `must be a whole number from 1 to ${2 ** 31 - 1} (got ${String(agreementVersion)})`,
    );
  if (unmetDemand !== undefined)
    need(
      UNMET_DEMAND.includes(unmetDemand as UnmetDemand),
      'unmetDemand',
      `must be one of ${UNMET_DEMAND.join(', ')} (got ${String(unmetDemand)})`,
    );
  if (distribution !== undefined) {
    need(
      DEMAND_DISTRIBUTIONS.includes(distribution as DemandDistribution),
      'distribution',
      `must be one of ${DEMAND_DISTRIBUTIONS.join(', ')} (got ${String(distribution)})`,
    );
  }
  return [...problems, ...lineProblems(input.line, input.agreementPenalties, input.currency)];
}

export const DEFAULT_VALID_FROM = '2000-01-01';

export const DEFAULT_CURRENCY = 'EUR';
/** No allowance and nothing per stockout beyond it: what a bare line is priced with. */
export const NO_AGREEMENT_PENALTIES: PenaltyTerms = { allowedStockoutsPerMonth: 0, penaltyPerStockout: 0 };

/** The problems of the line, the agreement penalties and the currency by the agreements' own rules, named as the input names them. */
function lineProblems(line: unknown, agreementPenalties: unknown, currency: unknown): string[] {
  if (agreementPenalties !== undefined && !isObject(agreementPenalties))
    return ['agreementPenalties must be an object { allowedStockoutsPerMonth, penaltyPerStockout }'];
  if (!isObject(line)) return ['line must be an object (an agreement line)'];
  // The rules live with agreements; a one-line agreement around the line borrows them.
  const agreement: Agreement = {
    agreementId: WHAT_IF_AGREEMENT,
    buyerId: 'buyer',
    supplierId: 'supplier',
    currency: (currency ?? DEFAULT_CURRENCY) as string,
    validFrom: DEFAULT_VALID_FROM,
    validTo: '9999-12-31',
    penalties: (agreementPenalties ?? NO_AGREEMENT_PENALTIES) as PenaltyTerms,
    lines: [line as unknown as AgreementLine],
  };
  const renamed: [string, string][] = [
    [`${WHAT_IF_AGREEMENT}: lines[0]`, 'line'],
    [`${WHAT_IF_AGREEMENT}: penalties`, 'agreementPenalties'],
    [`${WHAT_IF_AGREEMENT}: currency`, 'currency'],
  ];
  return agreementProblems(agreement).flatMap((problem) => {
    const match = renamed.find(([prefix]) => problem.startsWith(prefix));
    return match ? [`${match[1]}${problem.slice(match[0].length)}`] : [];
  });
}

/** A calendar day that exists (2026-02-30 does not). */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}
