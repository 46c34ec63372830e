import type { AgreementLine, PenaltyTerms } from '@smi/agreements';
import {
  fillRate,
  fromCents,
  monthOf,
  PENALTY_RULES,
  penaltiesFor,
  type LineDay,
  type LinePenaltyRates,
  type PenaltyItem,
} from '@smi/service-levels';

/** What a line's terms would claim over the days replayed, priced by the live monitor's own rules. */
export interface PenaltyExposure {
  /** STOCKOUT_DAYS: the line's perStockoutDay per day at or below zero. */
  stockoutDays: number;
  /** FILL_RATE_FLOOR: the line's perFillRateShortfall per month below its fill-rate floor. */
  fillRateShortfalls: number;
  /** STOCKOUTS_BEYOND_ALLOWANCE: the agreement's penaltyPerStockout per stockout beyond its monthly allowance. */
  stockoutsBeyondAllowance: number;
  /** Every rule's sum, to the cent. */
  total: number;
  currency: string;
  /** Per rule: what it counts over all months and what it claims (late and short deliveries stay 0: replayed deliveries are on time and in full). */
  byRule: { rule: PenaltyItem['rule']; quantity: number; amount: number }[];
  /** The penalties month by month, as the live monitor would raise them when each month closes. */
  penalties: Omit<PenaltyItem, 'evidence' | 'amountCents'>[];
}

/** The penalty terms one line is priced with: its own, and the agreement's allowance. */
export function simulatedRates(line: AgreementLine, agreementVersion: number, agreement: PenaltyTerms, currency: string): LinePenaltyRates {
  return { agreementVersion, currency, ...line.penalties, ...agreement };
}

/** The days grouped by calendar month (UTC), in order. */
function byMonth(days: readonly LineDay[]): Map<string, LineDay[]> {
  const months = new Map<string, LineDay[]>();
  for (const day of days) {
    const month = months.get(monthOf(day.day));
    if (month) month.push(day);
    else months.set(monthOf(day.day), [day]);
  }
  return months;
}

/**
 * The penalties a line's days would bring, month by month, through penaltiesFor: the very rules the
 * live monitor charges, so the two agree on the same days to the cent. Months cut by the days'
 * ends count with the days inside.
 */
export function penaltyExposure(days: readonly LineDay[], rates: LinePenaltyRates): PenaltyExposure {
  const items = [...byMonth(days)].flatMap(([period, monthDays]) =>
    penaltiesFor({ period, days: monthDays, deliveries: [], ratesOn: () => rates }),
  );
  const cents = (rule: PenaltyItem['rule']) => items.filter((i) => i.rule === rule).reduce((sum, i) => sum + i.amountCents, 0);
  return {
    stockoutDays: fromCents(cents('STOCKOUT_DAYS')),
    fillRateShortfalls: fromCents(cents('FILL_RATE_FLOOR')),
    stockoutsBeyondAllowance: fromCents(cents('STOCKOUTS_BEYOND_ALLOWANCE')),
    total: fromCents(items.reduce((sum, i) => sum + i.amountCents, 0)),
    currency: rates.currency,
    byRule: PENALTY_RULES.map((rule) => ({
      rule,
      quantity: items.filter((i) => i.rule === rule).reduce((sum, i) => sum + i.quantity, 0),
      amount: fromCents(cents(rule)),
    })),
    penalties: items.map(({ evidence: _evidence, amountCents: _cents, ...item }) => item),
  };
}

/** Calendar months with demand whose fill rate fell below the floor (0 without a floor). */
export function monthsBelowFloor(days: readonly LineDay[], floor: number | undefined): number {
  if (floor === undefined) return 0;
  return [...byMonth(days).values()].filter((month) => {
    const rate = fillRate(month).rate;
    return rate !== null && rate < floor;
  }).length;
}
