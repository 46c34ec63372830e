/**
 * Quantities are kept to six decimals, as stored across the platform: sums of days' quantities
 * round to them, so 0.1 + 0.2 is 0.3 here as in the database.
 */
export const stored = (quantity: number): number => Math.round(quantity * 1e6) / 1e6;
