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
