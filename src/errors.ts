// Expected failures, each a class the errors plugin turns into a typed result. Anything
// else is thrown as it is and masked outside development.

/** One thing wrong with the input: where (a dotted path such as "input.birthDate") and what. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const first = issues[0];
    super(
      issues.length === 1 && first
        ? `${first.field}: ${first.message}`
        : `The input has ${issues.length} problems: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'ValidationError';
    this.issues = issues;
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly id: string,
    /** Where it was looked for, when that helps ("in your subtree (Xã A): …"). */
    where?: string,
  ) {
    super(`${field}: no ${entity} with id ${id}${where ? ` ${where}` : ''}`);
    this.name = 'NotFoundError';
  }
}

/** The write would break a uniqueness rule: a second rating for the year, a reused card number. */
export class ConflictError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ConflictError';
  }
}

/**
 * The record may be read but not changed by the viewer: it belongs to a unit outside their
 * subtree (a working group the province formed, a rating the district decided, a member who
 * now meets elsewhere).
 */
export class ForbiddenError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ForbiddenError';
  }
}

export const mutationErrors = [ValidationError, NotFoundError, ConflictError, ForbiddenError];
