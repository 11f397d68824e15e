// Outside development, "Did you mean …" is cut from every error the server sends: graphql-js
// suggests field, argument, type, enum value and input field names from the schema, so typos
// would hand a stranger the schema that introspection refuses. Done where results are
// serialised, the one place every error passes (validation errors skip error masking, and
// graphql-armor's own blocker knows only the field-name wording).
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTIONS = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTIONS, '');
}

function hideIn<Result extends ExecutionResult>(result: Result): Result {
  if (!result.errors?.some((error) => error.message.includes('Did you mean '))) return result;
  // A copy: validation errors are cached and shared between requests.
  const errors = result.errors.map((error) =>
    new GraphQLError(withoutSuggestions(error.message), {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    }),
  );
  return { ...result, errors };
}

export function useHideSuggestions(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in result) return; // streamed results carry no validation errors
      setResult(Array.isArray(result) ? result.map(hideIn) : hideIn(result));
    },
  };
}
