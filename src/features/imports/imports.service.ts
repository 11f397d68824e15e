// Reads an uploaded file into rows and runs an import in one transaction; a dry run goes
// through every row the same way and then rolls the transaction back.
import type { StoreContext } from '../../access/viewer-store.js';
import { write, type Tx } from '../../db/write.js';
import { isExpected } from '../../errors.js';
import { importMeetings } from './meeting-import.js';
import { importMembers } from './member-import.js';
import { importMemberRatings } from './member-rating-import.js';
import { readUploadedTable, type TableRow } from './uploaded-table.js';
import { importAdmissionTargets } from './admission-target-import.js';
import { importCandidates } from './candidate-import.js';
import { importVisits } from './visit-import.js';
import { importWorkingGroups } from './working-group-import.js';
import { importRecognitions } from './recognition-import.js';
import { importUnits } from './unit-import.js';
import { importUnitRatings } from './unit-rating-import.js';

export interface ImportSummary {
  /** Rows in the file. */
  rowCount: number;
  /** Rows written: all of them, or none in a dry run. */
  imported: number;
  dryRun: boolean;
}

export interface ImportRequest {
  ctx: StoreContext;
  unitId: number;
  file: File;
  dryRun?: boolean | null;
}

/** Every row of a file is checked and written in one transaction, which takes its time. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;

/** Thrown at the end of a dry run's transaction so that nothing it wrote stays. */
class DryRunRollback extends Error {}

/** An import's refusals are read by clerks: in Vietnamese, whatever language the request asks. */
async function runImport(request: Omit<ImportRequest, 'unitId'>, run: (tx: Tx, table: TableRow[]) => Promise<number>): Promise<ImportSummary> {
  try {
    return await runImportIn(request, run);
  } catch (error) {
    throw isExpected(error) ? error.shownIn('vi') : error;
  }
}

async function runImportIn(request: Omit<ImportRequest, 'unitId'>, run: (tx: Tx, table: TableRow[]) => Promise<number>): Promise<ImportSummary> {
  const table = await readUploadedTable(request.file);
  const options = { timeoutMs: IMPORT_TIMEOUT_MS };
  if (!request.dryRun) {
    const imported = await write(request.ctx, (tx) => run(tx, table), options);
    return { rowCount: imported, imported, dryRun: false };
  }
  let rowCount = 0;
  try {
    await write(
      request.ctx,
      async (tx) => {
        rowCount = await run(tx, table);
        throw new DryRunRollback();
      },
      options,
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return { rowCount, imported: 0, dryRun: true };
}

export function importMeetingsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importMeetings(tx, request.unitId, table));
}

export function importMembersFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importMembers(tx, request.unitId, table));
}

export function importMemberRatingsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importMemberRatings(tx, request.unitId, table));
}

export function importAdmissionTargetsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importAdmissionTargets(tx, request.unitId, table));
}

export function importCandidatesFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importCandidates(tx, request.unitId, table, request.ctx.viewer));
}

export function importWorkingGroupsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importWorkingGroups(tx, request.unitId, table));
}

export function importVisitsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importVisits(tx, request.unitId, table));
}

/** A file of units: for a unit's subtree, or (unitId null) the viewer's own, provinces included for the whole country. */
export function importUnitsFile(request: Omit<ImportRequest, 'unitId'> & { unitId: number | null }): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importUnits(tx, request.ctx.viewer, request.unitId, table));
}

export function importUnitRatingsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importUnitRatings(tx, request.unitId, table));
}

export function importRecognitionsFile(request: ImportRequest): Promise<ImportSummary> {
  return runImport(request, (tx, table) => importRecognitions(tx, request.unitId, table));
}
