// Importing recognitions (công nhận: "Chi bộ 4 tốt", "Trong sạch, vững mạnh tiêu biểu", …): one
// row a unit's recognition under a programme for a year, checked by the same rules as
// recognitionRecord; any bad row and nothing is written. The units the file names, their
// recognitions and the yearly ratings the programmes require are read once, every row is checked
// against them and the rows before it, and all are written in bulk inserts (audited in bulk).
import { message } from '../../text/messages.js';
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma, RatingLevel, RecognitionProgramme } from '../../generated/prisma/client.js';
import { labels } from '../../text/labels.js';
import { alreadyRecognized, checkRatedExcellent, checkRecognition, yearsRequiringExcellent } from '../ratings/ratings.service.js';
import { choicesOf, parseChoiceCell, parseDateCell, parseIntegerCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows, renameFields } from './import-rows.js';
import { insertInChunks, unitsByCode } from './units-by-code.js';
import type { TableRow } from './uploaded-table.js';

export const recognitionProgrammes = choicesOf<RecognitionProgramme>(labels.RecognitionProgramme, {
  '4 tot': 'FOUR_GOOD',
  'bon tot': 'FOUR_GOOD',
  'chi bo bon tot': 'FOUR_GOOD',
  'trong sach vung manh toan dien': 'CLEAN_STRONG_COMPREHENSIVE',
  'tieu bieu 1 nam': 'EXEMPLARY_ONE_YEAR',
  'tieu bieu 5 nam': 'EXEMPLARY_FIVE_YEARS',
});

export const recognitionColumns: ImportColumn[] = [
  { key: 'unitCode', headers: ['Mã tổ chức', 'Mã chi bộ', 'Mã đơn vị'], required: true, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ hoặc đảng bộ được công nhận, thuộc tổ chức mà tệp nhập cho' },
  { key: 'programme', headers: ['Danh hiệu', 'Hình thức công nhận', 'Chương trình'], required: true, format: 'text',
    example: labels.RecognitionProgramme.FOUR_GOOD, choices: recognitionProgrammes.labels,
    hint: 'Chọn trong danh sách; «tiêu biểu» cần xếp loại «Hoàn thành xuất sắc nhiệm vụ» năm đó (5 năm liền với loại 5 năm)' },
  { key: 'year', headers: ['Năm'], required: true, format: 'number', example: 2024, hint: 'Năm được công nhận' },
  { key: 'registeredOn', headers: ['Ngày đăng ký'], required: false, format: 'date', example: new Date(Date.UTC(2024, 0, 15)),
    hint: 'Ngày đăng ký phấn đấu, dạng dd/mm/yyyy' },
  { key: 'recognizedOn', headers: ['Ngày công nhận'], required: false, format: 'date', example: new Date(Date.UTC(2024, 11, 28)),
    hint: 'Ngày quyết định công nhận, không trước ngày đăng ký' },
  { key: 'decisionNumber', headers: ['Số quyết định'], required: false, format: 'text', example: '125-QĐ/ĐU', hint: 'Số quyết định công nhận' },
];

const recognitionKey = (unitId: number, programme: RecognitionProgramme, year: number) => `${unitId}:${programme}:${year}`;

export function importRecognitions(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  const pending: Prisma.RecognitionCreateManyInput[] = [];
  /** What the file's rows need from the store, read when the first row is checked. */
  let known: Promise<{ units: Map<string, OrgUnit>; recognized: Set<string>; levels: Map<number, Map<number, RatingLevel>> }> | undefined;
  const load = (fileUnit: OrgUnit) =>
    (known ??= (async () => {
      const rows = readColumns(table, recognitionColumns);
      const inSubtree = { path: { startsWith: fileUnit.path } };
      const units = await unitsByCode(tx, rows.flatMap(({ values }) => (values.unitCode === undefined ? [] : [values.unitCode])), inSubtree);
      const years = [...new Set(rows.map(({ values }) => Number(values.year)).filter(Number.isInteger))];
      const stored = await tx.recognition.findMany({ where: { year: { in: years }, unit: inSubtree }, select: { unitId: true, programme: true, year: true } });
      // The yearly ratings any programme of the file may require (five years back at most).
      const ratedYears = [...new Set(years.flatMap((year) => yearsRequiringExcellent('EXEMPLARY_FIVE_YEARS', year)))];
      const ratings = await tx.unitRating.findMany({
        where: { period: 'YEAR', year: { in: ratedYears }, unit: inSubtree },
        select: { unitId: true, year: true, level: true },
      });
      const levels = new Map<number, Map<number, RatingLevel>>();
      for (const rating of ratings) {
        if (!levels.has(rating.unitId)) levels.set(rating.unitId, new Map());
        levels.get(rating.unitId)!.set(rating.year, rating.level);
      }
      return { units, recognized: new Set(stored.map((r) => recognitionKey(r.unitId, r.programme, r.year))), levels };
    })());
  return importRows({
    tx,
    unitId,
    table,
    columns: recognitionColumns,
    cellScoped: false,
    async handle(row, { cell: fileUnit, read, required }) {
      const unitCode = required('unitCode', (v) => v);
      const programme = required('programme', (v) => parseChoiceCell(v, recognitionProgrammes));
      const year = required('year', parseIntegerCell);
      const registeredOn = read('registeredOn', parseDateCell);
      const recognizedOn = read('recognizedOn', parseDateCell);
      const { units, recognized, levels } = await load(fileUnit);
      if (unitCode === undefined) return;
      const unit = units.get(unitCode);
      if (!unit) throw ValidationError.of('input.unitCode', message('NO_UNIT_CODE_UNDER', { code: unitCode, unit: fileUnit.name }));
      // Unreadable cells are already recorded against their columns.
      if (!programme || year === undefined) return;
      try {
        const data = checkRecognition({
          unitId: unit.id,
          programme,
          year,
          registeredOn: registeredOn ?? null,
          recognizedOn: recognizedOn ?? null,
          decisionNumber: row.values.decisionNumber ?? null,
        });
        const key = recognitionKey(unit.id, data.programme, data.year);
        if (recognized.has(key)) throw alreadyRecognized(unit.name, data.programme, data.year);
        checkRatedExcellent(unit.name, data.programme, data.year, levels.get(unit.id) ?? new Map());
        recognized.add(key);
        pending.push({
          unitId: unit.id,
          programme: data.programme,
          year: data.year,
          registeredOn: data.registeredOn ?? null,
          recognizedOn: data.recognizedOn ?? null,
          decisionNumber: data.decisionNumber ?? null,
        });
      } catch (error) {
        // The file names the unit by code, the rules by id.
        throw renameFields(error, (field) => (field === 'input.unitId' ? 'input.unitCode' : field));
      }
    },
    writeAll: () => insertInChunks(pending, (chunk) => tx.recognition.createManyAndReturn({ data: chunk, select: { id: true } })),
  });
}
