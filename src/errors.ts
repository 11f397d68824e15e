// Expected failures, each a class the errors plugin turns into a typed result. Anything
// else is thrown as it is and masked outside development. Their words are messages of the
// catalogue (src/text/messages.ts), rendered in the reader's language where they are shown;
// `message` itself is the English, for logs.
import { fieldLabel } from './text/field-labels.js';
import { message, render, type Language, type Message } from './text/messages.js';

/** One thing wrong with the input: where (a dotted path such as "input.birthDate") and what. */
export interface FieldIssue {
  field: string;
  /** A message of the catalogue: no words are written where a failure arises. */
  message: Message;
}

/** A FieldIssue as errors keep it: its message always one of the catalogue's. */
export interface ShownIssue {
  field: string;
  message: Message;
  /** The language it is shown in whatever the request asks; absent: the request's. */
  language?: Language;
}

/** An issue's field as a person reads it: its label in Vietnamese, its path in English. */
export function fieldName(field: string, language: Language): string {
  return language === 'vi' ? `${fieldLabel(field)} (${field})` : field;
}

export function issueText(issue: ShownIssue, language: Language): string {
  return `${fieldName(issue.field, language)}: ${render(issue.message, language)}`;
}

/** What every expected failure shows: a stable code and its text in a language. */
export abstract class ExpectedError extends Error {
  /** The kind of failure, the same in every language. */
  abstract readonly code: string;
  abstract describe(language: Language): string;
  /** The language the error is shown in whatever the request asks (imports: Vietnamese); null: the request's. */
  language: Language | null = null;

  /** Fixes the language the error is shown in; returns the error, to throw it again. */
  shownIn(language: Language): this {
    this.language = language;
    return this;
  }
}

/** Whether an error is one of these (by its shape: a test runner may load this module twice). */
export function isExpected(error: unknown): error is ExpectedError {
  return typeof error === 'object' && error !== null && typeof (error as Partial<ExpectedError>).describe === 'function' && typeof (error as Partial<ExpectedError>).code === 'string';
}

export class ValidationError extends ExpectedError {
  readonly code = 'VALIDATION_FAILED';
  readonly issues: ShownIssue[];

  constructor(issues: FieldIssue[]) {
    const normalized = issues.map((issue) => ({ field: issue.field, message: issue.message }));
    super('');
    this.name = 'ValidationError';
    this.issues = normalized;
    this.message = this.describe('en');
  }

  describe(language: Language): string {
    const first = this.issues[0];
    if (this.issues.length === 1 && first) return issueText(first, language);
    const heading = render(message('VALIDATION_FAILED', { count: this.issues.length }), language);
    return `${heading}: ${this.issues.map((issue) => issueText(issue, language)).join('; ')}`;
  }

  static of(field: string, text: Message): ValidationError {
    return new ValidationError([{ field, message: text }]);
  }
}

/** A failure about one field: not found, a conflict, a refusal. */
abstract class FieldError extends ExpectedError {
  readonly detail: Message;

  constructor(
    readonly field: string,
    detail: Message,
  ) {
    super('');
    this.detail = detail;
    this.message = this.describe('en');
  }

  describe(language: Language): string {
    return `${fieldName(this.field, language)}: ${render(this.detail, language)}`;
  }

  /** The problem as one issue, for lists of them. */
  get issue(): ShownIssue {
    return { field: this.field, message: this.detail };
  }
}

export class NotFoundError extends FieldError {
  readonly code = 'NOT_FOUND';

  constructor(
    readonly entity: string,
    field: string,
    readonly id: string,
    /** Where it was looked for, when that helps: the scope unit's name. */
    scope?: string,
  ) {
    super(field, scope ? message('NOT_FOUND_IN_SCOPE', { entity, id, scope }) : message('NOT_FOUND', { entity, id }));
    this.name = 'NotFoundError';
  }
}

/** The write would break a uniqueness rule: a second rating for the year, a reused card number. */
export class ConflictError extends FieldError {
  readonly code = 'CONFLICT';

  constructor(field: string, detail: Message) {
    super(field, detail);
    this.name = 'ConflictError';
  }
}

/**
 * The record may be read but not changed by the viewer: it belongs to a unit outside their
 * subtree (a working group the province formed, a rating the district decided, a member who
 * now meets elsewhere).
 */
export class ForbiddenError extends FieldError {
  readonly code = 'FORBIDDEN';

  constructor(field: string, detail: Message) {
    super(field, detail);
    this.name = 'ForbiddenError';
  }
}

export const mutationErrors = [ValidationError, NotFoundError, ConflictError, ForbiddenError];
