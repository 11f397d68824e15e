// Persisted-operations-only mode for deployed dashboards: the server runs only the documents of
// a manifest made at build time (graphql-codegen's client preset writes one, see the README),
// and refuses any other document. A client sends the document's id instead of its text, as
// `documentId` (GraphQL-over-HTTP's persisted documents, with or without the "sha256:" prefix)
// or as an Automatic Persisted Queries hash in `extensions.persistedQuery.sha256Hash`.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** Request parameters besides Yoga's own that this mode reads. */
export const PERSISTED_OPERATION_PARAMS = ['documentId'];

/** Ids are compared without GraphQL-over-HTTP's "sha256:" prefix, which codegen writes. */
const bareId = (id: string) => id.replace(/^sha256:/, '');

/** The manifest: a JSON object from document id to document text. */
export function loadPersistedOperations(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`CHIBO_PERSISTED_OPERATIONS: cannot read ${file} as JSON (${reason})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`CHIBO_PERSISTED_OPERATIONS: ${file} must hold an object from document id to document`);
  }
  const operations = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`CHIBO_PERSISTED_OPERATIONS: the document of ${id} in ${file} is not a string`);
    operations.set(bareId(id), document);
  }
  return operations;
}

function persistedOperationId(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return bareId(params.documentId);
  const persistedQuery: unknown = params.extensions?.persistedQuery;
  if (typeof persistedQuery === 'object' && persistedQuery !== null && 'sha256Hash' in persistedQuery) {
    return typeof persistedQuery.sha256Hash === 'string' ? bareId(persistedQuery.sha256Hash) : null;
  }
  return null;
}

const badRequest = (code: string) => ({ code, http: { status: 400 } });

export function usePersistedOperationsOnly(operations: Map<string, string>): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: false,
    extractPersistedOperationId: persistedOperationId,
    customErrors: {
      persistedQueryOnly: {
        message: 'This server runs only its persisted operations: send "documentId" with the id from the manifest instead of "query".',
        extensions: badRequest('PERSISTED_QUERY_ONLY'),
      },
      keyNotFound: {
        message: 'The request has neither "query" nor "documentId".',
        extensions: badRequest('PERSISTED_QUERY_ID_REQUIRED'),
      },
      notFound: {
        message: 'No persisted operation has this documentId.',
        extensions: badRequest('PERSISTED_QUERY_NOT_FOUND'),
      },
    },
  });
}
