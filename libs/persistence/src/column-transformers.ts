import { ValueTransformer } from 'typeorm';

/**
 * pg returns numeric and bigint columns as strings, so that no digit is lost;
 * quantities, amounts and sequences are numbers in the domain.
 */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
