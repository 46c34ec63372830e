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
