// Relay global ids in inputs are decoded here, so that a malformed or foreign id becomes a
// ValidationError naming the field instead of an untyped GraphQL error.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../errors.js';

export function localId(globalId: string, typename: string, field: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw ValidationError.of(field, `"${globalId.slice(0, 60)}" is not an id`);
  }
  const id = Number(decoded.id);
  if (decoded.typename !== typename || !Number.isSafeInteger(id) || id <= 0) {
    throw ValidationError.of(field, `must be the id of a ${typename}`);
  }
  return id;
}

export function optionalLocalId(globalId: string | null | undefined, typename: string, field: string) {
  return globalId == null ? globalId : localId(globalId, typename, field);
}

export function globalId(typename: string, id: number): string {
  return encodeGlobalID(typename, id);
}
