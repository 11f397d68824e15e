// Runs typed operations through the app as a client would: HTTP requests to `yoga.fetch`,
// no port opened.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createApp } from '../../src/app.js';
import { bearer } from './auth.js';

export const app = createApp({ development: true });

export async function execute<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<ExecutionResult<Result>> {
  return executeAs(await bearer(), document, variables as Variables);
}

/** The operation sent with this Authorization header (null: none). */
export async function executeAs<Result, Variables>(
  authorization: string | null,
  document: TypedDocumentNode<Result, Variables>,
  variables?: Variables,
): Promise<ExecutionResult<Result>> {
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as ExecutionResult<Result>;
}

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export async function run<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  ...variables: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  const result = await execute(document, ...variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

/**
 * Sends an operation with files as a GraphQL multipart request (the spec Yoga implements):
 * `files` maps a variable path such as "input.file" to the file sent for it.
 */
export async function upload<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  files: Record<string, File>,
): Promise<ExecutionResult<Result>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: print(document), variables }));
  const paths = Object.keys(files);
  form.set('map', JSON.stringify(Object.fromEntries(paths.map((path, index) => [String(index), [`variables.${path}`]]))));
  paths.forEach((path, index) => form.set(String(index), files[path] as File));
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: await bearer() } });
  return (await response.json()) as ExecutionResult<Result>;
}

/** A CSV file as a person would save it from a spreadsheet: UTF-8 with a BOM. */
export function csvFile(lines: string[], name = 'import.csv'): File {
  return new File(['\uFEFF' + lines.join('\r\n') + '\r\n'], name, { type: 'text/csv' });
}
