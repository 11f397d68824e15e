// What a client sees of an error. Expected failures (src/errors.ts) that reach the top of a
// query, where there is no typed result to carry them (a malformed id in a list filter, an
// unknown unit in an argument), are shown with their message and the field; a refusal for the
// role as FORBIDDEN; everything else is masked outside development. Messages are in the
// request's language (src/http/language.ts).
import { GraphQLError } from 'graphql';
import { maskError as maskUnexpected, type YogaServerOptions } from 'graphql-yoga';
import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { currentLanguage } from '../http/language.js';
import { fieldLabel } from '../text/field-labels.js';
import { message, render } from '../text/messages.js';

type MaskError = NonNullable<Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']>;

export const maskError: MaskError = (error, text, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const at = { nodes: error instanceof GraphQLError ? error.nodes : undefined, path: error instanceof GraphQLError ? error.path : undefined };
  const language = currentLanguage();
  if (original instanceof ValidationError || original instanceof NotFoundError || original instanceof ConflictError) {
    const issues = original instanceof ValidationError ? original.issues : [original.issue];
    return new GraphQLError(original.describe(language), {
      ...at,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: original.code,
        issues: issues.map((issue) => ({
          field: issue.field,
          label: fieldLabel(issue.field),
          code: issue.message.code,
          message: render(issue.message, language),
        })),
      },
    });
  }
  if (original instanceof Prisma.PrismaClientKnownRequestError && original.code === 'P2025') {
    // node(id:) of a record that does not exist, or lies outside the viewer's subtree: alike.
    return new GraphQLError(render(message('NO_SUCH_RECORD'), language), { ...at, extensions: { code: 'NOT_FOUND' } });
  }
  if (original instanceof ForbiddenError) {
    return new GraphQLError(render(message('FORBIDDEN_ROLE'), language), { ...at, extensions: { code: 'FORBIDDEN' } });
  }
  return maskUnexpected(error, text, isDev);
};
