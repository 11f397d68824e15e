// `npm run schema:print`: writes the SDL the code builds to schema/schema.graphql.
import { writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { schemaFile } from '../graphql/schema-file.js';
import { sortedSchema } from '../schema.js';

await writeFile(schemaFile, printSchema(sortedSchema) + '\n');
console.log(`Wrote ${schemaFile}`);
