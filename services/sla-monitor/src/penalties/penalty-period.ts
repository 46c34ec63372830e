import { AgreementVersion } from '@smi/agreements';
import { addDays, LinePenaltyRates, monthOf, parsePeriod, RatesOn, startOf } from '@smi/service-levels';

/**
 * When a penalty month closes, which months of an agreement are due, which lines they cover and
 * which terms applied on each day: all from the agreement's versions and business time.
 */

const HOUR_MS = 3_600_000;

/** Hours after a month's end before it closes, so levels and receipts of its last day can still arrive. */
export const DEFAULT_CLOSE_GRACE_HOURS = 24;

/** SMI_PERIOD_CLOSE_GRACE_HOURS, a whole or fractional number of hours >= 0. */
export function closeGraceHoursFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SMI_PERIOD_CLOSE_GRACE_HOURS;
  if (raw === undefined || raw === '') return DEFAULT_CLOSE_GRACE_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0)
    throw new RangeError(`SMI_PERIOD_CLOSE_GRACE_HOURS must be a number of hours >= 0 (got ${raw})`);
  return hours;
}

/** A month (YYYY-MM) as the service-levels lib reads periods; anything else is a programming error here. */
function monthPeriod(month: string) {
  const period = parsePeriod(month);
  if (period?.kind !== 'month') throw new Error(`month must be YYYY-MM (got ${month})`);
  return period;
}

/** The first moment of a month (YYYY-MM), UTC. */
export const monthStart = (month: string): Date => startOf(monthPeriod(month).firstDay);

/** The month after (YYYY-MM). */
export const nextMonth = (month: string): string => monthOf(addDays(monthPeriod(month).lastDay, 1));

/** The moment month M closes: the first moment of M+1 plus the grace. */
export function closeMomentOf(month: string, graceHours: number): Date {
  return new Date(monthStart(nextMonth(month)).getTime() + graceHours * HOUR_MS);
}

/** When one version governs: from its effectiveFrom until the next version's, within its own validity, unless it retired the agreement. */
interface GoverningTime {
  version: AgreementVersion;
  fromMs: number;
  untilMs: number;
}

function governingTimes(history: readonly AgreementVersion[]): GoverningTime[] {
  const sorted = [...history].sort((a, b) => a.version - b.version);
  return sorted.flatMap((version, i) => {
    if (version.status === 'retired') return [];
    const effective = Date.parse(version.effectiveFrom);
    const superseded = i + 1 < sorted.length ? Date.parse(sorted[i + 1].effectiveFrom) : Infinity;
    const fromMs = Math.max(effective, Date.parse(`${version.agreement.validFrom}T00:00:00Z`));
    const untilMs = Math.min(superseded, Date.parse(`${version.agreement.validTo}T00:00:00Z`) + 24 * HOUR_MS);
    return fromMs < untilMs ? [{ version, fromMs, untilMs }] : [];
  });
}

/** The versions governing at some moment of the month, oldest first. */
function versionsInMonth(history: readonly AgreementVersion[], month: string): AgreementVersion[] {
  const from = monthStart(month).getTime();
  const until = monthStart(nextMonth(month)).getTime();
  return governingTimes(history)
    .filter((g) => g.fromMs < until && from < g.untilMs)
    .map((g) => g.version);
}

/**
 * The months of an agreement due to close by `now`: every month some version governed in, whose
 * close moment has come. Oldest first.
 */
export function monthsDue(history: readonly AgreementVersion[], now: Date, graceHours: number): string[] {
  const times = governingTimes(history);
  if (times.length === 0) return [];
  const first = new Date(Math.min(...times.map((t) => t.fromMs))).toISOString().slice(0, 7);
  const months: string[] = [];
  for (let month = first; closeMomentOf(month, graceHours) <= now; month = nextMonth(month)) {
    if (versionsInMonth(history, month).length > 0) months.push(month);
  }
  return months;
}

/** One agreement line, by its site x item. */
export interface LineRef {
  siteId: string;
  itemId: string;
}

/** Every line any version governing in the month had, in the order the agreement lists them. */
export function linesInMonth(history: readonly AgreementVersion[], month: string): LineRef[] {
  const lines = new Map<string, LineRef>();
  for (const version of versionsInMonth(history, month)) {
    for (const { siteId, itemId } of version.agreement.lines) lines.set(`${siteId}|${itemId}`, { siteId, itemId });
  }
  return [...lines.values()];
}

/**
 * The terms of one line on each day: those of the version in force at the day's last moment
 * (the newest version of the day governs it), none on a day the agreement did not cover the line
 * (not yet valid, retired, or the line not in that version).
 */
export function ratesOnOf(history: readonly AgreementVersion[], line: LineRef): RatesOn {
  const times = governingTimes(history);
  return (day) => {
    const at = Date.parse(`${day}T23:59:59.999Z`);
    const governing = times.find((g) => g.fromMs <= at && at < g.untilMs);
    if (!governing) return undefined;
    const { agreement, version } = governing.version;
    const terms = agreement.lines.find((l) => l.siteId === line.siteId && l.itemId === line.itemId);
    if (!terms) return undefined;
    const rates: LinePenaltyRates = {
      agreementVersion: version,
      currency: agreement.currency,
      allowedStockoutsPerMonth: agreement.penalties.allowedStockoutsPerMonth,
      penaltyPerStockout: agreement.penalties.penaltyPerStockout,
      ...terms.penalties,
    };
    return rates;
  };
}
