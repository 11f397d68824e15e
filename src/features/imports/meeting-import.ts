// Importing a unit's meetings from a CSV: one row a meeting, absentees named by party card
// number or full name, optional points per criterion. Each row goes through the same
// recordMeetingIn as the meetingRecord mutation; any bad row and nothing is written.
import type { Tx } from '../../db/write.js';
import { ValidationError, type FieldIssue } from '../../errors.js';
import { message } from '../../text/messages.js';
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

const yesNo = ['có', 'không'];

export const meetingKinds = choicesOf<MeetingKind>(labels.MeetingKind, {
  'thuong ky': 'REGULAR',
  'chuyen de': 'THEMATIC',
  'ket hop': 'COMBINED',
  'thuong ky ket hop chuyen de': 'COMBINED',
  'bat thuong': 'EXTRAORDINARY',
});

export const fixedMeetingColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ họp; để trống khi tệp nhập cho một chi bộ' },
  { key: 'kind', headers: ['Loại sinh hoạt', 'Loại'], required: true, format: 'text', example: labels.MeetingKind.REGULAR, choices: meetingKinds.labels,
    hint: 'Chọn trong danh sách; mỗi tháng một buổi thường kỳ (hoặc thường kỳ kết hợp chuyên đề)' },
  { key: 'heldOn', headers: ['Ngày sinh hoạt', 'Ngày họp'], required: true, format: 'date', example: new Date(Date.UTC(2024, 2, 5)),
    hint: 'Ngày họp, dạng dd/mm/yyyy' },
  { key: 'year', headers: ['Năm'], required: false, format: 'number', example: 2024, hint: 'Năm của kỳ sinh hoạt; để trống là năm của ngày họp' },
  { key: 'month', headers: ['Tháng'], required: false, format: 'number', example: 3, hint: 'Tháng của kỳ sinh hoạt; để trống là tháng của ngày họp' },
  { key: 'startTime', headers: ['Giờ bắt đầu'], required: true, format: 'time', example: '19:00', hint: 'Giờ Việt Nam, dạng 19:30' },
  { key: 'endTime', headers: ['Giờ kết thúc'], required: true, format: 'time', example: '21:00', hint: 'Sau giờ bắt đầu, dạng 21:00' },
  { key: 'topic', headers: ['Nội dung', 'Chủ đề'], required: true, format: 'text', example: 'Sinh hoạt chi bộ tháng 3', hint: 'Nội dung chính của buổi sinh hoạt' },
  { key: 'preparedByCommittee', headers: ['Chi ủy chuẩn bị'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Chi ủy (bí thư) chuẩn bị nội dung trước: có hoặc không; để trống là không' },
  { key: 'draftResolution', headers: ['Có dự thảo nghị quyết', 'Dự thảo nghị quyết'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Có dự thảo nghị quyết: có hoặc không; để trống là không' },
  { key: 'separateFromProfessional', headers: ['Tách riêng sinh hoạt chuyên môn', 'Tách riêng'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Không lẫn với họp chuyên môn: có hoặc không; để trống là có' },
  { key: 'minutesKept', headers: ['Có biên bản', 'Biên bản'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Có ghi biên bản: có hoặc không; để trống là có' },
  { key: 'speakerCount', headers: ['Số ý kiến phát biểu', 'Số người phát biểu'], required: false, format: 'number', example: 6,
    hint: 'Số ý kiến phát biểu; để trống là 0' },
  { key: 'excusedAbsentees', headers: ['Vắng có lý do'], required: false, format: 'text', example: null,
    hint: 'Số thẻ hoặc họ và tên các đảng viên vắng có lý do, cách nhau bằng dấu ;' },
  { key: 'unexcusedAbsentees', headers: ['Vắng không lý do'], required: false, format: 'text', example: null,
    hint: 'Số thẻ hoặc họ và tên các đảng viên vắng không lý do, cách nhau bằng dấu ;' },
];


const scoreKey = (code: string) => `score.${code}`;

/** The columns of a meetings file: the fixed ones and one "Điểm <code>" per criterion known. */
export async function meetingColumns(tx: Pick<Tx, 'criterion'>): Promise<ImportColumn[]> {
  const criteria = await tx.criterion.findMany({ distinct: ['code'], select: { code: true, name: true }, orderBy: { code: 'asc' } });
  return [
    ...fixedMeetingColumns,
    ...criteria.map(({ code, name }) => ({
      key: scoreKey(code),
      headers: [`Điểm ${code}`, code],
      required: false,
      format: 'number' as const,
      example: null,
      hint: `Điểm tiêu chí «${name}»; chấm thì ghi đủ mọi tiêu chí, để trống cả nhóm nếu chưa chấm`,
    })),
  ];
}

/** Members of the cell on the day, found by party card number or by full name. */
async function absenteeIds(tx: Tx, cell: OrgUnit, day: Date, names: string[], field: string): Promise<number[]> {
  if (names.length === 0) return [];
  const members = await tx.member.findMany({
    where: { assignments: { some: { cellId: cell.id, fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gt: day } }] } } },
    select: { id: true, partyCardNumber: true, searchName: true },
  });
  const issues: FieldIssue[] = [];
  const ids = names.map((name) => {
    const folded = foldForSearch(name);
    const found = members.filter((m) => m.partyCardNumber === name || m.searchName === folded);
    if (found.length === 1 && found[0]) return found[0].id;
    issues.push({
      field,
      message:
        found.length === 0
          ? message('NOT_A_MEMBER_THAT_DAY', { name, cell: cell.name })
          : message('NAME_SHARED', { name, count: found.length, cell: cell.name }),
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
