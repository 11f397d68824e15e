// Imports every type module for its side effects, then builds the schema.
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './graphql/scalars.js';
import './graphql/errors.schema.js';
import './features/units/units.schema.js';
import './features/members/members.schema.js';
import './features/admissions/admissions.schema.js';
import './features/meetings/meetings.schema.js';
import './features/supervision/supervision.schema.js';
import './features/ratings/ratings.schema.js';
import './features/imports/imports.schema.js';
import './features/snapshots/snapshots.schema.js';
import './features/reports/reports.schema.js';
import './features/analytics/analytics.schema.js';
import './features/analytics/measures.schema.js';
import './features/users/users.schema.js';
import './features/audit/audit.schema.js';

export const schema = builder.toSchema();

/** The schema as committed in schema/schema.graphql: sorted, so diffs stay small. */
export const sortedSchema = lexicographicSortSchema(schema);
