/**
 * Quantities are kept to six decimals, as stored. Counting in whole millionths
 * keeps sums, differences and pack rounding exact (0.1 + 0.2 is 0.3 here).
 */
export const MILLIONTHS = 1e6;

/** A quantity in whole millionths. */
export const toMillionths = (quantity: number): number => Math.round(quantity * MILLIONTHS);

/** Back from millionths to a quantity. */
export const fromMillionths = (millionths: number): number => millionths / MILLIONTHS;

/** A quantity rounded to the stored six decimals. */
export const stored = (quantity: number): number => fromMillionths(toMillionths(quantity));
