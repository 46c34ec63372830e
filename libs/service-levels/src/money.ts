/**
 * Penalty amounts to the cent. A quantity times a rate is worked out in exact decimals (the
 * numbers as written, 0.145 is 0.145 and not 0.14499999...), then rounded half away from zero to
 * whole cents, so the same breach costs the same everywhere, and sums of cents stay exact.
 */

/** A finite number as an exact decimal: digits x 10^-scale. */
function decimalOf(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`amounts need finite numbers (got ${value})`);
  // The shortest text that reads back as the same number: what was meant, as written.
  const [mantissa, exponentText] = String(value).toLowerCase().split('e');
  const exponent = Number(exponentText ?? 0);
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** quantity x rate in whole cents, rounded half away from zero. */
export function centsOf(quantity: number, rate: number): number {
  const a = decimalOf(quantity);
  const b = decimalOf(rate);
  return roundToCents(a.digits * b.digits, a.scale + b.scale);
}

/** An amount in whole cents, rounded half away from zero. */
export const toCents = (amount: number): number => centsOf(amount, 1);

/** Cents back to an amount in the currency (150 -> 1.5). */
export const fromCents = (cents: number): number => cents / 100;

function roundToCents(digits: bigint, scale: number): number {
  if (scale <= 2) return Number(digits * 10n ** BigInt(2 - scale));
  const divisor = 10n ** BigInt(scale - 2);
  const negative = digits < 0n;
  const size = negative ? -digits : digits;
  let cents = size / divisor;
  if ((size % divisor) * 2n >= divisor) cents += 1n;
  return Number(negative ? -cents : cents);
}

/** Cents as an amount written with two decimals and the currency: '1500.00 EUR'. */
export function moneyWords(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : '';
  const size = Math.abs(cents);
  return `${sign}${Math.floor(size / 100)}.${String(size % 100).padStart(2, '0')} ${currency}`;
}

/** A rate per unit as agreed: two decimals, or all of them when it has more ('3.333 EUR'). */
export function rateWords(rate: number, currency: string): string {
  const cents = centsOf(rate, 1);
  return fromCents(cents) === rate ? moneyWords(cents, currency) : `${rate} ${currency}`;
}
