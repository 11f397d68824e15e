// Input rules in zod, shared by every feature, and their failures as ValidationError.
import { z } from 'zod';
import { ValidationError } from './errors.js';
import { isMessageCode, message, type Message } from './text/messages.js';
import { normalizeText } from './text/vietnamese.js';

/** Parses `value` or throws a ValidationError naming each field under `prefix`. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix = 'input'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].join('.'),
      message: issueMessage(issue),
    })),
  );
}

/**
 * A zod issue as a catalogue message. A rule given a code of the catalogue as its message
 * (`.refine(…, 'TWO_DECIMALS')`) says it; the built-in checks are read from what zod reports
 * of them (the bound, the expected type), so their words come from the catalogue too. A
 * refinement with parameters adds its issue with addMessageIssue.
 */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  if (isMessageCode(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as Message['params'] | undefined) : undefined;
    return { code: issue.message, params: params ?? {} };
  }
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? message('NOT_EMPTY') : message('MIN_CHARACTERS', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return message('MIN_ITEMS', { min });
      if (issue.inclusive === false) return message('MORE_THAN', { min });
      return min === 0 ? message('NOT_NEGATIVE') : message('AT_LEAST', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return message('MAX_CHARACTERS', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return message('MAX_ITEMS', { max });
      return issue.inclusive === false ? message('LESS_THAN', { max }) : message('AT_MOST', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'int') return message('WHOLE_NUMBER');
      if (issue.input === undefined || issue.input === null) return message('REQUIRED');
      return message('WRONG_TYPE', { expected: issue.expected });
    case 'invalid_format':
      return issue.format === 'email' ? message('EMAIL') : issue.format === 'regex' ? message('CODE_CHARACTERS') : message('WRONG_FORMAT');
    case 'invalid_value':
      return message('NOT_ALLOWED_VALUE', { allowed: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return message('UNKNOWN_FIELD');
    default:
      return message('INVALID');
  }
}

/** Adds a catalogue message, with its parameters, as an issue of a zod refinement. */
export function addMessageIssue(ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void }, path: (string | number)[], value: Message): void {
  ctx.addIssue({ code: 'custom', path, message: value.code, params: value.params, input: undefined });
}

/** Text a person typed: NFC, trimmed, spaces collapsed, between `min` and `max` characters. */
export function text({ min = 1, max = 200 }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(min)
        .max(max),
    );
}

export const optionalText = (options?: { max?: number }) =>
  text({ min: 0, ...options })
    .transform((value) => (value === '' ? null : value))
    .nullish();

/** A calendar date between 1900 and 2200 (the scalar already checked its form). */
export const calendarDate = z
  .date()
  .refine((date) => date.getUTCFullYear() >= 1900 && date.getUTCFullYear() <= 2200, 'DATE_RANGE');

export const year = z.number().int().min(1930, 'YEAR_RANGE').max(2200, 'YEAR_RANGE');

export const score = z.number().min(0, 'SCORE_RANGE').max(100, 'SCORE_RANGE');

/** The whole number of years between two dates (age on a day). */
export function yearsBetween(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}
