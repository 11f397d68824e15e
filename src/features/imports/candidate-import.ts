// Importing candidates for admission (đối tượng kết nạp đảng): one row a candidate with the day
// of each stage reached, in place of candidateCreate, a candidateAdvance per stage and
// candidateAdmit or candidateDrop. Every row goes through those mutations' own checks, stage by
// stage in the service's order; an admitted candidate becomes a member through the same
// admitMember as candidateAdmit. Rows are checked in memory (the file's members named by card
// number and each cell's candidates read once), then candidates, their stages and sponsors are
// written in bulk inserts, audited in bulk.
import { mutationRefusal } from '../../access/mutation-guard.js';
import type { Viewer } from '../../access/viewer.js';
import { isoDate, today } from '../../dates.js';
import type { Tx } from '../../db/write.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import type { CandidateStage, Gender, Member, Prisma } from '../../generated/prisma/client.js';
import { labels } from '../../text/labels.js';
import { message } from '../../text/messages.js';
import { foldForSearch, personNameColumns } from '../../text/vietnamese.js';
import { STAGE_PATH } from '../admissions/admission-rules.js';
import {
  admitCandidateAsMember,
  checkAdmission,
  checkAdvance,
  checkDrop,
  checkNewCandidate,
  checkStageDate,
  mentorIssue,
  stageFacts,
  type LastStage,
} from '../admissions/admissions.service.js';
import { admissionIssues } from '../members/member-rules.js';
import { inactiveIssue, openCellIssue } from '../members/members.service.js';
import { choicesOf, parseBooleanCell, parseChoiceCell, parseDateCell, parseListCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import type { UnitLabelRow } from '../units/unit-labels.query.js';
import { checkForFile, committeeForCell, forFile } from './service-errors.js';
import type { TableRow } from './uploaded-table.js';

const genders = choicesOf<Gender>(labels.Gender);
const yesNo = ['có', 'không'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The stages a row dates, after the pool, in the service's order; admission and dropping last. */
type DatedStage = Exclude<CandidateStage, 'POOL'>;
const ADVANCED_STAGES = STAGE_PATH.filter((stage): stage is Exclude<DatedStage, 'ADMITTED' | 'DROPPED'> => stage !== 'POOL' && stage !== 'ADMITTED');

/** The column of each stage's day: "<stage>On" in camelCase. */
export const stageKey = (stage: DatedStage) =>
  `${stage.toLowerCase().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())}On`;

const stageColumns: Record<DatedStage, { headers: string[]; example: Date | null; hint: string }> = {
  TRAINED: { headers: ['Ngày học lớp nhận thức về Đảng', 'Ngày học lớp cảm tình Đảng', 'Ngày cấp giấy chứng nhận'], example: day('2024-03-15'),
    hint: 'Ngày của giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (có giá trị 5 năm)' },
  DOSSIER: { headers: ['Ngày hoàn thiện hồ sơ'], example: day('2024-05-10'), hint: 'Ngày hoàn thiện hồ sơ đề nghị kết nạp' },
  CELL_RESOLUTION: { headers: ['Ngày chi bộ ra nghị quyết', 'Ngày chi bộ đề nghị kết nạp'], example: day('2024-06-05'),
    hint: 'Ngày nghị quyết chi bộ đề nghị kết nạp; quần chúng từ đủ 18 đến 60 tuổi vào ngày này' },
  COMMITTEE_RESOLUTION: { headers: ['Ngày đảng ủy cơ sở ra nghị quyết', 'Ngày đảng ủy xét'], example: day('2024-06-20'),
    hint: 'Ngày nghị quyết của đảng ủy cơ sở đề nghị kết nạp' },
  DECIDED: { headers: ['Ngày quyết định kết nạp', 'Ngày có quyết định'], example: day('2024-07-15'),
    hint: 'Ngày cấp ủy có thẩm quyền ra quyết định kết nạp' },
  ADMITTED: { headers: ['Ngày kết nạp', 'Ngày lễ kết nạp'], example: day('2024-08-02'),
    hint: 'Ngày lễ kết nạp: quần chúng trở thành đảng viên dự bị của chi bộ (chỉ cấp ủy ghi cột này, như candidateAdmit)' },
  DROPPED: { headers: ['Ngày dừng xem xét', 'Ngày dừng'], example: null, hint: 'Ngày dừng xem xét kết nạp; ghi kèm lý do, không ghi ngày kết nạp' },
};

/** The stages a row may date, in order. */
const DATED_STAGES: DatedStage[] = [...ADVANCED_STAGES, 'ADMITTED', 'DROPPED'];

export const candidateColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ bồi dưỡng quần chúng; để trống khi tệp nhập cho một chi bộ' },
  { key: 'fullName', headers: ['Họ và tên', 'Họ tên'], required: true, format: 'text', example: 'Trần Thị Bích', hint: 'Họ và tên đầy đủ, có dấu' },
  { key: 'gender', headers: ['Giới tính'], required: true, format: 'text', example: labels.Gender.FEMALE, choices: genders.labels, hint: 'Chọn trong danh sách' },
  { key: 'birthDate', headers: ['Ngày sinh'], required: true, format: 'date', example: day('1998-04-15'), hint: 'Ngày, dạng dd/mm/yyyy' },
  { key: 'ethnicity', headers: ['Dân tộc'], required: true, format: 'text', example: 'Kinh', hint: 'Ví dụ: Kinh, Tày, Khmer' },
  { key: 'youthUnionMember', headers: ['Đoàn viên'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Là đoàn viên Đoàn TNCS Hồ Chí Minh: có hoặc không; để trống là không' },
  { key: 'enteredOn', headers: ['Ngày vào diện quần chúng ưu tú', 'Ngày vào danh sách'], required: true, format: 'date', example: day('2024-01-10'),
    hint: 'Ngày chi bộ đưa vào danh sách quần chúng ưu tú (đối tượng kết nạp)' },
  ...DATED_STAGES.map((stage) => ({
    key: stageKey(stage),
    headers: stageColumns[stage].headers,
    required: false,
    format: 'date' as const,
    example: stageColumns[stage].example,
    hint: `${stageColumns[stage].hint}; để trống nếu chưa đến bước này. Các bước theo thứ tự, ngày sau không trước ngày trước`,
  })),
  { key: 'admittedByUnitCode', headers: ['Cấp ủy quyết định kết nạp', 'Mã cấp ủy kết nạp'], required: false, format: 'text', example: null,
    hint: 'Mã (hoặc tên) cấp ủy ra quyết định kết nạp; để trống là đảng ủy cơ sở của chi bộ' },
  { key: 'droppedReason', headers: ['Lý do dừng xem xét', 'Lý do dừng'], required: false, format: 'text', example: null,
    hint: 'Bắt buộc khi có ngày dừng xem xét' },
  { key: 'mentorCardNumber', headers: ['Số thẻ đảng viên giúp đỡ', 'Đảng viên giúp đỡ'], required: false, format: 'text', example: null,
    hint: 'Số thẻ của đảng viên chính thức được phân công giúp đỡ' },
  { key: 'sponsorCardNumbers', headers: ['Số thẻ đảng viên giới thiệu', 'Đảng viên giới thiệu'], required: false, format: 'text', example: null,
    hint: 'Số thẻ của (tối đa hai) đảng viên chính thức giới thiệu, cách nhau bằng dấu ;' },
];

/** The file's column of a service's field. */
const fileField = (field: string) => {
  if (field === 'input.cellId') return 'input.cellCode';
  if (field === 'input.mentorId') return 'input.mentorCardNumber';
  if (field.startsWith('input.sponsorIds')) return 'input.sponsorCardNumbers';
  if (field === 'input.reason') return 'input.droppedReason';
  if (field === 'input.on') return 'input.droppedOn';
  return field;
};

const INSERT_CHUNK = 2_000;
const personKey = (cellId: number, fullName: string, birthDate: Date) => `${cellId}:${foldForSearch(fullName)}:${birthDate.toISOString().slice(0, 10)}`;

interface PendingCandidate {
  data: Omit<Prisma.AdmissionCandidateCreateManyInput, 'memberId'>;
  stageChanges: { stage: CandidateStage; changedOn: Date; note: string | null }[];
  sponsorIds: number[];
  admission: { admittedOn: Date; admittedByUnitId: number | null } | null;
}

export function importCandidates(tx: Tx, unitId: number, table: TableRow[], viewer: Viewer | null): Promise<number> {
  let members: Map<string, Member> | undefined;
  /** Candidates already in each cell (and those of earlier rows), by cell, folded name and birth date. */
  const known = new Map<number, Map<string, number>>();
  const checkedCells = new Set<number>();
  const pending: PendingCandidate[] = [];
  const committees = new Map<string, Promise<UnitLabelRow>>();
  const mayAdmit = viewer ? mutationRefusal('candidateAdmit', viewer) : null;
  return importRows({
    tx,
    unitId,
    table,
    columns: candidateColumns,
    async handle(row, { tx: rowTx, cell, read, required }) {
      if (!members) {
        const cards = readColumns(table, candidateColumns).flatMap((each) => [
          ...(each.values.mentorCardNumber ? [each.values.mentorCardNumber] : []),
          ...(each.values.sponsorCardNumbers ? parseListCell(each.values.sponsorCardNumbers) : []),
        ]);
        const found = cards.length === 0 ? [] : await rowTx.member.findMany({ where: { partyCardNumber: { in: [...new Set(cards)] } } });
        members = new Map(found.map((member) => [member.partyCardNumber!, member]));
      }
      if (!checkedCells.has(cell.id)) {
        const issue = openCellIssue(cell);
        if (issue) throw ValidationError.of('input.cellCode', issue);
        checkedCells.add(cell.id);
      }
      const fullName = required('fullName', (v) => v);
      const gender = required('gender', (v) => parseChoiceCell(v, genders));
      const birthDate = required('birthDate', parseDateCell);
      const ethnicity = required('ethnicity', (v) => v);
      const youthUnionMember = read('youthUnionMember', parseBooleanCell) ?? false;
      const enteredOn = required('enteredOn', parseDateCell);
      const dates = new Map<DatedStage, Date>();
      for (const stage of DATED_STAGES) {
        const on = read(stageKey(stage), parseDateCell);
        if (on) dates.set(stage, on);
      }
      const mentor = memberByCard(members, row.values.mentorCardNumber, 'input.mentorCardNumber');
      const sponsors = parseListCell(row.values.sponsorCardNumbers ?? '').map((card) => memberByCard(members!, card, 'input.sponsorCardNumbers')!);
      if (!fullName || !gender || !birthDate || !ethnicity || !enteredOn) return;

      const data = checkForFile(
        () =>
          checkNewCandidate({
            fullName, gender, birthDate, ethnicity, youthUnionMember, enteredOn,
            cellId: cell.id,
            mentorId: mentor?.id ?? null,
            sponsorIds: sponsors.map((sponsor) => sponsor.id),
          }),
        fileField,
      );
      for (const [person, field] of [...(mentor ? [[mentor, 'input.mentorCardNumber'] as const] : []), ...sponsors.map((s) => [s, 'input.sponsorCardNumbers'] as const)]) {
        const issue = inactiveIssue(person) ?? mentorIssue(person);
        if (issue) throw ValidationError.of(field, issue);
      }

      let inCell = known.get(cell.id);
      if (!inCell) {
        const stored = await rowTx.admissionCandidate.findMany({ where: { cellId: cell.id }, select: { fullName: true, birthDate: true } });
        inCell = new Map(stored.map((each) => [personKey(cell.id, each.fullName, each.birthDate), 0]));
        known.set(cell.id, inCell);
      }
      const key = personKey(cell.id, data.fullName, data.birthDate);
      const already = inCell.get(key);
      if (already !== undefined) {
        throw ValidationError.of('input.fullName', message('CANDIDATE_LISTED', { name: data.fullName, birthDate: isoDate(data.birthDate), line: already }));
      }

      // The stages one after another, as candidateAdvance, candidateDrop and candidateAdmit would take them.
      const candidate = { fullName: data.fullName, birthDate: data.birthDate, stage: 'POOL' as CandidateStage, trainedOn: null as Date | null };
      let last: LastStage = { stage: 'POOL', changedOn: data.enteredOn };
      const stageChanges: PendingCandidate['stageChanges'] = [{ stage: 'POOL', changedOn: data.enteredOn, note: null }];
      const facts: { trainedOn?: Date; cellResolutionOn?: Date } = {};
      const reach = (stage: CandidateStage, on: Date, note: string | null = null) => {
        candidate.stage = stage;
        last = { stage, changedOn: on };
        stageChanges.push({ stage, changedOn: on, note });
        Object.assign(facts, stageFacts(stage, on));
        if (facts.trainedOn) candidate.trainedOn = facts.trainedOn;
      };
      for (const stage of ADVANCED_STAGES) {
        const on = dates.get(stage);
        if (!on) continue;
        const column = `input.${stageKey(stage)}`;
        checkForFile(() => checkAdvance(candidate, last, stage, on, { stage: column, on: column }));
        reach(stage, on);
      }
      const droppedOn = dates.get('DROPPED');
      const admittedOn = dates.get('ADMITTED');
      let droppedReason: string | null = null;
      let admission: PendingCandidate['admission'] = null;
      if (droppedOn && admittedOn) throw ValidationError.of('input.droppedOn', message('DROPPED_OR_ADMITTED'));
      if (droppedOn) {
        const drop = checkForFile(() => checkDrop({ id: 0, reason: row.values.droppedReason ?? '', on: droppedOn }), fileField);
        checkForFile(() => checkStageDate(last, drop.on, 'input.droppedOn'));
        droppedReason = drop.reason;
        reach('DROPPED', drop.on, drop.reason);
      } else if (row.values.droppedReason !== undefined) {
        throw ValidationError.of('input.droppedReason', message('ONLY_WITH_DROPPED_ON'));
      }
      if (admittedOn) {
        if (mayAdmit) throw new ForbiddenError('input.admittedOn', mayAdmit.code === 'NEEDS_ROLE' ? message('ADMITTED_ON_NEEDS_ROLE', mayAdmit.params as { mutation: string; roles: string; role: string }) : mayAdmit);
        const admittedOnField = 'input.admittedOn';
        checkForFile(() => checkAdmission(candidate, last, admittedOn, { id: admittedOnField, admittedOn: admittedOnField }));
        // admitMember's own rules on the new member's dates, said by row before anything is written.
        const issues = admissionIssues({ birthDate: data.birthDate, admittedOn, status: 'PROBATIONARY', officialOn: null, joinedCellOn: null }, today());
        if (issues.length > 0) throw forFile(new ValidationError(issues.map((issue) => ({ field: admittedOnField, message: issue.message }))));
        const admittedBy = row.values.admittedByUnitCode
          ? await committeeForCell(rowTx, cell, row.values.admittedByUnitCode, 'input.admittedByUnitCode', committees)
          : null;
        admission = { admittedOn, admittedByUnitId: admittedBy?.id ?? null };
        reach('ADMITTED', admittedOn);
      } else if (row.values.admittedByUnitCode !== undefined) {
        throw ValidationError.of('input.admittedByUnitCode', message('ONLY_WITH_ADMITTED_ON'));
      }
      inCell.set(key, row.line);
      pending.push({
        data: {
          ...personNameColumns(data.fullName),
          gender: data.gender,
          birthDate: data.birthDate,
          ethnicity: data.ethnicity,
          youthUnionMember: data.youthUnionMember,
          cellId: cell.id,
          stage: candidate.stage,
          trainedOn: facts.trainedOn ?? null,
          cellResolutionOn: facts.cellResolutionOn ?? null,
          mentorId: data.mentorId ?? null,
          droppedReason,
        },
        stageChanges,
        sponsorIds: data.sponsorIds,
        admission,
      });
    },
    async writeAll() {
      // Members first, as candidateAdmit makes them, so each admitted candidate is written with its member.
      const memberIds: (number | null)[] = [];
      for (const each of pending) {
        const member = each.admission
          ? await admitCandidateAsMember(tx, each.data as Parameters<typeof admitCandidateAsMember>[1], each.admission.admittedOn, each.admission.admittedByUnitId)
          : null;
        memberIds.push(member?.id ?? null);
      }
      for (let start = 0; start < pending.length; start += INSERT_CHUNK) {
        const chunk = pending.slice(start, start + INSERT_CHUNK);
        const created = await tx.admissionCandidate.createManyAndReturn({
          data: chunk.map((each, index) => ({ ...each.data, memberId: memberIds[start + index] ?? null })),
          select: { id: true },
        });
        // One insert numbers its rows in the order given.
        const ids = created.map((each) => each.id).sort((a, b) => a - b);
        await tx.candidateStageChange.createMany({
          data: chunk.flatMap((each, index) => each.stageChanges.map((change) => ({ ...change, candidateId: ids[index]! }))),
        });
        const sponsors = chunk.flatMap((each, index) => each.sponsorIds.map((memberId) => ({ candidateId: ids[index]!, memberId })));
        if (sponsors.length > 0) await tx.candidateSponsor.createMany({ data: sponsors });
      }
    },
  });
}

function memberByCard(members: Map<string, Member>, card: string | undefined, field: string): Member | undefined {
  if (card === undefined) return undefined;
  const member = members.get(card);
  if (!member) throw ValidationError.of(field, message('NO_MEMBER_CARD_NUMBER', { card }));
  return member;
}
