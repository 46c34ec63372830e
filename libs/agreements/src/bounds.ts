/**
 * The range of every number and text the platform takes in: one place per
 * concept, used by agreement validation, stock movements, buyer forecasts and
 * what-if simulations alike. Each range is what storage holds (quantities and
 * amounts are numeric(18, 6): below 10^12, six decimals) with room for sums,
 * and what the planning code computes in bounded time (it walks lead times and
 * review periods day by day). A value outside is refused at the door, naming
 * the field, rather than accepted and lost later. docs/architecture.md lists them.
 */

/** A stock quantity: a movement, a level, an order quantity term, a forecast quantity. A thousand times this still fits storage. */
export const MAX_QUANTITY = 1e9;
/** The smallest step of a quantity storage keeps (six decimals): a pack or a fixed lot below it would round to nothing. */
export const MIN_QUANTITY_STEP = 0.000001;
/** Stock a projection may reach (on hand, on order): a hundred of the largest movements, ten times under what storage holds. */
export const MAX_STOCK = 100 * MAX_QUANTITY;
/** An amount of money: a unit price, a penalty, an approval limit. */
export const MAX_AMOUNT = 1e9;
/** Lead times, review periods, days of cover or of supply: a year. The engine plans day by day over them. */
export const MAX_DAYS = 365;
/** Hours in a term (veto window, approval expiry, digest interval): a year. */
export const MAX_HOURS = 8760;
/** Stockouts a month a buyer may tolerate without a penalty. */
export const MAX_ALLOWED_STOCKOUTS_PER_MONTH = 1000;
/** Site x item lines in one agreement: each version travels whole in one Kafka record. */
export const MAX_AGREEMENT_LINES = 1000;

/** Text lengths, by what the text is. */
export const MAX_TEXT_LENGTH = {
  /** Ids of parties, sites, items, agreements, events, sources and order references. */
  id: 200,
  /** Units of measure (EA, KG, PALLET). */
  unit: 32,
  /** Reasons, names, roles, emails, phone numbers. */
  text: 1000,
} as const;
export type TextKind = keyof typeof MAX_TEXT_LENGTH;

/** C0 and C1 control characters, NUL included: Postgres cannot store NUL in text, and none belongs in an id or a reason. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Half of a UTF-16 surrogate pair, which JSON may carry (\ud800) but UTF-8 cannot: Postgres would
 * store it as U+FFFD, another id than the one sent.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a required text of this kind (blank, too long, control characters), or undefined when it is fine. */
export function textProblem(value: unknown, kind: TextKind): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) return 'is required and must be a non-empty string';
  if (value.length > MAX_TEXT_LENGTH[kind]) return `must be at most ${MAX_TEXT_LENGTH[kind]} characters (got ${value.length})`;
  if (CONTROL_CHARACTER.test(value)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds half of a surrogate pair)';
  return undefined;
}

/** A finite number within [min, max], and whole when `whole`. */
export function isWithin(value: unknown, min: number, max: number, whole = false): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value));
}

/** What is wrong with a number that must lie in [min, max] (whole when `whole`), or undefined when it is fine. */
export function rangeProblem(value: unknown, min: number, max: number, whole = false): string | undefined {
  if (isWithin(value, min, max, whole)) return undefined;
  const kind = whole ? 'a whole number' : 'a number';
  return `must be ${kind} from ${formatBound(min)} to ${formatBound(max)} (got ${describeValue(value)})`;
}

/** 1e9 reads as 1,000,000,000: the bound as a person would write it. */
const formatBound = (bound: number) => bound.toLocaleString('en-US', { maximumFractionDigits: 6 });
const describeValue = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value));
