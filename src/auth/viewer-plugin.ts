// Runs every operation as its viewer (src/auth/viewer.ts), so the store layer and the audit
// log know who is asking without the viewer being passed through every service; and refuses,
// before anything runs, a mutation the viewer's role may not run (src/auth/mutation-roles.ts).
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { mutationRefusal } from './mutation-roles.js';
import { runAs } from './viewer.js';

export function useViewer(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const viewer = (args.contextValue as Context).viewer;
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION && (!args.operationName || definition.name?.value === args.operationName),
      );
      if (operation?.operation === 'mutation') {
        const refusals = rootFields(operation.selectionSet, document)
          .map((field) => mutationRefusal(field.name.value, viewer.role))
          .filter((refusal) => refusal !== null);
        if (refusals.length > 0) {
          setResultAndStopExecution({ errors: refusals.map((message) => createGraphQLError(message, { extensions: { code: 'FORBIDDEN' } })) });
          return;
        }
      }
      setExecuteFn((executeArgs) => runAs(viewer, () => executeFn(executeArgs)));
    },
  };
}

/** The root fields of an operation, through fragments spread or inlined at its root. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): FieldNode[] {
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
