// Importing a year's ratings of party organisations (xếp loại tổ chức đảng: cells and grassroots
// organisations): one row a unit named by code, checked by the same rules as unitRate; any bad
// row and nothing is written. The units the file names, the ratings they already have and which
// deciding committees the viewer may write for are read once; every row is checked against them
// and the rows before it, and all are written in bulk inserts (audited in bulk).
import { message } from '../../text/messages.js';
import type { Tx } from '../../db/write.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma, RatingLevel } from '../../generated/prisma/client.js';
import { labels } from '../../text/labels.js';
import { checkDecider, checkUnitRating, unitAlreadyRated } from '../ratings/ratings.service.js';
import { parseChoiceCell, parseDateCell, parseIntegerCell, parseNumberCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows, renameFields } from './import-rows.js';
import { ratingLevels } from './member-rating-import.js';
import { insertInChunks, unitsByCode, visibleUnitIds } from './units-by-code.js';
import type { TableRow } from './uploaded-table.js';

export const unitRatingColumns: ImportColumn[] = [
  { key: 'unitCode', headers: ['Mã tổ chức', 'Mã chi bộ', 'Mã đơn vị'], required: true, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ hoặc đảng bộ được xếp loại, thuộc tổ chức mà tệp nhập cho' },
  { key: 'year', headers: ['Năm'], required: true, format: 'number', example: 2024, hint: 'Năm được xếp loại' },
  { key: 'level', headers: ['Xếp loại', 'Mức xếp loại'], required: true, format: 'text', example: labels.RatingLevel.GOOD, choices: ratingLevels.labels,
    hint: 'Chọn trong danh sách; từ năm 2018 là bốn mức hiện hành hoặc chưa xếp loại' },
  { key: 'selfAssessedLevel', headers: ['Tự xếp loại', 'Tự đánh giá'], required: false, format: 'text', example: labels.RatingLevel.GOOD,
    choices: ratingLevels.labels, hint: 'Mức tổ chức đảng tự đánh giá' },
  { key: 'proposedLevel', headers: ['Mức đề xuất', 'Đề xuất', 'Đề nghị'], required: false, format: 'text', example: labels.RatingLevel.GOOD,
    choices: ratingLevels.labels, hint: 'Mức được đề xuất' },
  { key: 'score', headers: ['Điểm'], required: false, format: 'number', example: 86, hint: 'Điểm chấm, từ 0 đến 100' },
  { key: 'decidedOn', headers: ['Ngày quyết định'], required: false, format: 'date', example: new Date(Date.UTC(2024, 11, 25)),
    hint: 'Ngày quyết định xếp loại, dạng dd/mm/yyyy' },
  { key: 'decidedByUnitCode', headers: ['Mã cấp ủy quyết định', 'Cấp ủy quyết định'], required: false, format: 'text', example: null,
    hint: 'Mã cấp ủy cấp trên đã quyết định; để trống là cấp ủy cấp trên trực tiếp' },
  { key: 'notRatedReason', headers: ['Lý do chưa xếp loại'], required: false, format: 'text', example: null,
    hint: 'Ghi khi xếp loại là «Chưa xếp loại»' },
];

const yearKey = (unitId: number, year: number) => `${unitId}:${year}`;

export function importUnitRatings(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  const pending: Prisma.UnitRatingCreateManyInput[] = [];
  /** What the file's rows need from the store, read when the first row is checked. */
  let known: Promise<{ units: Map<string, OrgUnit>; rated: Map<string, RatingLevel>; writable: Set<number> }> | undefined;
  const load = (fileUnit: OrgUnit) =>
    (known ??= (async () => {
      const rows = readColumns(table, unitRatingColumns);
      const codes = rows.flatMap(({ values }) => [values.unitCode, values.decidedByUnitCode].filter((code) => code !== undefined));
      const units = await unitsByCode(tx, codes);
      const years = [...new Set(rows.map(({ values }) => Number(values.year)).filter(Number.isInteger))];
      const stored = await tx.unitRating.findMany({
        where: { period: 'YEAR', year: { in: years }, unit: { path: { startsWith: fileUnit.path } } },
        select: { unitId: true, year: true, level: true },
      });
      // A rating without a deciding committee is written by the committee directly above the unit.
      const parents = rows.flatMap(({ values }) => {
        const parentId = values.decidedByUnitCode === undefined ? units.get(values.unitCode ?? '')?.parentId : undefined;
        return parentId == null ? [] : [parentId];
      });
      return {
        units,
        rated: new Map(stored.map((rating) => [yearKey(rating.unitId, rating.year), rating.level])),
        writable: await visibleUnitIds(tx, parents),
      };
    })());
  return importRows({
    tx,
    unitId,
    table,
    columns: unitRatingColumns,
    cellScoped: false,
    async handle(row, { cell: fileUnit, read, required }) {
      const unitCode = required('unitCode', (v) => v);
      const year = required('year', parseIntegerCell);
      const level = required('level', (v) => parseChoiceCell(v, ratingLevels));
      const selfAssessedLevel = read('selfAssessedLevel', (v) => parseChoiceCell(v, ratingLevels));
      const proposedLevel = read('proposedLevel', (v) => parseChoiceCell(v, ratingLevels));
      const score = read('score', parseNumberCell);
      const decidedOn = read('decidedOn', parseDateCell);
      const { units, rated, writable } = await load(fileUnit);
      if (unitCode === undefined) return;
      const unit = units.get(unitCode);
      if (!unit || !unit.path.startsWith(fileUnit.path)) throw ValidationError.of('input.unitCode', message('NO_UNIT_CODE_UNDER', { code: unitCode, unit: fileUnit.name }));
      const deciderCode = row.values.decidedByUnitCode;
      const decider = deciderCode === undefined ? null : units.get(deciderCode);
      if (decider === undefined) throw ValidationError.of('input.decidedByUnitCode', message('NO_UNIT_CODE_IN_SCOPE', { code: deciderCode ?? '' }));
      // Unreadable cells are already recorded against their columns.
      if (year === undefined || !level) return;
      try {
        const checked = checkUnitRating({
          unitId: unit.id,
          decidedByUnitId: decider?.id ?? null,
          year,
          level,
          selfAssessedLevel: selfAssessedLevel ?? null,
          proposedLevel: proposedLevel ?? null,
          score: score ?? null,
          decidedOn: decidedOn ?? null,
          notRatedReason: row.values.notRatedReason ?? null,
        });
        const { facts } = checked;
        if (decider) checkDecider(unit, decider);
        else if (unit.parentId !== null && !writable.has(unit.parentId)) {
          throw new ForbiddenError('input.decidedByUnitCode', message('DECIDER_ABOVE_SCOPE', { unit: unit.name }));
        }
        const earlier = rated.get(yearKey(unit.id, facts.year));
        if (earlier) throw unitAlreadyRated(unit.name, earlier, facts);
        rated.set(yearKey(unit.id, facts.year), facts.level);
        pending.push({ ...facts, unitId: unit.id, score: checked.score, ruleVersion: checked.ruleVersion, decidedByUnitId: checked.decidedByUnitId });
      } catch (error) {
        // The file names units by code, the rules by id.
        throw renameFields(error, (field) => ({ 'input.unitId': 'input.unitCode', 'input.decidedByUnitId': 'input.decidedByUnitCode' })[field] ?? field);
      }
    },
    writeAll: () => insertInChunks(pending, (chunk) => tx.unitRating.createManyAndReturn({ data: chunk, select: { id: true } })),
  });
}
