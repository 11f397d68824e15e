// Importing visits to meetings (dự sinh hoạt) as visitRecord records them, each naming its
// meeting by cell and day (and start time, when the cell met more than once that day) rather
// than by id, and its working group by name. Rows go through visitRecord's own checks; the
// meetings of the file's days, the groups of the subtree with their assignments and the visits
// already recorded are read at once, and the visits written in bulk inserts, audited in bulk.
import { message } from '../../text/messages.js';
import { isoDate } from '../../dates.js';
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { assignmentCovers, checkVisit, checkVisitingGroup, checkVisitingUnit, groupActiveOn, visitorAlreadyRecorded } from '../supervision/supervision.service.js';
import { parseDateCell, vietnamTimeOn } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import type { UnitLabelRow } from '../units/unit-labels.query.js';
import { checkForFile, committeeForCell, forFile } from './service-errors.js';
import type { TableRow } from './uploaded-table.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const viTime = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);

export const visitColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ có buổi sinh hoạt được dự; để trống khi tệp nhập cho một chi bộ' },
  { key: 'heldOn', headers: ['Ngày sinh hoạt', 'Ngày họp'], required: true, format: 'date', example: day('2024-03-05'),
    hint: 'Ngày của buổi sinh hoạt đã ghi trong sổ, dạng dd/mm/yyyy' },
  { key: 'startTime', headers: ['Giờ bắt đầu'], required: false, format: 'time', example: null,
    hint: 'Chỉ cần khi chi bộ họp nhiều buổi trong ngày: giờ bắt đầu của buổi được dự, dạng 19:30' },
  { key: 'workingGroupName', headers: ['Tổ công tác'], required: false, format: 'text', example: 'Tổ công tác số 1',
    hint: 'Tên tổ công tác được phân công phụ trách chi bộ vào ngày đó; để trống khi người dự là cấp ủy viên' },
  { key: 'visitorName', headers: ['Người dự', 'Họ tên người dự'], required: false, format: 'text', example: 'Nguyễn Văn Hùng',
    hint: 'Ai đã dự; bắt buộc khi ghi cấp ủy, để trống thì là tên tổ công tác' },
  { key: 'visitorUnitCode', headers: ['Cấp ủy của người dự', 'Mã cấp ủy'], required: false, format: 'text', example: null,
    hint: 'Mã (hoặc tên) cấp ủy cấp trên của chi bộ mà người dự là cấp ủy viên; ghi khi không có tổ công tác' },
  { key: 'comments', headers: ['Nhận xét'], required: false, format: 'text', example: 'Sinh hoạt đúng nội dung, nhiều ý kiến phát biểu', hint: 'Nhận xét về buổi sinh hoạt' },
  { key: 'recommendations', headers: ['Kiến nghị', 'Kiến nghị, đề xuất'], required: false, format: 'text', example: null, hint: 'Kiến nghị, đề xuất' },
];

interface KnownGroup {
  id: number;
  name: string;
  formedOn: Date;
  dissolvedOn: Date | null;
  assignments: { cellId: number; fromDate: Date; toDate: Date | null }[];
}

interface KnownMeeting {
  id: number;
  cellId: number;
  heldOn: Date;
  startsAt: Date;
}

const INSERT_CHUNK = 2_000;
const meetingKey = (cellId: number, heldOn: Date) => `${cellId}:${isoDate(heldOn)}`;
const visitorKey = (meetingId: number, who: { workingGroupId: number | null; visitorUnitId: number | null; visitorName: string }) =>
  who.workingGroupId ? `${meetingId}:g${who.workingGroupId}` : `${meetingId}:u${who.visitorUnitId}:${who.visitorName}`;

/** Whether a group had the cell in its charge on a day. */
const assignedOn = (group: KnownGroup, cellId: number, on: Date) => group.assignments.some((each) => each.cellId === cellId && assignmentCovers(each, on));

export function importVisits(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  let meetings: Map<string, KnownMeeting[]> | undefined;
  const groupsByName = new Map<string, KnownGroup[]>();
  /** Visitors recorded at each meeting, stored or of an earlier row. */
  const recorded = new Set<string>();
  const pending: Prisma.MeetingVisitCreateManyInput[] = [];
  const committees = new Map<string, Promise<UnitLabelRow>>();
  return importRows({
    tx,
    unitId,
    table,
    columns: visitColumns,
    async handle(row, { tx: rowTx, cell, read, required }) {
      if (!meetings) meetings = await readWhatRowsName(rowTx, unitId, table, groupsByName, recorded);
      const heldOn = required('heldOn', parseDateCell);
      if (!heldOn) return;
      const startsAt = read('startTime', (v) => vietnamTimeOn(heldOn, v));
      const sameDay = meetings.get(meetingKey(cell.id, heldOn)) ?? [];
      const meeting = meetingOfRow(cell, heldOn, sameDay, startsAt, row.values.startTime);
      if (!meeting) return;

      let group: KnownGroup | undefined;
      const groupName = row.values.workingGroupName;
      if (groupName !== undefined) {
        const named = groupsByName.get(foldForSearch(groupName)) ?? [];
        // Groups of one name may be several (formed by different committees): the one in the cell's charge that day.
        const inCharge = named.filter((each) => groupActiveOn(each, heldOn) && assignedOn(each, cell.id, heldOn));
        if (named.length === 0) throw ValidationError.of('input.workingGroupName', message('NO_GROUP_NAMED', { group: groupName }));
        if (inCharge.length > 1) throw ValidationError.of('input.workingGroupName', message('GROUPS_SHARE_NAME', { count: inCharge.length, group: groupName, cell: cell.name, day: isoDate(heldOn) }));
        group = inCharge[0] ?? named[0]!;
      }
      const visitorUnit = row.values.visitorUnitCode
        ? await committeeForCell(rowTx, cell, row.values.visitorUnitCode, 'input.visitorUnitCode', committees)
        : undefined;
      const rename = (field: string) =>
        field === 'input.workingGroupId' ? 'input.workingGroupName' : field === 'input.visitorUnitId' ? 'input.visitorUnitCode' : field;
      const data = checkForFile(
        () =>
          checkVisit({
            meetingId: meeting.id,
            workingGroupId: group?.id ?? null,
            visitorUnitId: visitorUnit?.id ?? null,
            visitorName: row.values.visitorName ?? null,
            comments: row.values.comments ?? null,
            recommendations: row.values.recommendations ?? null,
          }),
        rename,
      );
      let who: { workingGroupId: number | null; visitorUnitId: number | null; visitorName: string };
      if (group) {
        checkForFile(() => checkVisitingGroup(group, assignedOn(group, cell.id, heldOn), cell, heldOn), rename);
        who = { workingGroupId: group.id, visitorUnitId: null, visitorName: data.visitorName ?? group.name };
      } else {
        checkForFile(() => checkVisitingUnit(visitorUnit!, cell), rename);
        who = { workingGroupId: null, visitorUnitId: visitorUnit!.id, visitorName: data.visitorName ?? visitorUnit!.name };
      }
      const key = visitorKey(meeting.id, who);
      if (recorded.has(key)) throw forFile(visitorAlreadyRecorded(who), rename);
      recorded.add(key);
      pending.push({ meetingId: meeting.id, ...who, comments: data.comments ?? null, recommendations: data.recommendations ?? null });
    },
    async writeAll() {
      for (let start = 0; start < pending.length; start += INSERT_CHUNK) {
        await tx.meetingVisit.createManyAndReturn({ data: pending.slice(start, start + INSERT_CHUNK), select: { id: true } });
      }
    },
  });
}

/** The meeting a row names: the cell's one that day, or the one starting at the row's time when there are several. */
function meetingOfRow(cell: OrgUnit, heldOn: Date, sameDay: KnownMeeting[], startsAt: Date | undefined, startTime: string | undefined): KnownMeeting | undefined {
  if (startTime !== undefined && startsAt === undefined) return undefined; // the time's problem is recorded against its column
  const chosen = startsAt ? sameDay.filter((meeting) => meeting.startsAt.getTime() === startsAt.getTime()) : sameDay;
  if (chosen.length === 1) return chosen[0];
  if (sameDay.length === 0) {
    throw ValidationError.of('input.heldOn', message('NO_MEETING_ON', { cell: cell.name, day: isoDate(heldOn) }));
  }
  const times = sameDay.map((meeting) => viTime(meeting.startsAt)).join(', ');
  if (startsAt) throw ValidationError.of('input.startTime', message('NO_MEETING_AT', { cell: cell.name, time: startTime ?? '', day: isoDate(heldOn), times }));
  throw ValidationError.of('input.heldOn', message('MEETINGS_ON_DAY', { cell: cell.name, count: sameDay.length, day: isoDate(heldOn), times }));
}

/**
 * What the rows name, read once: the meetings of the subtree on the file's days, the working
 * groups formed in the subtree or in charge of its cells (with their assignments), and the
 * visitors already recorded at those meetings.
 */
async function readWhatRowsName(tx: Tx, unitId: number, table: TableRow[], groupsByName: Map<string, KnownGroup[]>, recorded: Set<string>) {
  const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { path: true } });
  const days = new Set<string>();
  for (const row of readColumns(table, visitColumns)) {
    try {
      if (row.values.heldOn) days.add(isoDate(parseDateCell(row.values.heldOn)));
    } catch {
      // an unreadable day is the row's problem, told against its column
    }
  }
  const inSubtree = { path: { startsWith: unit.path } };
  const found = await tx.meeting.findMany({
    where: { cell: inSubtree, heldOn: { in: [...days].map(day) } },
    select: { id: true, cellId: true, heldOn: true, startsAt: true },
    orderBy: { startsAt: 'asc' },
  });
  const meetings = new Map<string, KnownMeeting[]>();
  for (const meeting of found) meetings.set(meetingKey(meeting.cellId, meeting.heldOn), [...(meetings.get(meetingKey(meeting.cellId, meeting.heldOn)) ?? []), meeting]);
  const groups = await tx.workingGroup.findMany({
    where: { OR: [{ formedByUnit: inSubtree }, { assignments: { some: { cell: inSubtree } } }] },
    select: { id: true, name: true, formedOn: true, dissolvedOn: true, assignments: { select: { cellId: true, fromDate: true, toDate: true } } },
  });
  for (const group of groups) groupsByName.set(foldForSearch(group.name), [...(groupsByName.get(foldForSearch(group.name)) ?? []), group]);
  const visits = await tx.meetingVisit.findMany({
    where: { meetingId: { in: found.map((meeting) => meeting.id) } },
    select: { meetingId: true, workingGroupId: true, visitorUnitId: true, visitorName: true },
  });
  for (const visit of visits) recorded.add(visitorKey(visit.meetingId, visit));
  return meetings;
}
