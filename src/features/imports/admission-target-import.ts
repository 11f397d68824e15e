// Importing admission targets (chỉ tiêu kết nạp đảng viên): one row a unit and year, checked by
// the same rules as admissionTargetSet and, as it does, replacing a target set before. The
// units the file names are read at once, and so are their targets; new targets are written in
// one bulk insert (audited in bulk), replaced ones one by one.
import { message } from '../../text/messages.js';
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma } from '../../generated/prisma/client.js';
import { checkAdmissionTarget } from '../admissions/admissions.service.js';
import { parseIntegerCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import { checkForFile, unitsByCode } from './service-errors.js';
import type { TableRow } from './uploaded-table.js';

export const admissionTargetColumns: ImportColumn[] = [
  { key: 'unitCode', headers: ['Mã tổ chức đảng', 'Mã đơn vị', 'Mã đảng bộ'], required: true, format: 'text', example: 'X-0001',
    hint: 'Mã của đảng bộ hoặc chi bộ được giao chỉ tiêu: đơn vị nhập tệp hoặc một đơn vị trực thuộc' },
  { key: 'year', headers: ['Năm'], required: true, format: 'number', example: 2025, hint: 'Năm của chỉ tiêu' },
  { key: 'target', headers: ['Chỉ tiêu kết nạp', 'Chỉ tiêu'], required: true, format: 'number', example: 12,
    hint: 'Số đảng viên dự kiến kết nạp trong năm, từ 0 trở lên; thay chỉ tiêu đã giao trước đó' },
];

const INSERT_CHUNK = 2_000;
const targetKey = (unitId: number, year: number) => `${unitId}:${year}`;

export function importAdmissionTargets(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  let units: Map<string, OrgUnit> | undefined;
  /** Targets stored before, by unit and year. */
  const stored = new Map<string, { id: number; target: number }>();
  /** The row that set each unit's year in this file. */
  const seen = new Map<string, number>();
  const created: Prisma.AdmissionTargetCreateManyInput[] = [];
  const replaced: { id: number; target: number }[] = [];
  return importRows({
    tx,
    unitId,
    table,
    columns: admissionTargetColumns,
    cellScoped: false,
    async handle(row, { tx: rowTx, cell: fileUnit, required }) {
      if (!units) {
        const codes = readColumns(table, admissionTargetColumns).flatMap((each) => (each.values.unitCode ? [each.values.unitCode] : []));
        units = await unitsByCode(rowTx, fileUnit, codes);
        const targets = await rowTx.admissionTarget.findMany({ where: { unitId: { in: [...units.values()].map((each) => each.id) } } });
        for (const target of targets) stored.set(targetKey(target.unitId, target.year), { id: target.id, target: target.target });
      }
      const code = required('unitCode', (v) => v);
      const year = required('year', parseIntegerCell);
      const target = required('target', parseIntegerCell);
      if (code === undefined) return;
      const unit = units.get(code);
      if (!unit) throw ValidationError.of('input.unitCode', message('NO_UNIT_CODE_UNDER', { code, unit: fileUnit.name }));
      if (year === undefined || target === undefined) return;
      const data = checkForFile(() => checkAdmissionTarget({ unitId: unit.id, year, target }), (field) => (field === 'input.unitId' ? 'input.unitCode' : field));
      const key = targetKey(unit.id, data.year);
      const earlier = seen.get(key);
      if (earlier !== undefined) throw ValidationError.of('input.year', message('TARGET_ON_EARLIER_ROW', { unit: unit.name, year: data.year, line: earlier }));
      seen.set(key, row.line);
      const before = stored.get(key);
      if (!before) created.push({ unitId: unit.id, year: data.year, target: data.target });
      else if (before.target !== data.target) replaced.push({ id: before.id, target: data.target });
    },
    async writeAll() {
      for (let start = 0; start < created.length; start += INSERT_CHUNK) {
        await tx.admissionTarget.createManyAndReturn({ data: created.slice(start, start + INSERT_CHUNK), select: { id: true } });
      }
      for (const { id, target } of replaced) await tx.admissionTarget.update({ where: { id }, data: { target } });
    },
  });
}
