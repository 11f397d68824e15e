// Relay global ids in inputs are decoded here, so that a malformed or foreign id becomes a
// ValidationError naming the field instead of an untyped GraphQL error.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError, ValidationError } from '../errors.js';
import { message } from '../text/messages.js';

/** The largest key the store's integer ids hold: a larger id names nothing. */
const MAX_ROW_ID = 2_147_483_647;

/** The row id in a global id's local part, or null when it is not a whole number that could be one. */
function rowIdOf(local: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(local)) return null;
  const id = Number(local);
  return id <= MAX_ROW_ID ? id : null;
}

export function localId(globalId: string, typename: string, field: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw ValidationError.of(field, message('NOT_AN_ID', { value: globalId.slice(0, 60) }));
  }
  if (decoded.typename !== typename || !/^[0-9]+$/.test(decoded.id)) throw ValidationError.of(field, message('ID_OF_OTHER_TYPE', { typename }));
  const id = rowIdOf(decoded.id);
  // Well formed but beyond any key: it names nothing, as an unknown id does.
  if (id === null) throw new NotFoundError(typename, field, decoded.id.slice(0, 30));
  return id;
}

/**
 * How node(id:) finds a record by the local part of its global id: an id no row can have
 * (too large for a key, not a number) looks up 0, which no row has, so it answers null as an
 * unknown id does rather than failing in the store.
 */
export const nodeLookup = {
  findUnique: (local: string) => ({ id: rowIdOf(local) ?? 0 }),
};

export function optionalLocalId(globalId: string | null | undefined, typename: string, field: string) {
  return globalId == null ? globalId : localId(globalId, typename, field);
}

export function globalId(typename: string, id: number): string {
  return encodeGlobalID(typename, id);
}
