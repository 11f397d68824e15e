// What an operation asks of the snapshots, read from its document before it runs: which root
// fields read a snapshot, which snapshot each names, and which units each asks about. A root
// field reads a snapshot when it takes a `snapshot` argument (every dashboard figure does, and
// nothing else); an operation made of such fields alone (and `__typename`) never touches the
// transactional store, so its answer depends only on the snapshot, the viewer's scope and role,
// and the operation with its variables.
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { rootFields } from '../access/mutation-guard.js';
import { localId } from '../graphql/ids.js';

interface SnapshotField {
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

export interface OperationShape {
  /** A query whose every root field reads a snapshot: its answer may be cached. */
  cacheable: boolean;
  /** The root fields that read a snapshot. */
  fields: SnapshotField[];
  operation: OperationDefinitionNode | null;
}

const NOTHING: OperationShape = { cacheable: false, fields: [], operation: null };
const shapes = new WeakMap<DocumentNode, Map<string, OperationShape>>();

/** The shape of an operation of a validated document; read once a document. */
export function operationShape(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): OperationShape {
  let byName = shapes.get(document);
  if (!byName) shapes.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let shape = byName.get(key);
  if (!shape) {
    shape = readShape(schema, document, operationName);
    byName.set(key, shape);
  }
  return shape;
}

function readShape(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): OperationShape {
  const operation = getOperationAST(document, operationName);
  const queryType = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !queryType) return NOTHING;
  const queryFields = queryType.getFields();
  const fields: SnapshotField[] = [];
  let cacheable = true;
  for (const node of rootFields(operation.selectionSet, document)) {
    if (node.name.value === '__typename') continue;
    const definition = queryFields[node.name.value];
    if (definition && definition.args.some((arg) => arg.name === 'snapshot')) fields.push({ node, definition });
    else cacheable = false;
  }
  return { cacheable: cacheable && fields.length > 0, fields, operation };
}

export interface SnapshotQuestion {
  /** The variables as the operation reads them (defaults applied, values coerced). */
  variables: Record<string, unknown>;
  /** The snapshot each field names; null for the newest READY one. */
  snapshotIds: (number | null)[];
  /** The units asked about. */
  unitIds: number[];
}

/**
 * The snapshots and units the operation's fields ask about, with these variables; null when an
 * argument is malformed (the operation then runs as any other and answers its typed error).
 */
export function snapshotQuestion(schema: GraphQLSchema, shape: OperationShape, rawVariables: Record<string, unknown> | undefined): SnapshotQuestion | null {
  if (!shape.operation) return null;
  const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], rawVariables ?? {});
  if (!coerced.coerced) return null;
  const variables = coerced.coerced;
  const snapshotIds = new Set<number | null>();
  const unitIds: number[] = [];
  try {
    for (const { node, definition } of shape.fields) {
      const args = getArgumentValues(definition, node, variables);
      snapshotIds.add(typeof args.snapshot === 'string' ? localId(args.snapshot, 'Snapshot', 'args.snapshot') : null);
      if (typeof args.unitId === 'string') unitIds.push(localId(args.unitId, 'Unit', 'args.unitId'));
      if (Array.isArray(args.unitIds)) for (const id of args.unitIds) if (typeof id === 'string') unitIds.push(localId(id, 'Unit', 'args.unitIds'));
    }
  } catch {
    return null;
  }
  return { variables, snapshotIds: [...snapshotIds], unitIds };
}
