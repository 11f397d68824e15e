// The roles' half of the access rule, applied to the GraphQL schema as it is built: each object
// type gets the audience of its class in src/access/rules.ts, and each personal field its guard,
// through Pothos scope-auth. A type the table does not classify stops the schema from building,
// and no type file may decide access itself, so the table stays the only place that decides.
import SchemaBuilder, {
  BasePlugin,
  PothosSchemaError,
  type PothosOutputFieldConfig,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import { isObjectType, type GraphQLSchema } from 'graphql';
import {
  audienceRoles,
  classAudience,
  classOf,
  personalDataRoles,
  personalFields,
  personalLookups,
  ownRecordFields,
  readableByThemselves,
  type Audience,
} from './rules.js';
import type { Viewer } from './viewer.js';

const pluginName = 'access';

/** The scopes types and fields are guarded by: one an audience, and personal data. */
export type AccessScopes = { [A in Exclude<Audience, 'everyone'>]: boolean } & { personalData: boolean };

/** What a viewer holds of those scopes. */
export function accessScopesOf(viewer: Viewer): AccessScopes {
  return {
    records: audienceRoles.records.includes(viewer.role),
    leadership: audienceRoles.leadership.includes(viewer.role),
    administrators: audienceRoles.administrators.includes(viewer.role),
    personalData: personalDataRoles.includes(viewer.role),
  };
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

export class PothosAccessPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    if (typeConfig.kind !== 'Object' || ROOTS.has(typeConfig.name)) return typeConfig;
    const typeClass = classOf(typeConfig.name);
    if (!typeClass) {
      throw new PothosSchemaError(`the type ${typeConfig.name} is not classified: give it a class in typeClasses (src/access/rules.ts)`);
    }
    if (typeConfig.pothosOptions.authScopes) {
      throw new PothosSchemaError(`the type ${typeConfig.name} sets authScopes itself; access is declared in src/access/rules.ts only`);
    }
    const audience = classAudience[typeClass];
    if (audience === 'everyone') return typeConfig;
    const scopes = { [audience]: true };
    const authScopes = readableByThemselves.includes(typeClass)
      ? (user: { id: number }, context: { viewer: Viewer }) => (user.id === context.viewer.userId ? true : scopes)
      : scopes;
    return { ...typeConfig, pothosOptions: { ...typeConfig.pothosOptions, authScopes } } as PothosTypeConfig;
  }

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const { parentType, name, pothosOptions } = fieldConfig;
    if ((pothosOptions as { authScopes?: unknown }).authScopes) {
      throw new PothosSchemaError(`the field ${parentType}.${name} sets authScopes itself; access is declared in src/access/rules.ts only`);
    }
    if (personalFields[parentType]?.includes(name)) {
      if (!fieldConfig.type.nullable) {
        throw new PothosSchemaError(`the personal field ${parentType}.${name} must be nullable: roles that may not read it read null`);
      }
      return withOptions(fieldConfig, { authScopes: { personalData: true }, unauthorizedResolver: () => null });
    }
    if (personalLookups[parentType]?.includes(name)) return withOptions(fieldConfig, { authScopes: { personalData: true } });
    // A field returning objects of a narrower audience is refused as a whole to the roles outside
    // it, so not even the objects' __typename tells them that such records exist.
    const audience = this.audienceOfResult(fieldConfig);
    if (audience !== 'everyone' && !ownRecordFields[parentType]?.includes(name)) return withOptions(fieldConfig, { authScopes: { [audience]: true } });
    return fieldConfig;
  }

  /** The audience of the objects a field returns (through lists), 'everyone' for scalars, unions and interfaces. */
  private audienceOfResult(fieldConfig: PothosOutputFieldConfig<Types>): Audience {
    const type = fieldConfig.type.kind === 'List' ? fieldConfig.type.type : fieldConfig.type;
    if (type.kind !== 'Object') return 'everyone';
    const typeClass = classOf(this.buildCache.getTypeConfig(type.ref).name);
    return typeClass ? classAudience[typeClass] : 'everyone';
  }

  /** A personal field named in the table that the schema lacks would go unguarded: refuse it. */
  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    for (const [typeName, fields] of Object.entries({ ...personalFields, ...personalLookups })) {
      const type = schema.getType(typeName);
      const missing = isObjectType(type) ? fields.filter((field) => !type.getFields()[field]) : fields;
      if (missing.length > 0) {
        throw new PothosSchemaError(`src/access/rules.ts names fields the schema lacks: ${missing.map((f) => `${typeName}.${f}`).join(', ')}`);
      }
    }
    return schema;
  }
}

function withOptions<Types extends SchemaTypes>(fieldConfig: PothosOutputFieldConfig<Types>, options: object): PothosOutputFieldConfig<Types> {
  return { ...fieldConfig, pothosOptions: { ...fieldConfig.pothosOptions, ...options } } as PothosOutputFieldConfig<Types>;
}

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      access: PothosAccessPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, PothosAccessPlugin);

export default pluginName;
