// Importing working groups (tổ công tác) as a committee's clerk keeps them: one row a group and
// the cells it takes from a day; further rows of the same group (the same name and forming
// committee) add cells, from their own day. The first row of a group gives its decision, day
// and people; a later row leaves them empty or repeats them. Each group and each assignment goes
// through workingGroupCreate's and workingGroupAssignCells's own checks; the units the file names
// are read at once, and groups, people and assignments are written in bulk inserts, audited in bulk.
import { message } from '../../text/messages.js';
import type { Tx } from '../../db/write.js';
import { ConflictError, ValidationError } from '../../errors.js';
import type { OrgUnit } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { checkAssignableCell, checkAssignCells, checkFormingUnit, checkGroupActsOn, checkNewGroup } from '../supervision/supervision.service.js';
import { parseDateCell, parseListCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import { checkForFile, unitsByCode } from './service-errors.js';
import type { TableRow } from './uploaded-table.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A person's role when the row names none. */
export const DEFAULT_GROUP_ROLE = 'Thành viên';

export const workingGroupColumns: ImportColumn[] = [
  { key: 'name', headers: ['Tên tổ công tác', 'Tổ công tác'], required: true, format: 'text', example: 'Tổ công tác số 1',
    hint: 'Tên tổ; các dòng cùng tên và cùng cấp ủy thành lập là một tổ, mỗi dòng thêm chi bộ phụ trách' },
  { key: 'decisionNumber', headers: ['Số quyết định'], required: true, format: 'text', example: '1777-QĐ/ĐU',
    hint: 'Số quyết định thành lập tổ; ghi ở dòng đầu của tổ, các dòng sau để trống hoặc ghi giống' },
  { key: 'formedByUnitCode', headers: ['Mã cấp ủy thành lập', 'Cấp ủy thành lập'], required: true, format: 'text', example: 'X-0001',
    hint: 'Mã của cấp ủy ra quyết định (không phải chi bộ): đơn vị nhập tệp hoặc một cấp ủy trực thuộc' },
  { key: 'formedOn', headers: ['Ngày thành lập', 'Ngày quyết định'], required: true, format: 'date', example: day('2024-01-15'),
    hint: 'Ngày quyết định thành lập, dạng dd/mm/yyyy; ghi ở dòng đầu của tổ' },
  { key: 'memberNames', headers: ['Thành viên', 'Thành viên tổ'], required: true, format: 'text',
    example: 'Nguyễn Văn Hùng (Tổ trưởng); Lê Thị Mai (Tổ viên)',
    hint: `Họ tên các thành viên, cách nhau bằng dấu ;, mỗi người có thể ghi chức danh trong ngoặc; không ghi là «${DEFAULT_GROUP_ROLE}». Ghi ở dòng đầu của tổ` },
  { key: 'cellCodes', headers: ['Mã chi bộ phụ trách', 'Chi bộ phụ trách'], required: true, format: 'text', example: 'CB-0001; CB-0002',
    hint: 'Mã các chi bộ tổ phụ trách, cách nhau bằng dấu ;, thuộc cấp ủy thành lập' },
  { key: 'fromDate', headers: ['Phụ trách từ ngày', 'Ngày phân công'], required: true, format: 'date', example: day('2024-02-01'),
    hint: 'Ngày bắt đầu phụ trách các chi bộ của dòng, khi tổ đã thành lập' },
];

/** "Nguyễn Văn Hùng (Tổ trưởng)" as a person and a role. */
function personOf(value: string): { fullName: string; role: string } {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(value);
  return match ? { fullName: match[1]!.trim(), role: match[2]!.trim() || DEFAULT_GROUP_ROLE } : { fullName: value, role: DEFAULT_GROUP_ROLE };
}

interface PendingGroup {
  line: number;
  name: string;
  decisionNumber: string;
  formedBy: OrgUnit;
  formedOn: Date;
  members: { fullName: string; role: string }[];
  /** The raw cells of the first row, to compare later rows' repeats with. */
  given: { decisionNumber?: string; formedOn: number; memberNames?: string };
  assignments: { cellId: number; fromDate: Date }[];
}

const INSERT_CHUNK = 2_000;
const groupKey = (name: string, formedById: number) => `${formedById}:${foldForSearch(name)}`;

export function importWorkingGroups(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  let units: Map<string, OrgUnit> | undefined;
  /** Groups formed before by the committees the file names, by name. */
  const existing = new Set<string>();
  const groups = new Map<string, PendingGroup>();
  return importRows({
    tx,
    unitId,
    table,
    columns: workingGroupColumns,
    cellScoped: false,
    async handle(row, { tx: rowTx, cell: fileUnit, read, required }) {
      if (!units) {
        const codes = readColumns(table, workingGroupColumns).flatMap((each) => [
          ...(each.values.formedByUnitCode ? [each.values.formedByUnitCode] : []),
          ...parseListCell(each.values.cellCodes ?? ''),
        ]);
        units = await unitsByCode(rowTx, fileUnit, codes);
        const committees = [...units.values()].filter((unit) => unit.kind !== 'CELL').map((unit) => unit.id);
        const formed = await rowTx.workingGroup.findMany({ where: { formedByUnitId: { in: committees } }, select: { name: true, formedByUnitId: true } });
        for (const group of formed) existing.add(groupKey(group.name, group.formedByUnitId));
      }
      const name = required('name', (v) => v);
      const code = required('formedByUnitCode', (v) => v);
      const formedOn = read('formedOn', parseDateCell);
      const fromDate = required('fromDate', parseDateCell);
      const cellCodes = required('cellCodes', parseListCell);
      if (name === undefined || code === undefined) return;
      const formedBy = units.get(code);
      if (!formedBy) throw ValidationError.of('input.formedByUnitCode', message('NO_UNIT_CODE_UNDER', { code, unit: fileUnit.name }));
      const key = groupKey(name, formedBy.id);
      if (existing.has(key)) {
        throw new ConflictError('input.name', message('GROUP_EXISTS_USE_ASSIGN', { committee: formedBy.name, group: name }));
      }
      let group = groups.get(key);
      if (!group) {
        const people = parseListCell(row.values.memberNames ?? '').map(personOf);
        if (row.values.decisionNumber === undefined) throw ValidationError.of('input.decisionNumber', message('NOT_EMPTY_ON_GROUP_FIRST_ROW'));
        if (formedOn === undefined) {
          if (row.values.formedOn === undefined) throw ValidationError.of('input.formedOn', message('NOT_EMPTY_ON_GROUP_FIRST_ROW'));
          return;
        }
        const data = checkForFile(
          () => checkNewGroup({ name, decisionNumber: row.values.decisionNumber ?? '', formedByUnitId: formedBy.id, formedOn, members: people }),
          (field) => (field.startsWith('input.members') ? 'input.memberNames' : field === 'input.formedByUnitId' ? 'input.formedByUnitCode' : field),
        );
        checkForFile(() => checkFormingUnit(formedBy, data.formedOn, { unit: 'input.formedByUnitCode', formedOn: 'input.formedOn' }));
        group = {
          line: row.line,
          name: data.name,
          decisionNumber: data.decisionNumber,
          formedBy,
          formedOn: data.formedOn,
          members: data.members.map((person) => ({ fullName: person.fullName, role: person.role })),
          given: { decisionNumber: row.values.decisionNumber, formedOn: data.formedOn.getTime(), memberNames: row.values.memberNames },
          assignments: [],
        };
      } else {
        // A later row of the group leaves its facts empty or repeats them.
        const differs: [string, boolean][] = [
          ['decisionNumber', row.values.decisionNumber !== undefined && row.values.decisionNumber !== group.given.decisionNumber],
          ['formedOn', formedOn !== undefined && formedOn.getTime() !== group.given.formedOn],
          ['memberNames', row.values.memberNames !== undefined && row.values.memberNames !== group.given.memberNames],
        ];
        const issues = differs.filter(([, differ]) => differ).map(([key]) => ({
          field: `input.${key}`,
          message: message('ROW_DIFFERS_FROM_GROUP', { line: group!.line }),
        }));
        if (issues.length > 0) throw new ValidationError(issues);
      }
      if (fromDate === undefined || cellCodes === undefined) return;
      const cells = cellCodes.map((cellCode) => {
        const cell = units!.get(cellCode);
        if (!cell) throw ValidationError.of('input.cellCodes', message('NO_CELL_CODE_UNDER', { code: cellCode, unit: fileUnit.name }));
        return cell;
      });
      const assignment = checkForFile(() => checkAssignCells({ groupId: 0, cellIds: cells.map((cell) => cell.id), fromDate }), (field) =>
        field.startsWith('input.cellIds') ? 'input.cellCodes' : field,
      );
      checkForFile(() => checkGroupActsOn({ name: group.name, formedOn: group.formedOn, dissolvedOn: null }, assignment.fromDate, 'input.fromDate'));
      const listed = new Set(group.assignments.map((each) => each.cellId));
      for (const cell of cells) {
        checkForFile(() => checkAssignableCell(cell, group.formedBy, assignment.fromDate, 'input.cellCodes'));
        if (listed.has(cell.id)) throw ValidationError.of('input.cellCodes', message('CELL_LISTED_FOR_GROUP', { cell: cell.name, group: group.name }));
        listed.add(cell.id);
      }
      group.assignments.push(...cells.map((cell) => ({ cellId: cell.id, fromDate: assignment.fromDate })));
      groups.set(key, group);
    },
    async writeAll() {
      const all = [...groups.values()];
      for (let start = 0; start < all.length; start += INSERT_CHUNK) {
        const chunk = all.slice(start, start + INSERT_CHUNK);
        const created = await tx.workingGroup.createManyAndReturn({
          data: chunk.map((group) => ({ name: group.name, decisionNumber: group.decisionNumber, formedByUnitId: group.formedBy.id, formedOn: group.formedOn })),
          select: { id: true },
        });
        // One insert numbers its rows in the order given.
        const ids = created.map((each) => each.id).sort((a, b) => a - b);
        await tx.workingGroupMember.createMany({
          data: chunk.flatMap((group, index) => group.members.map((person) => ({ groupId: ids[index]!, fullName: person.fullName, role: person.role, memberId: null }))),
        });
        await tx.workingGroupAssignment.createMany({
          data: chunk.flatMap((group, index) => group.assignments.map((each) => ({ groupId: ids[index]!, cellId: each.cellId, fromDate: each.fromDate }))),
        });
      }
    },
  });
}
