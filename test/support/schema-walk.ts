// Operations generated from the schema itself, for the access walk: from a root field (or a
// node), every relation path down to a number of hops, selecting at every level __typename, id
// and every scalar and enum field; connections as `totalCount edges { node { … } }` with a page
// of `first`; interfaces and unions with an inline fragment for each possible type. A type
// already on the path is not expanded again below itself: it is selected as a leaf (its
// scalars), so every object still shows up, and the document stays finite. A field can be left
// out by its path, so that an operation can be sent again without the fields that answered with
// an error (a refused non-null field nulls its parents, and would hide what its siblings show).
// Then the answers are walked back with the same schema, object by object, with the path that
// reached each.
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export interface WalkShape {
  /** Relation hops below the root object; objects at this depth are leaves. */
  maxHops: number;
  /** `first` of every connection. */
  pageSize: number;
  /** A value for a required argument of a field below the root, or undefined to leave the field out. */
  nestedArgument(type: string, field: string, arg: GraphQLArgument): unknown;
}

/** A GraphQL literal for a value of an input type. */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    return `[${items.map((item) => literal(item, type.ofType)).join(', ')}]`;
  }
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([key, v]) => `${key}: ${literal(v, fields[key]!.type)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

const argumentText = (field: GraphQLField<unknown, unknown>, values: Record<string, unknown>) => {
  const given = field.args.filter((arg) => values[arg.name] !== undefined);
  return given.length === 0 ? '' : `(${given.map((arg) => `${arg.name}: ${literal(values[arg.name], arg.type)}`).join(', ')})`;
};

/** A connection type: `edges { node }` and `totalCount`. */
export function connectionNode(type: GraphQLNamedType): GraphQLNamedType | undefined {
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  if (!fields.edges || !fields.totalCount) return undefined;
  const edge = getNamedType(fields.edges.type);
  return isObjectType(edge) && edge.getFields().node ? getNamedType(edge.getFields().node!.type) : undefined;
}

const isRequired = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;

export class SchemaWalk {
  constructor(
    readonly schema: GraphQLSchema,
    readonly shape: WalkShape,
  ) {}

  /**
   * The selection set (with braces) for a composite type reached after `hops` hops along `seen`.
   * `path` is where it sits in the answer below the root field (field names, "edges" and "node"
   * for connections); fields whose path is in `excluded` are left out.
   */
  selection(
    type: GraphQLNamedType,
    seen: readonly string[],
    hops: number,
    path: readonly string[] = [],
    excluded: ReadonlySet<string> = new Set(),
    maxHops = this.shape.maxHops,
  ): string {
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      return `{ __typename ${possible.map((object) => `... on ${object.name} ${this.selection(object, seen, hops, path, excluded, maxHops)}`).join(' ')} }`;
    }
    if (!isObjectType(type)) throw new Error(`${type.name} has no fields to select`);
    // Below itself a type is a leaf: its scalars, no relations.
    const leaf = hops >= maxHops || seen.includes(type.name);
    const below = [...seen, type.name];
    const parts = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      if (excluded.has([...path, field.name].join('.'))) continue;
      const values: Record<string, unknown> = {};
      let fillable = true;
      for (const arg of field.args) {
        if (!isRequired(arg)) continue;
        const value = this.shape.nestedArgument(type.name, field.name, arg);
        if (value === undefined) fillable = false;
        else values[arg.name] = value;
      }
      if (!fillable) continue;
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        parts.push(`${field.name}${argumentText(field, values)}`);
        continue;
      }
      if (leaf) continue;
      const node = connectionNode(named);
      if (node) {
        if (field.args.some((arg) => arg.name === 'first')) values.first = this.shape.pageSize;
        const nodePath = [...path, field.name, 'edges', 'node'];
        const nodes = excluded.has(nodePath.join('.')) ? '' : ` edges { node ${this.selection(node, below, hops + 1, nodePath, excluded, maxHops)} }`;
        parts.push(`${field.name}${argumentText(field, values)} { totalCount${nodes} }`);
      } else {
        parts.push(`${field.name}${argumentText(field, values)} ${this.selection(named, below, hops + 1, [...path, field.name], excluded, maxHops)}`);
      }
    }
    return `{ ${parts.join(' ')} }`;
  }

  /** `field(args) { … }` at the root of an operation; root connections get a page of `first`. */
  rootSelection(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, excluded: ReadonlySet<string> = new Set(), maxHops = this.shape.maxHops): string {
    const named = getNamedType(field.type);
    const values = { ...args };
    const node = connectionNode(named);
    if (node && field.args.some((arg) => arg.name === 'first') && values.first === undefined) values.first = this.shape.pageSize;
    const head = `${field.name}${argumentText(field, values)}`;
    if (isLeafType(named)) return head;
    if (node) {
      const nodes = excluded.has('edges.node') ? '' : ` edges { node ${this.selection(node, [], 0, ['edges', 'node'], excluded, maxHops)} }`;
      return `${head} { totalCount${nodes} }`;
    }
    return `${head} ${this.selection(named, [], 0, [], excluded, maxHops)}`;
  }
}

/** One object of an answer, with the path that reached it. */
export interface Reached {
  typename: string;
  object: Record<string, unknown>;
  /** Field names from the root, e.g. ["workingGroups", "edges", "node", "visits", "meeting"]. */
  path: string[];
  /** The objects above it, nearest first. */
  ancestors: Reached[];
}

/**
 * Every object of an answer's data, depth first. `rootLabels` names root aliases (an alias
 * "n3" of `node` as "node(Member)").
 */
export function reachedObjects(schema: GraphQLSchema, data: Record<string, unknown>, rootLabels: Map<string, string> = new Map()): Reached[] {
  const found: Reached[] = [];
  const visit = (value: unknown, type: GraphQLOutputType, path: string[], ancestors: Reached[]) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, type, path, ancestors);
      return;
    }
    const named = getNamedType(type);
    if (isLeafType(named) || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const typename = typeof object.__typename === 'string' ? object.__typename : named.name;
    const concrete = schema.getType(typename) as GraphQLObjectType | undefined;
    const reached: Reached = { typename, object, path, ancestors };
    found.push(reached);
    if (!concrete || !isObjectType(concrete)) return;
    const fields = concrete.getFields();
    for (const [key, child] of Object.entries(object)) {
      const field = fields[key];
      if (!field) continue;
      visit(child, field.type, [...path, key], [reached, ...ancestors]);
    }
  };
  const query = schema.getQueryType()!.getFields();
  for (const [key, value] of Object.entries(data)) {
    const label = rootLabels.get(key) ?? key;
    const field = query[key] ?? query[label.replace(/\(.*$/, '')];
    if (!field) continue;
    visit(value, field.type, [label], []);
  }
  return found;
}
