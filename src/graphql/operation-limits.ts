// Which documents the server agrees to run. graphql-armor rejects, before execution, documents
// too deep, too costly or with too many aliases, directives or tokens (the usual ways one small
// request makes the server do a lot of work). Outside development introspection is refused and
// suggestions are cut from errors, so strangers are not handed the schema.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationLimits } from '../config.js';
import { useHideSuggestions } from './hide-suggestions.js';

/**
 * armor throws its rejections out of `validate`, which answers 200 with a bare message. Reported
 * through the validation context instead, they are validation errors like any other: 400 and
 * GRAPHQL_VALIDATION_FAILED. (armor prefixes "Syntax Error: ", which these are not.)
 */
const reportAsValidationError = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
};
const asValidationError = { propagateOnRejection: false, onReject: [reportAsValidationError] };

export function operationLimitPlugins({ limits, development }: { limits: OperationLimits; development: boolean }): Plugin[] {
  const armor: Plugin = EnvelopArmorPlugin({
    // Inline fragments (`... on Unit`) are type conditions, not a level of nesting or cost.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...asValidationError },
    costLimit: { maxCost: limits.maxCost, flattenFragments: true, ...asValidationError },
    maxAliases: { n: limits.maxAliases, ...asValidationError },
    maxDirectives: { n: limits.maxDirectives, ...asValidationError },
    // Counted while parsing, before there is a validation context: it stays a syntax error.
    maxTokens: { n: limits.maxTokens },
    // armor's own knows only the field-name wording; useHideSuggestions cuts every kind.
    blockFieldSuggestion: { enabled: false },
  });
  return development ? [armor] : [armor, useDisableIntrospection(), useHideSuggestions()];
}
