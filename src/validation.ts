// Input rules in zod, shared by every feature, and their failures as ValidationError.
import { z } from 'zod';
import { ValidationError } from './errors.js';
import { normalizeText } from './text/vietnamese.js';

/** Parses `value` or throws a ValidationError naming each field under `prefix`. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix = 'input'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

/** Text a person typed: NFC, trimmed, spaces collapsed, between `min` and `max` characters. */
export function text({ min = 1, max = 200 }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`)
        .max(max, `must have at most ${max} characters`),
    );
}

export const optionalText = (options?: { max?: number }) =>
  text({ min: 0, ...options })
    .transform((value) => (value === '' ? null : value))
    .nullish();

/** A calendar date between 1900 and 2200 (the scalar already checked its form). */
export const calendarDate = z
  .date()
  .refine((date) => date.getUTCFullYear() >= 1900 && date.getUTCFullYear() <= 2200, 'must be between 1900-01-01 and 2200-12-31');

export const year = z.number().int('must be a whole year').min(1930, 'must be 1930 or later').max(2200, 'must be 2200 or earlier');

export const score = z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100');

/** The whole number of years between two dates (age on a day). */
export function yearsBetween(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}
