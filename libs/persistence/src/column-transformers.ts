import { ValueTransformer } from 'typeorm';

/**
 * pg returns numeric and bigint columns as strings, so that no digit is lost;
 * quantities, amounts and sequences are numbers in the domain.
 */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A quantity or an amount as stored: numeric(18, 6), six decimals as the contracts keep them, read as a number. */
export const decimalColumn = { type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber } as const;

/**
 * Site x item keys as three parallel arrays, the parameters of `unnest($1::text[], $2::text[], $3::text[])`:
 * how a repository loads or locks every key of a batch in one statement.
 */
export const siteItemColumns = (
  keys: ReadonlyArray<{ buyerId: string; siteId: string; itemId: string }>,
): [string[], string[], string[]] => [keys.map((k) => k.buyerId), keys.map((k) => k.siteId), keys.map((k) => k.itemId)];
