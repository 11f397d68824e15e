// What a client sees of an error. Expected failures (src/errors.ts) that reach the top of a
// query, where there is no typed result to carry them (a malformed id in a list filter, an
// unknown unit in an argument), are shown with their message and the field; a refusal for the
// role as FORBIDDEN; everything else is masked outside development.
import { GraphQLError } from 'graphql';
import { maskError as maskUnexpected, type YogaServerOptions } from 'graphql-yoga';
import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';

type MaskError = NonNullable<Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']>;

export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof ValidationError || original instanceof NotFoundError || original instanceof ConflictError) {
    const issues = original instanceof ValidationError ? original.issues : [{ field: original.field, message: original.message }];
    return new GraphQLError(original.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'BAD_USER_INPUT', issues },
    });
  }
  if (original instanceof Prisma.PrismaClientKnownRequestError && original.code === 'P2025') {
    // node(id:) of a record that does not exist, or lies outside the viewer's subtree: alike.
    return new GraphQLError('no such record', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'NOT_FOUND' },
    });
  }
  if (original instanceof ForbiddenError) {
    return new GraphQLError('not allowed for this role', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return maskUnexpected(error, message, isDev);
};
