// The GraphQL side of src/errors.ts: an Error interface and one object type per class. Each
// shows a stable code and its text in the language the client asked for (Accept-Language).
import { builder } from '../builder.js';
import { ConflictError, ForbiddenError, isExpected, NotFoundError, ValidationError, type ShownIssue } from '../errors.js';
import { fieldLabel } from '../text/field-labels.js';
import { render } from '../text/messages.js';

/** An error's code: its own, or for another typed error its class named in capitals (ImportRejectedError → IMPORT_REJECTED). */
function codeOf(error: Error): string {
  if (isExpected(error)) return error.code;
  return error.constructor.name.replace(/Error$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure: nothing was written. Lỗi dự kiến: không có gì được ghi.',
  fields: (t) => ({
    code: t.string({
      description: 'The kind of failure, the same in every language: VALIDATION_FAILED, NOT_FOUND, CONFLICT, FORBIDDEN, IMPORT_REJECTED.',
      resolve: codeOf,
    }),
    message: t.string({
      description: 'What is wrong, for a person to act on: in Vietnamese when the request says "Accept-Language: vi", else English.',
      resolve: (error, _args, context) => (isExpected(error) ? error.describe(error.language ?? context.language) : error.message),
    }),
  }),
});

const FieldIssueRef = builder.objectRef<ShownIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the field, e.g. "input.birthDate".' }),
    label: t.string({
      description: 'The field as a Vietnamese form heads it, e.g. "Ngày sinh".',
      resolve: (issue) => fieldLabel(issue.field),
    }),
    code: t.string({
      description: 'What is wrong, as a stable code of the message catalogue (e.g. NOT_EMPTY, NOT_IN_FUTURE).',
      resolve: (issue) => issue.message.code,
    }),
    message: t.string({
      description: 'What is wrong with the field, in the language of the request.',
      resolve: (issue, _args, context) => render(issue.message, issue.language ?? context.language),
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks a rule; every problem found is listed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      resolve: (error) => (error.language ? error.issues.map((issue) => ({ ...issue, language: error.language ?? undefined })) : error.issues),
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'An id in the input names nothing that exists.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field'),
    label: t.string({ description: 'The field as a Vietnamese form heads it.', resolve: (error) => fieldLabel(error.field) }),
    entity: t.exposeString('entity'),
    id: t.exposeString('id'),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The write would duplicate something that must be unique.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field'),
    label: t.string({ description: 'The field as a Vietnamese form heads it.', resolve: (error) => fieldLabel(error.field) }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The record may be read but not changed by you: it belongs to a unit outside your subtree.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field'),
    label: t.string({ description: 'The field as a Vietnamese form heads it.', resolve: (error) => fieldLabel(error.field) }),
  }),
});
