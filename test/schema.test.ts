import { readFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaFile } from '../src/graphql/schema-file.js';
import { sortedSchema } from '../src/schema.js';

describe('schema/schema.graphql', () => {
  it('is the SDL the code builds (run `npm run schema:print` after changing the schema)', async () => {
    const committed = await readFile(schemaFile, 'utf8');
    expect(committed).toBe(printSchema(sortedSchema) + '\n');
  });

  it('describes every type', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(sortedSchema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description && !/(Connection|Edge|Success|Result|Input|Filter)$/.test(type.name) && !['Query', 'Mutation', 'PageInfo', 'Node', 'Boolean', 'String', 'Int', 'Float', 'ID'].includes(type.name)) {
        undocumented.push(type.name);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
