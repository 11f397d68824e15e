// Importing units (danh sách tổ chức đảng): one row a unit, by the same rules as unitCreate. A
// row names its parent by code: a unit already in the store, or one on another row of the same
// file, before or after it. A province's file holds thousands of units, so the units the file
// names are read at once, every row is checked in memory, and all rows are written parents
// first in bulk inserts (audited in bulk), their ids drawn from the table's sequence beforehand
// so that each unit's materialised path is known when it is inserted.
import type { Viewer } from '../../access/viewer.js';
import type { Tx } from '../../db/write.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma, UnitCategory, UnitKind } from '../../generated/prisma/client.js';
import { message, render } from '../../text/messages.js';
import { labels } from '../../text/labels.js';
import { checkPlacement, checkUnitCreate, findUnit, nameColumns, rootUnitRefusal, unitCodeTaken } from '../units/units.service.js';
import { CellError, choicesOf, parseChoiceCell, parseDateCell, type Choices } from './cell-values.js';
import { columnLabel, readColumns, type ImportColumn } from './import-columns.js';
import { ImportRejectedError, importTableRows, renameFields } from './import-rows.js';
import { insertInChunks, unitsByCode } from './units-by-code.js';
import type { TableRow } from './uploaded-table.js';

export const unitKinds = choicesOf<UnitKind>(labels.UnitKind, {
  tinh: 'PROVINCE',
  'dang bo tinh': 'PROVINCE',
  'dang bo thanh pho': 'PROVINCE',
  huyen: 'DISTRICT',
  'dang bo huyen': 'DISTRICT',
  'dang bo quan': 'DISTRICT',
  'co so': 'GRASSROOTS',
  'bo phan': 'SUB_COMMITTEE',
  'chi bo co so': 'CELL',
  'chi bo truc thuoc': 'CELL',
});

export const unitCategories = choicesOf<UnitCategory>(labels.UnitCategory, {
  ap: 'HAMLET',
  thon: 'HAMLET',
  'khu pho': 'HAMLET',
  'to dan pho': 'HAMLET',
  'su nghiep': 'PUBLIC_SERVICE',
  'quan doi': 'ARMED_FORCES',
  'cong an': 'ARMED_FORCES',
});

export const unitColumns: ImportColumn[] = [
  { key: 'code', headers: ['Mã tổ chức', 'Mã đơn vị'], required: true, format: 'text', example: 'CB-0101',
    hint: 'Mã riêng của tổ chức, không đổi về sau: chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang' },
  { key: 'name', headers: ['Tên tổ chức', 'Tên'], required: true, format: 'text', example: 'Chi bộ ấp Hòa Đức', hint: 'Tên đầy đủ, có dấu' },
  { key: 'kind', headers: ['Loại tổ chức', 'Cấp tổ chức'], required: true, format: 'text', example: labels.UnitKind.CELL, choices: unitKinds.labels,
    hint: 'Chọn trong danh sách' },
  { key: 'category', headers: ['Loại hình', 'Loại hình chi bộ'], required: false, format: 'text', example: labels.UnitCategory.HAMLET,
    choices: unitCategories.labels, hint: 'Bắt buộc với chi bộ; chọn trong danh sách' },
  { key: 'parentCode', headers: ['Mã tổ chức cấp trên', 'Mã cấp trên'], required: false, format: 'text', example: 'DB-0001',
    hint: 'Mã tổ chức trực tiếp cấp trên: một tổ chức đã có, hoặc một tổ chức ở dòng khác của tệp này (trước hay sau đều được); ' +
      'để trống chỉ với đảng bộ tỉnh, do quản trị viên toàn quốc nhập' },
  { key: 'validFrom', headers: ['Ngày thành lập'], required: true, format: 'date', example: new Date(Date.UTC(2015, 0, 1)),
    hint: 'Ngày thành lập, dạng dd/mm/yyyy' },
];

/** A unit of the file as another row may name it as parent, read leniently (its own row reports what is wrong). */
interface UnitInFile {
  line: number;
  name: string;
  kind: UnitKind | undefined;
  parentCode: string | undefined;
}

/** A row checked and waiting to be written. */
interface NewUnit {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  category: UnitCategory | null;
  validFrom: Date;
  /** The parent when it is already in the store; else the file's unit of `parentCode`, or none (a province). */
  storedParent: OrgUnit | null;
  parentCode: string | undefined;
}

function leniently<Value extends string>(value: string | undefined, choices: Choices<Value>): Value | undefined {
  if (value === undefined) return undefined;
  try {
    return parseChoiceCell(value, choices);
  } catch (error) {
    if (error instanceof CellError) return undefined;
    throw error;
  }
}

/**
 * Imports a file of units. `unitId` is the unit the file is for: every row's unit is placed in
 * its subtree, so each names a parent there. Without it the file is the viewer's own, as
 * unitCreate is: a row without a parent is a province, which only a viewer of the whole country
 * may create.
 */
export async function importUnits(tx: Tx, viewer: Viewer | null, unitId: number | null, table: TableRow[]): Promise<number> {
  const fileUnit = unitId === null ? null : await findUnit(tx, unitId, 'input.unitId');
  const rows = readColumns(table, unitColumns);
  const inFile = new Map<string, UnitInFile>();
  for (const { line, values } of rows) {
    if (values.code === undefined || inFile.has(values.code)) continue;
    inFile.set(values.code, { line, name: values.name ?? values.code, kind: leniently(values.kind, unitKinds), parentCode: values.parentCode });
  }
  // What the store holds of the codes the file names: the viewer's subtree only, as unitCreate sees it.
  const taken = await unitsByCode(tx, inFile.keys());
  const storedParents = await unitsByCode(
    tx,
    rows.flatMap(({ values }) => (values.parentCode !== undefined && !inFile.has(values.parentCode) ? [values.parentCode] : [])),
  );
  const rootRefusal = fileUnit === null && rows.some(({ values }) => values.parentCode === undefined) ? await rootUnitRefusal(tx, viewer) : null;

  /** The row's parent in the store (null: one of the file's, or none), checked as unitCreate checks a parent. */
  function parentOf(code: string, kind: UnitKind, category: UnitCategory | null, parentCode: string | undefined): OrgUnit | null {
    if (parentCode === undefined) {
      if (fileUnit) {
        throw ValidationError.of('input.parentCode', message('PARENT_CODE_FOR_FILE_UNIT', { unit: fileUnit.name }));
      }
      // unitCreate's refusal, said of the file's column rather than of parentId.
      if (rootRefusal) throw new ForbiddenError(rootRefusal.field, message('ROOT_UNIT_IN_FILE_OUTSIDE_SCOPE', rootRefusal.detail.params as { scope: string }));
      checkPlacement(kind, null, category);
      return null;
    }
    if (parentCode === code) throw ValidationError.of('input.parentCode', message('PARENT_CODE_IS_OWN'));
    const fileParent = inFile.get(parentCode);
    if (fileParent) {
      const loop = loopThrough(code, parentCode);
      if (loop) throw ValidationError.of('input.parentCode', message('PARENT_CODES_LOOP', { loop: loop.join(' → ') }));
      // A parent whose own kind cannot be read is reported on its own row.
      if (fileParent.kind) checkPlacement(kind, { kind: fileParent.kind, name: fileParent.name, validTo: null }, category);
      return null;
    }
    const stored = storedParents.get(parentCode);
    if (!stored || (fileUnit && !stored.path.startsWith(fileUnit.path))) {
      throw ValidationError.of('input.parentCode', message('PARENT_CODE_UNKNOWN', { code: parentCode, unit: fileUnit?.name ?? '' }));
    }
    checkPlacement(kind, stored, category);
    return stored;
  }

  /** The codes from `code` up its parents in the file, when they come back to it. */
  function loopThrough(code: string, parentCode: string): string[] | null {
    const chain = [code];
    let current: string | undefined = parentCode;
    while (current !== undefined && inFile.has(current)) {
      chain.push(current);
      if (current === code) return chain;
      // A loop that does not pass through this row is reported by the rows in it.
      if (chain.indexOf(current) !== chain.length - 1) return null;
      current = inFile.get(current)?.parentCode;
    }
    return null;
  }

  const pending: NewUnit[] = [];
  return importTableRows({
    tx,
    table,
    columns: unitColumns,
    async handle(row, { read, required }) {
      const code = required('code', (v) => v);
      const name = required('name', (v) => v);
      const kind = required('kind', (v) => parseChoiceCell(v, unitKinds));
      const category = read('category', (v) => parseChoiceCell(v, unitCategories));
      const validFrom = required('validFrom', parseDateCell);
      // Unreadable cells are already recorded against their columns.
      if (!code || !name || !kind || !validFrom || (row.values.category !== undefined && !category)) return;
      try {
        const data = checkUnitCreate({ code, name, kind, category: category ?? null, validFrom });
        const first = inFile.get(code);
        if (first && first.line !== row.line) throw new ConflictError('input.code', message('CODE_ON_EARLIER_ROW', { code, line: first.line }));
        if (taken.has(code)) throw unitCodeTaken(code);
        const storedParent = parentOf(code, data.kind, data.category ?? null, row.values.parentCode);
        pending.push({
          line: row.line,
          code: data.code,
          name: data.name,
          kind: data.kind,
          category: data.category ?? null,
          validFrom: data.validFrom,
          storedParent,
          parentCode: row.values.parentCode,
        });
      } catch (error) {
        // The file names the parent by code, unitCreate by id.
        throw renameFields(error, (field) => (field === 'input.parentId' ? 'input.parentCode' : field));
      }
    },
    writeAll: () => writeUnits(tx, pending, rows.length),
  });
}

interface Placed {
  id: number;
  path: string;
  depth: number;
}

async function writeUnits(tx: Tx, pending: NewUnit[], rowCount: number): Promise<void> {
  if (pending.length === 0) return;
  // Ids drawn now, so that every unit's path ("/1/4/17/") is known before it is inserted.
  const ids = await tx.$queryRaw<{ id: number }[]>`
    SELECT nextval(pg_get_serial_sequence('"OrgUnit"', 'id'))::int AS id FROM generate_series(1, ${pending.length}::int)`;
  const byCode = new Map(pending.map((unit, index) => [unit.code, { unit, id: Number(ids[index]!.id) }]));
  const placed = new Map<string, Placed>();
  const place = (code: string): Placed => {
    const known = placed.get(code);
    if (known) return known;
    const { unit, id } = byCode.get(code)!;
    const parent = unit.storedParent ?? (unit.parentCode === undefined ? null : place(unit.parentCode));
    const spot = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    placed.set(code, spot);
    return spot;
  };
  const rows = pending.map((unit) => {
    const spot = place(unit.code);
    const parentId = unit.storedParent?.id ?? (unit.parentCode === undefined ? null : place(unit.parentCode).id);
    return { unit, parentId, data: { id: spot.id, code: unit.code, ...nameColumns(unit.name), kind: unit.kind, category: unit.category, parentId, validFrom: unit.validFrom, path: spot.path, depth: spot.depth } };
  });
  // Parents first, a level at a time: no row of a level has its parent in the same insert.
  const depths = [...new Set(rows.map((row) => row.data.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    const level = rows.filter((row) => row.data.depth === depth);
    const written = new Set<string>();
    await insertInChunks(level, async (chunk) => {
      const created = await tx.orgUnit.createManyAndReturn({
        data: chunk.map((row) => row.data satisfies Prisma.OrgUnitCreateManyInput),
        select: { code: true },
        // A code the viewer cannot see may still be taken, outside the subtree: the rows it skips are named below.
        skipDuplicates: true,
      });
      for (const unit of created) written.add(unit.code);
    });
    const skipped = level.filter((row) => !written.has(row.unit.code));
    if (skipped.length > 0) {
      throw new ImportRejectedError(
        rowCount,
        skipped.map(({ unit }) => ({ row: unit.line, column: columnLabel(unitColumns, 'code'), message: render(message('CODE_TAKEN_OUTSIDE_SCOPE', { code: unit.code }), 'vi') })),
      );
    }
  }
  await insertInChunks(rows, (chunk) =>
    tx.unitPlacement.createManyAndReturn({
      data: chunk.map((row) => ({ unitId: row.data.id, parentId: row.parentId, validFrom: row.unit.validFrom })),
      select: { id: true },
    }),
  );
}
