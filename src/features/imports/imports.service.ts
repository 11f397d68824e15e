// Turns an uploaded file into text and runs an import in one transaction.
import type { StoreContext } from '../../access/viewer-store.js';
import { write, type Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import { MAX_IMPORT_BYTES } from './csv-table.js';
import { importMeetings } from './meeting-import.js';
import { importMembers } from './member-import.js';

async function fileText(file: File): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw ValidationError.of('input.file', `is ${Math.ceil(file.size / 1024 / 1024)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  const text = await file.text();
  if (text.includes('\uFFFD')) {
    throw ValidationError.of('input.file', 'is not UTF-8 text; in Excel save it as "CSV UTF-8 (Comma delimited)"');
  }
  return text;
}

export interface ImportSummary {
  imported: number;
}

/** Every row of a file is checked and written in one transaction, which takes its time. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;

async function runImport(ctx: StoreContext, file: File, run: (tx: Tx, text: string) => Promise<number>): Promise<ImportSummary> {
  const text = await fileText(file);
  return { imported: await write(ctx, (tx) => run(tx, text), { timeoutMs: IMPORT_TIMEOUT_MS }) };
}

export function importMeetingsFile({ ctx, unitId, file }: { ctx: StoreContext; unitId: number; file: File }): Promise<ImportSummary> {
  return runImport(ctx, file, (tx, text) => importMeetings(tx, unitId, text));
}

export function importMembersFile({ ctx, unitId, file }: { ctx: StoreContext; unitId: number; file: File }): Promise<ImportSummary> {
  return runImport(ctx, file, (tx, text) => importMembers(tx, unitId, text));
}
