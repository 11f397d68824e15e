// Importing a unit's meetings from a CSV: one row a meeting, absentees named by party card
// number or full name, optional points per criterion. Each row goes through the same
// recordMeetingIn as the meetingRecord mutation; any bad row and nothing is written.
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import type { AbsenceKind, MeetingKind, OrgUnit } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { recordMeetingIn, type MeetingRecordInput } from '../meetings/meetings.service.js';
import { labels } from '../../text/labels.js';
import {
  choicesOf,
  parseBooleanCell,
  parseChoiceCell,
  parseDateCell,
  parseIntegerCell,
  parseListCell,
  parseNumberCell,
  vietnamTimeOn,
} from './cell-values.js';
import type { ImportColumn } from './import-columns.js';
import { importRows, renameFields } from './import-rows.js';
import type { TableRow } from './uploaded-table.js';

export const fixedMeetingColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false },
  { key: 'kind', headers: ['Loại sinh hoạt', 'Loại'], required: true },
  { key: 'heldOn', headers: ['Ngày sinh hoạt', 'Ngày họp'], required: true },
  { key: 'year', headers: ['Năm'], required: false },
  { key: 'month', headers: ['Tháng'], required: false },
  { key: 'startTime', headers: ['Giờ bắt đầu'], required: true },
  { key: 'endTime', headers: ['Giờ kết thúc'], required: true },
  { key: 'topic', headers: ['Nội dung', 'Chủ đề'], required: true },
  { key: 'preparedByCommittee', headers: ['Chi ủy chuẩn bị'], required: false },
  { key: 'draftResolution', headers: ['Có dự thảo nghị quyết', 'Dự thảo nghị quyết'], required: false },
  { key: 'separateFromProfessional', headers: ['Tách riêng sinh hoạt chuyên môn', 'Tách riêng'], required: false },
  { key: 'minutesKept', headers: ['Có biên bản', 'Biên bản'], required: false },
  { key: 'speakerCount', headers: ['Số ý kiến phát biểu', 'Số người phát biểu'], required: false },
  { key: 'excusedAbsentees', headers: ['Vắng có lý do'], required: false },
  { key: 'unexcusedAbsentees', headers: ['Vắng không lý do'], required: false },
];

export const meetingKinds = choicesOf<MeetingKind>(labels.MeetingKind, {
  'thuong ky': 'REGULAR',
  'chuyen de': 'THEMATIC',
  'ket hop': 'COMBINED',
  'thuong ky ket hop chuyen de': 'COMBINED',
  'bat thuong': 'EXTRAORDINARY',
});

const scoreKey = (code: string) => `score.${code}`;

/** The columns of a meetings file: the fixed ones and one "Điểm <code>" per criterion known. */
export async function meetingColumns(tx: Tx): Promise<ImportColumn[]> {
  const criteria = await tx.criterion.findMany({ distinct: ['code'], select: { code: true }, orderBy: { code: 'asc' } });
  return [...fixedMeetingColumns, ...criteria.map(({ code }) => ({ key: scoreKey(code), headers: [`Điểm ${code}`, code], required: false }))];
}

/** Members of the cell on the day, found by party card number or by full name. */
async function absenteeIds(tx: Tx, cell: OrgUnit, day: Date, names: string[], field: string): Promise<number[]> {
  if (names.length === 0) return [];
  const members = await tx.member.findMany({
    where: { assignments: { some: { cellId: cell.id, fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gt: day } }] } } },
    select: { id: true, partyCardNumber: true, searchName: true },
  });
  const issues: { field: string; message: string }[] = [];
  const ids = names.map((name) => {
    const folded = foldForSearch(name);
    const found = members.filter((m) => m.partyCardNumber === name || m.searchName === folded);
    if (found.length === 1 && found[0]) return found[0].id;
    issues.push({
      field,
      message:
        found.length === 0
          ? `«${name}» không phải đảng viên của ${cell.name} vào ngày đó (ghi số thẻ đảng viên hoặc họ và tên đầy đủ)`
          : `«${name}» trùng tên ${found.length} đảng viên của ${cell.name}; hãy ghi số thẻ đảng viên`,
    });
    return 0;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return ids;
}

export async function importMeetings(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  const columns = await meetingColumns(tx);
  return importRows({
    tx,
    unitId,
    table,
    columns,
    async handle(row, context) {
      const { cell } = context;
      const kind = context.required('kind', (v) => parseChoiceCell(v, meetingKinds));
      const heldOn = context.required('heldOn', parseDateCell);
      const day = heldOn ?? new Date(0);
      const startsAt = context.required('startTime', (v) => vietnamTimeOn(day, v));
      const endsAt = context.required('endTime', (v) => vietnamTimeOn(day, v));
      const year = context.read('year', parseIntegerCell);
      const month = context.read('month', parseIntegerCell);
      const flags = {
        preparedByCommittee: context.read('preparedByCommittee', parseBooleanCell) ?? false,
        draftResolution: context.read('draftResolution', parseBooleanCell) ?? false,
        separateFromProfessional: context.read('separateFromProfessional', parseBooleanCell) ?? true,
        minutesKept: context.read('minutesKept', parseBooleanCell) ?? true,
        speakerCount: context.read('speakerCount', parseIntegerCell) ?? 0,
      };
      const scores = columns
        .filter((column) => column.key.startsWith('score.'))
        .flatMap((column) => {
          const points = context.read(column.key, parseNumberCell);
          return points === undefined ? [] : [{ criterionCode: column.key.slice('score.'.length), points }];
        });
      const topic = context.required('topic', (v) => v);
      // Unreadable cells are already recorded against their columns.
      if (!kind || !heldOn || !startsAt || !endsAt || !topic) return;
      const listed = (key: 'excusedAbsentees' | 'unexcusedAbsentees', absence: AbsenceKind) =>
        absenteeIds(context.tx, cell, heldOn, parseListCell(row.values[key] ?? ''), `input.${key}`).then((ids) =>
          ids.map((memberId) => ({ memberId, kind: absence })),
        );
      const absences = [...(await listed('excusedAbsentees', 'EXCUSED')), ...(await listed('unexcusedAbsentees', 'UNEXCUSED'))];
      const excusedCount = absences.filter((a) => a.kind === 'EXCUSED').length;
      const record: MeetingRecordInput = {
        ...flags,
        // Without Năm and Tháng a meeting counts for the month it was held in.
        year: year ?? heldOn.getUTCFullYear(),
        month: month ?? heldOn.getUTCMonth() + 1,
        cellId: cell.id,
        kind,
        heldOn,
        startsAt,
        endsAt,
        topic,
        absences,
        assessment: scores.length > 0 ? { scores } : null,
      };
      try {
        await recordMeetingIn(context.tx, record);
      } catch (error) {
        throw renameFields(error, (field) => meetingColumnOf(field, excusedCount, scores));
      }
    },
  });
}

/** Which column of the file a field of meetingRecord's input came from. */
function meetingColumnOf(field: string, excusedCount: number, scores: { criterionCode: string }[]): string {
  const absence = /^input\.absences\.(\d+)/.exec(field);
  if (absence) return Number(absence[1]) < excusedCount ? 'input.excusedAbsentees' : 'input.unexcusedAbsentees';
  const score = /^input\.assessment\.scores\.(\d+)/.exec(field);
  if (score) return `input.${scoreKey(scores[Number(score[1])]?.criterionCode ?? '')}`;
  const renamed: Record<string, string> = {
    'input.cellId': 'input.cellCode',
    'input.startsAt': 'input.startTime',
    'input.endsAt': 'input.endTime',
  };
  return renamed[field] ?? field;
}
