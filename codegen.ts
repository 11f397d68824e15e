// Typed documents for the operations tests (and dashboards) send: `graphql(`…`)` in a test
// returns a TypedDocumentNode whose result and variables are checked against the schema.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/generated/**'],
  ignoreNoDocuments: true,
  // ESM: relative imports in the generated files end in .js.
  emitLegacyCommonJSImports: false,
  generates: {
    'test/generated/': {
      preset: 'client',
      config: {
        scalars: { Date: 'string', DateTime: 'string', File: 'File' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      // persisted-documents.json: the manifest a deployed client hands CHIBO_PERSISTED_OPERATIONS.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
    },
  },
};

export default config;
