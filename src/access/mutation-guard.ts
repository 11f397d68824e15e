// Refuses, before anything runs, a mutation the viewer may not run (mutationRoles and
// wholeCountryMutations in src/access/rules.ts), however its root fields are spelled
// (fragments included).
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { audienceRoles, mutationRoles, wholeCountryMutations } from './rules.js';
import type { Viewer } from './viewer.js';
import { message, render, type Message } from '../text/messages.js';

/** Why a viewer may not run a mutation, or null when they may. Unlisted mutations are ADMIN's. */
export function mutationRefusal(field: string, viewer: Viewer): Message | null {
  const allowed = mutationRoles[field] ?? audienceRoles.administrators;
  if (!allowed.includes(viewer.role)) return message('NEEDS_ROLE', { mutation: field, roles: allowed.join(' or '), role: viewer.role });
  if (wholeCountryMutations.includes(field) && viewer.scopeUnitId !== null) {
    return message('WHOLE_COUNTRY_MUTATION', { mutation: field });
  }
  return null;
}

export function useMutationGuard(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { viewer, language } = args.contextValue as Context;
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION && (!args.operationName || definition.name?.value === args.operationName),
      );
      if (operation?.operation === 'mutation') {
        const refusals = rootFields(operation.selectionSet, document)
          .map((field) => mutationRefusal(field.name.value, viewer))
          .filter((refusal) => refusal !== null);
        if (refusals.length > 0) {
          setResultAndStopExecution({ errors: refusals.map((refusal) => createGraphQLError(render(refusal, language), { extensions: { code: 'FORBIDDEN', reason: refusal.code } })) });
        }
      }
    },
  };
}

/** The root fields of an operation, through fragments spread or inlined at its root. */
export function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = document.definitions.find(
      (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
    );
    return fragment ? rootFields(fragment.selectionSet, document, seen) : [];
  });
}
