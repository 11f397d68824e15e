// Importing a unit's members (danh sách đảng viên): one row a member, checked by the same rules
// as the memberCreate mutation; any bad row and nothing is written. A district's list is
// thousands of rows, so what the rows need from the store (each cell's admitting committee, the
// holders of the file's card numbers) is read once, every row is checked in memory against it
// and the rows before it, and the members, their first assignments and the audit rows are
// written in bulk inserts at the end.
import { insertAudited } from '../../db/audited-transaction.js';
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import type { Gender, MemberStatus } from '../../generated/prisma/client.js';
import {
  admittedMemberRows,
  assertAdmissionDates,
  assertCardHolder,
  defaultAdmittingUnitId,
  openCellIssue,
  parseNewMember,
  type CardHolder,
} from '../members/members.service.js';
import { labels } from '../../text/labels.js';
import { normalizeText } from '../../text/vietnamese.js';
import { choicesOf, parseBooleanCell, parseChoiceCell, parseDateCell } from './cell-values.js';
import { readColumns, type ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import type { TableRow } from './uploaded-table.js';

export const genders = choicesOf<Gender>(labels.Gender);
/** A member enters the list as probationary or official; the other statuses come later, by mutation. */
export const memberStatuses = choicesOf<Extract<MemberStatus, 'OFFICIAL' | 'PROBATIONARY'>>(
  { OFFICIAL: labels.MemberStatus.OFFICIAL, PROBATIONARY: labels.MemberStatus.PROBATIONARY },
  { 'chinh thuc': 'OFFICIAL', 'du bi': 'PROBATIONARY' },
);
const yesNo = ['có', 'không'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const memberColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ nơi đảng viên sinh hoạt; để trống khi tệp nhập cho một chi bộ' },
  { key: 'fullName', headers: ['Họ và tên', 'Họ tên'], required: true, format: 'text', example: 'Thạch Thị Sa Rươl', hint: 'Họ và tên đầy đủ, có dấu' },
  { key: 'gender', headers: ['Giới tính'], required: true, format: 'text', example: 'Nữ', choices: genders.labels, hint: 'Chọn trong danh sách' },
  { key: 'birthDate', headers: ['Ngày sinh'], required: true, format: 'date', example: day('1990-09-01'), hint: 'Ngày, dạng dd/mm/yyyy' },
  { key: 'ethnicity', headers: ['Dân tộc'], required: true, format: 'text', example: 'Khmer', hint: 'Ví dụ: Kinh, Tày, Khmer' },
  { key: 'partyCardNumber', headers: ['Số thẻ đảng viên', 'Số thẻ đảng'], required: false, format: 'text', example: '79005678',
    hint: 'Để trống khi chưa có thẻ; không trùng với đảng viên khác' },
  { key: 'admittedOn', headers: ['Ngày vào Đảng', 'Ngày kết nạp'], required: true, format: 'date', example: day('2015-05-19'),
    hint: 'Ngày kết nạp, dạng dd/mm/yyyy; đảng viên đủ 18 tuổi vào ngày này' },
  { key: 'officialOn', headers: ['Ngày chính thức'], required: false, format: 'date', example: day('2016-05-19'),
    hint: 'Ngày công nhận đảng viên chính thức, sau ngày vào Đảng ít nhất 12 tháng; để trống với đảng viên dự bị' },
  { key: 'status', headers: ['Trạng thái'], required: false, format: 'text', example: labels.MemberStatus.OFFICIAL, choices: memberStatuses.labels,
    hint: 'Chọn trong danh sách; để trống thì có ngày chính thức là chính thức, không có là dự bị' },
  { key: 'joinedCellOn', headers: ['Ngày sinh hoạt tại chi bộ', 'Ngày chuyển đến'], required: false, format: 'date', example: day('2015-05-19'),
    hint: 'Ngày bắt đầu sinh hoạt tại chi bộ; để trống là ngày vào Đảng' },
  { key: 'youthUnionMember', headers: ['Đoàn viên'], required: false, format: 'text', example: 'có', choices: yesNo,
    hint: 'Còn là đoàn viên Đoàn TNCS Hồ Chí Minh: có hoặc không' },
];

/** Card numbers a lookup names at once. */
const LOOKUP_CHUNK = 10_000;

/** Who holds each of these card numbers in the store (as far as the writer sees), read in chunks. */
async function cardHolders(tx: Tx, cards: string[]): Promise<Map<string, CardHolder>> {
  const holders = new Map<string, CardHolder>();
  for (let start = 0; start < cards.length; start += LOOKUP_CHUNK) {
    const found = await tx.member.findMany({
      where: { partyCardNumber: { in: cards.slice(start, start + LOOKUP_CHUNK) } },
      select: { id: true, fullName: true, partyCardNumber: true },
    });
    for (const holder of found) holders.set(holder.partyCardNumber!, holder);
  }
  return holders;
}

/** Ids for `count` new members, taken from the table's own sequence so each assignment knows its member before the insert. */
async function newMemberIds(tx: Tx, count: number): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"Member"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    count,
  );
  return rows.map((row) => row.id);
}

export function importMembers(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  let stored: Promise<Map<string, CardHolder>> | undefined;
  /** Card numbers taken by earlier good rows of the file, with their holder's name. */
  const takenInFile = new Map<string, CardHolder>();
  const admittingUnits = new Map<number, Promise<number | null>>();
  const pending: ReturnType<typeof admittedMemberRows>[] = [];
  return importRows({
    tx,
    unitId,
    table,
    columns: memberColumns,
    async handle(row, { tx: rowTx, cell, read, required }) {
      // Whether a cell of this row could not be read: such a row is refused, so its card stays free.
      let unreadable = false;
      const readOk: typeof read = (key, parse) => {
        const value = read(key, parse);
        if (value === undefined && (row.values as Record<string, string | undefined>)[key] !== undefined) unreadable = true;
        return value;
      };
      const requiredOk: typeof required = (key, parse) => {
        const value = required(key, parse);
        if (value === undefined) unreadable = true;
        return value;
      };
      const fullName = requiredOk('fullName', (v) => v);
      const gender = requiredOk('gender', (v) => parseChoiceCell(v, genders));
      const birthDate = requiredOk('birthDate', parseDateCell);
      const ethnicity = requiredOk('ethnicity', (v) => v);
      const admittedOn = requiredOk('admittedOn', parseDateCell);
      const officialOn = readOk('officialOn', parseDateCell);
      // Without a status column a member with an official date is official.
      const status = readOk('status', (v) => parseChoiceCell(v, memberStatuses)) ?? (officialOn ? 'OFFICIAL' : 'PROBATIONARY');
      const joinedCellOn = readOk('joinedCellOn', parseDateCell);
      const youthUnionMember = readOk('youthUnionMember', parseBooleanCell) ?? false;
      // Unreadable cells are already recorded against their columns.
      if (!fullName || !gender || !birthDate || !ethnicity || !admittedOn) return;
      // The checks of memberCreate (src/features/members/members.service.ts admitMember), in its order.
      const member = parseNewMember({
        cellId: cell.id,
        fullName,
        gender,
        birthDate,
        ethnicity,
        partyCardNumber: row.values.partyCardNumber ?? null,
        admittedOn,
        officialOn: officialOn ?? null,
        status,
        joinedCellOn: joinedCellOn ?? null,
        youthUnionMember,
      });
      assertAdmissionDates(member);
      const cellIssue = openCellIssue(cell);
      if (cellIssue) throw ValidationError.of('input.cellId', cellIssue);
      let admittedBy = admittingUnits.get(cell.id);
      if (!admittedBy) {
        admittedBy = defaultAdmittingUnitId(rowTx, cell);
        admittingUnits.set(cell.id, admittedBy);
      }
      const admittedByUnitId = await admittedBy;
      const card = member.partyCardNumber;
      if (card) {
        // Every card the file names, read as the input rule reads them, looked up once.
        stored ??= cardHolders(rowTx, [
          ...new Set(readColumns(table, memberColumns).flatMap((each) => (each.values.partyCardNumber ? [normalizeText(each.values.partyCardNumber)] : []))),
        ]);
        assertCardHolder(card, (await stored).get(card) ?? takenInFile.get(card), 'input.partyCardNumber');
      }
      if (unreadable) return;
      if (card) takenInFile.set(card, { fullName: member.fullName });
      pending.push(admittedMemberRows(member, cell, admittedByUnitId));
    },
    async writeAll() {
      const ids = await newMemberIds(tx, pending.length);
      // Stamped here as Prisma stamps updatedAt; the store fills createdAt.
      const now = new Date();
      await insertAudited(tx, 'Member', pending.map((rows, i) => ({ id: ids[i]!, ...rows.member, updatedAt: now })));
      await insertAudited(tx, 'MemberAssignment', pending.map((rows, i) => ({ memberId: ids[i]!, ...rows.assignment })));
    },
  });
}
