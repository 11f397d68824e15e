// Importing a unit's members from a CSV (danh sách đảng viên): one row a member, through the
// same createMemberIn as the memberCreate mutation; any bad row and nothing is written.
import type { Tx } from '../../db/write.js';
import type { Gender, MemberStatus } from '../../generated/prisma/client.js';
import { createMemberIn } from '../members/members.service.js';
import { labels } from '../../text/labels.js';
import { choicesOf, parseBooleanCell, parseChoiceCell, parseDateCell } from './cell-values.js';
import type { ImportColumn } from './import-columns.js';
import { importRows } from './import-rows.js';
import type { TableRow } from './uploaded-table.js';

export const memberColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false },
  { key: 'fullName', headers: ['Họ và tên', 'Họ tên'], required: true },
  { key: 'gender', headers: ['Giới tính'], required: true },
  { key: 'birthDate', headers: ['Ngày sinh'], required: true },
  { key: 'ethnicity', headers: ['Dân tộc'], required: true },
  { key: 'partyCardNumber', headers: ['Số thẻ đảng viên', 'Số thẻ đảng'], required: false },
  { key: 'admittedOn', headers: ['Ngày vào Đảng', 'Ngày kết nạp'], required: true },
  { key: 'officialOn', headers: ['Ngày chính thức'], required: false },
  { key: 'status', headers: ['Trạng thái'], required: false },
  { key: 'joinedCellOn', headers: ['Ngày sinh hoạt tại chi bộ', 'Ngày chuyển đến'], required: false },
  { key: 'youthUnionMember', headers: ['Đoàn viên'], required: false },
];

export const genders = choicesOf<Gender>(labels.Gender);
/** A member enters the list as probationary or official; the other statuses come later, by mutation. */
export const memberStatuses = choicesOf<Extract<MemberStatus, 'OFFICIAL' | 'PROBATIONARY'>>(
  { OFFICIAL: labels.MemberStatus.OFFICIAL, PROBATIONARY: labels.MemberStatus.PROBATIONARY },
  { 'chinh thuc': 'OFFICIAL', 'du bi': 'PROBATIONARY' },
);

export function importMembers(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  return importRows({
    tx,
    unitId,
    table,
    columns: memberColumns,
    async handle(row, { tx: rowTx, cell, read, required }) {
      const fullName = required('fullName', (v) => v);
      const gender = required('gender', (v) => parseChoiceCell(v, genders));
      const birthDate = required('birthDate', parseDateCell);
      const ethnicity = required('ethnicity', (v) => v);
      const admittedOn = required('admittedOn', parseDateCell);
      const officialOn = read('officialOn', parseDateCell);
      // Without a status column a member with an official date is official.
      const status = read('status', (v) => parseChoiceCell(v, memberStatuses)) ?? (officialOn ? 'OFFICIAL' : 'PROBATIONARY');
      const joinedCellOn = read('joinedCellOn', parseDateCell);
      const youthUnionMember = read('youthUnionMember', parseBooleanCell) ?? false;
      // Unreadable cells are already recorded against their columns.
      if (!fullName || !gender || !birthDate || !ethnicity || !admittedOn) return;
      await createMemberIn(rowTx, {
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
    },
  });
}
