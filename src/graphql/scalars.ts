// Scalars: calendar dates (YYYY-MM-DD, as a committee writes them), instants, uploads, and the
// audit log's rows as JSON.
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.js';

builder.addScalarType('Date', DateResolver, {});
builder.addScalarType('DateTime', DateTimeResolver, {});
builder.addScalarType('JSON', JSONResolver, {});
builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request (a CSV to import).',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
});
