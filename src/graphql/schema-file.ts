import { fileURLToPath } from 'node:url';

/** The committed SDL; a test fails when it differs from what the code builds. */
export const schemaFile = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
