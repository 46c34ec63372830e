import { BadRequestException } from '@nestjs/common';

const MAX_ID_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An optional text filter from the query string: absent is fine, but empty, repeated or overlong is a caller's mistake. */
export function optionalQueryText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${field} must be given at most once, as text`);
  if (value.trim().length === 0) throw new BadRequestException(`${field} must not be empty`);
  if (value.length > MAX_ID_LENGTH) throw new BadRequestException(`${field} must be at most ${MAX_ID_LENGTH} characters`);
  // Postgres refuses a NUL byte in text with an error, which would answer 500; no id holds a control character.
  if (CONTROL_CHARACTER.test(value)) throw new BadRequestException(`${field} must not hold control characters`);
  return value;
}

/** An optional filter that must be one of a few words. */
export function optionalQueryChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
  const text = optionalQueryText(value, field);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new BadRequestException(`${field} must be one of ${choices.join(', ')} (got ${text})`);
  return text as T;
}

/** An optional whole number from the query string, within bounds. */
export function optionalQueryWholeNumber(value: unknown, field: string, bounds: { min: number; max: number }): number | undefined {
  const text = optionalQueryText(value, field);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < bounds.min || number > bounds.max) {
    throw new BadRequestException(`${field} must be a whole number from ${bounds.min} to ${bounds.max} (got ${text})`);
  }
  return number;
}
