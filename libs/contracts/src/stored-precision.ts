/**
 * Quantities and amounts are stored with six decimals (numeric(18, 6)). Sums of
 * doubles drift (0.1 + 0.2 is 0.30000000000000004); rounding to what is stored
 * keeps what a service computes equal to what it reads back.
 */
export const roundToStoredPrecision = (value: number): number => Math.round(value * 1e6) / 1e6;

/** numeric(18, 6) keeps 12 digits before the point: every stored quantity or amount is below this. */
export const STORED_QUANTITY_LIMIT = 1e12;
