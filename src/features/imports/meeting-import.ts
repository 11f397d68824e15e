// Importing a unit's meetings from a CSV or .xlsx: one row a meeting, absentees named by party
// card number or full name, optional points per criterion. A district's year is thousands of
// rows, so the cells' members and stays, the months already filled and the criteria sets are
// read once; every row is checked in memory by the same checkMeeting as the meetingRecord
// mutation, and all are written in a few bulk inserts (audited in bulk). Any bad row and
// nothing is written.
import { insertAudited } from '../../db/audited-transaction.js';
import type { Tx } from '../../db/write.js';
import { ValidationError, type FieldIssue } from '../../errors.js';
import { message } from '../../text/messages.js';
import type { AbsenceKind, MeetingKind, OrgUnit } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { assignedOn, type CellStay } from '../meetings/attendance.js';
import { applicableSetAmong, DEFAULT_CRITERIA_SET_CODE, scoringInclude, type ScoringSet } from '../meetings/criteria-sets.service.js';
import { regularMonthKey } from '../meetings/meeting-calendar.js';
import {
  cellStaySelect,
  checkMeeting,
  parseMeetingRecord,
  type CellMember,
  type CheckedMeeting,
  type MeetingRecordInput,
} from '../meetings/meetings.service.js';
import { ancestorIds } from '../units/units.service.js';
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

/** A member of a cell as a row names them and as the meeting rules read them. */
type NamedMember = CellMember & { partyCardNumber: string | null; searchName: string };

/** The members of the cell on the day the row names, found by party card number or by full name. */
function absenteeIds(members: readonly NamedMember[], cell: OrgUnit, names: string[], field: string): number[] {
  if (names.length === 0) return [];
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

/** What every row's check reads, read once for the file's unit and all its cells. */
interface UnitFacts {
  stays: Map<number, CellStay<NamedMember>[]>;
  /** Regular months already filled, stored or by an earlier row, by cell and month key. */
  monthsTaken: Map<string, { kind: MeetingKind; heldOn: Date }>;
  /** The sets any cell of the unit may be scored under. */
  sets: ScoringSet[];
}

const monthSlot = (cellId: number, key: number) => `${cellId}:${key}`;

async function readUnitFacts(tx: Tx, unit: OrgUnit): Promise<UnitFacts> {
  const inUnit = { path: { startsWith: unit.path } };
  const stays = new Map<number, CellStay<NamedMember>[]>();
  for (const stay of await tx.memberAssignment.findMany({ where: { cell: inUnit }, select: cellStaySelect })) {
    stays.set(stay.cellId, [...(stays.get(stay.cellId) ?? []), stay]);
  }
  const taken = await tx.meeting.findMany({
    where: { regularMonthKey: { not: null }, cell: inUnit },
    select: { cellId: true, regularMonthKey: true, kind: true, heldOn: true },
  });
  const monthsTaken = new Map(taken.map((meeting) => [monthSlot(meeting.cellId, meeting.regularMonthKey!), meeting]));
  // The central default, and whatever a province at, above or below the unit issued.
  const sets = await tx.criteriaSet.findMany({
    where: {
      OR: [{ code: DEFAULT_CRITERIA_SET_CODE }, { issuedByUnitId: { in: [...ancestorIds(unit), unit.id] } }, { issuedByUnit: inUnit }],
    },
    include: scoringInclude,
  });
  return { stays, monthsTaken, sets };
}

export async function importMeetings(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  const columns = await meetingColumns(tx);
  let facts: Promise<UnitFacts> | undefined;
  const pending: CheckedMeeting[] = [];
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
      facts ??= context.tx.orgUnit.findUniqueOrThrow({ where: { id: unitId } }).then((unit) => readUnitFacts(context.tx, unit));
      const { stays, monthsTaken, sets } = await facts;
      const members = assignedOn(stays.get(cell.id) ?? [], cell.id, heldOn);
      const listed = (key: 'excusedAbsentees' | 'unexcusedAbsentees', absence: AbsenceKind) =>
        absenteeIds(members, cell, parseListCell(row.values[key] ?? ''), `input.${key}`).map((memberId) => ({ memberId, kind: absence }));
      const absences = [...listed('excusedAbsentees', 'EXCUSED'), ...listed('unexcusedAbsentees', 'UNEXCUSED')];
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
        const data = parseMeetingRecord(record);
        const key = regularMonthKey(data.kind, data.year, data.month);
        const set = applicableSetAmong(sets, cell, data.heldOn);
        if (data.assessment && !set) throw new Error(`no criteria set applies to ${cell.name} on ${data.heldOn.toISOString()}`);
        const checked = checkMeeting(data, {
          cell,
          monthTakenBy: key === null ? null : (monthsTaken.get(monthSlot(cell.id, key)) ?? null),
          assigned: members,
          // Every absentee was found among the cell's members that day.
          outsiders: new Map(),
          scoring: set ? { setId: set.id, set, group: null, taken: null } : null,
        });
        if (key !== null) monthsTaken.set(monthSlot(cell.id, key), { kind: data.kind, heldOn: data.heldOn });
        pending.push(checked);
      } catch (error) {
        throw renameFields(error, (field) => meetingColumnOf(field, excusedCount, scores));
      }
    },
    async writeAll() {
      await writeMeetings(tx, pending);
    },
  });
}

/** Writes checked meetings with their absences, assessments and scores: one bulk insert a table (see insertAudited), every row logged. */
async function writeMeetings(tx: Tx, meetings: readonly CheckedMeeting[]): Promise<void> {
  const now = new Date();
  const created = await insertAudited(tx, 'Meeting', meetings.map((each) => ({ ...each.meeting, updatedAt: now })));
  // The store answers rows in the order given; a mismatch would pair absences with the wrong meeting.
  const ids = created.map((meeting, index) => {
    const given = meetings[index]!.meeting;
    if (meeting.cellId !== given.cellId || new Date(meeting.startsAt as Date).getTime() !== new Date(given.startsAt).getTime()) {
      throw new Error('the store answered the meetings in another order than given');
    }
    return meeting.id as number;
  });
  await insertAudited(tx, 'MeetingAbsence', meetings.flatMap((each, index) => each.absences.map((absence) => ({ ...absence, meetingId: ids[index]! }))));

  const assessed = meetings.flatMap((each, index) => (each.assessment ? [{ meetingId: ids[index]!, ...each.assessment }] : []));
  const assessments = await insertAudited(tx, 'MeetingAssessment', assessed.map(({ meetingId, row }) => ({ ...row, meetingId })));
  const assessmentIds = assessments.map((assessment, index) => {
    if (assessment.meetingId !== assessed[index]!.meetingId) throw new Error('the store answered the assessments in another order than given');
    return assessment.id as number;
  });
  await insertAudited(tx, 'AssessmentScore', assessed.flatMap((each, index) => each.scores.map((score) => ({ ...score, assessmentId: assessmentIds[index]! }))));
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
