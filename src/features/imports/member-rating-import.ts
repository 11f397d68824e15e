// Importing a year's ratings of members (xếp loại đảng viên): one row a member, named by party
// card number or by full name in the row's cell, checked by the same rules as memberRate; any
// bad row and nothing is written. A province's year-end is tens of thousands of rows, so each
// cell's members, their cell history and their ratings are read once, every row is checked
// against them and the rows of this file, and all are written in one bulk insert (audited in bulk).
import { insertAudited } from '../../db/audited-transaction.js';
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import { message } from '../../text/messages.js';
import type { OrgUnit, Prisma, RatingLevel } from '../../generated/prisma/client.js';
import { labels } from '../../text/labels.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { alreadyRated, cellDuringAmong, checkMemberRating, notInAnyCell } from '../ratings/ratings.service.js';
import { choicesOf, parseChoiceCell, parseDateCell, parseIntegerCell, parseNumberCell } from './cell-values.js';
import type { ImportColumn } from './import-columns.js';
import { importRows, renameFields } from './import-rows.js';
import type { TableRow } from './uploaded-table.js';

export const ratingLevels = choicesOf<RatingLevel>(labels.RatingLevel, {
  'xuat sac': 'EXCELLENT',
  tot: 'GOOD',
  'hoan thanh': 'COMPLETED',
  'khong hoan thanh': 'NOT_COMPLETED',
});

export const memberRatingColumns: ImportColumn[] = [
  { key: 'cellCode', headers: ['Mã chi bộ'], required: false, format: 'text', example: 'CB-0001',
    hint: 'Mã chi bộ nơi đảng viên sinh hoạt; để trống khi tệp nhập cho một chi bộ' },
  { key: 'partyCardNumber', headers: ['Số thẻ đảng viên', 'Số thẻ đảng'], required: false, format: 'text', example: '79005678',
    hint: 'Số thẻ của đảng viên được xếp loại; không có thì ghi họ và tên' },
  { key: 'fullName', headers: ['Họ và tên', 'Họ tên'], required: false, format: 'text', example: 'Thạch Thị Sa Rươl',
    hint: 'Họ và tên đầy đủ; dùng khi không ghi số thẻ (trùng tên trong chi bộ thì phải ghi số thẻ)' },
  { key: 'year', headers: ['Năm'], required: true, format: 'number', example: 2024, hint: 'Năm được xếp loại' },
  { key: 'level', headers: ['Xếp loại', 'Mức xếp loại'], required: true, format: 'text', example: labels.RatingLevel.GOOD, choices: ratingLevels.labels,
    hint: 'Chọn trong danh sách; từ năm 2018 là bốn mức hiện hành hoặc chưa xếp loại' },
  { key: 'selfAssessedLevel', headers: ['Tự xếp loại', 'Tự đánh giá'], required: false, format: 'text', example: labels.RatingLevel.GOOD,
    choices: ratingLevels.labels, hint: 'Mức đảng viên tự nhận' },
  { key: 'proposedLevel', headers: ['Chi bộ đề nghị', 'Đề nghị'], required: false, format: 'text', example: labels.RatingLevel.GOOD,
    choices: ratingLevels.labels, hint: 'Mức chi bộ đề nghị' },
  { key: 'score', headers: ['Điểm'], required: false, format: 'number', example: 88, hint: 'Điểm chấm, từ 0 đến 100' },
  { key: 'decidedOn', headers: ['Ngày quyết định'], required: false, format: 'date', example: new Date(Date.UTC(2024, 11, 20)),
    hint: 'Ngày quyết định xếp loại, dạng dd/mm/yyyy' },
  { key: 'notRatedReason', headers: ['Lý do chưa xếp loại'], required: false, format: 'text', example: null,
    hint: 'Ghi khi xếp loại là «Chưa xếp loại»' },
];

interface RosterMember {
  id: number;
  fullName: string;
  assignments: { id: number; cellId: number; fromDate: Date; toDate: Date | null }[];
}

interface CellRoster {
  byCard: Map<string, RosterMember>;
  byName: Map<string, RosterMember[]>;
}

/** Everyone who has met in the cell, by card number and by folded name, with every stay of theirs; read once per cell. */
async function rosterOf(tx: Tx, cell: OrgUnit): Promise<CellRoster> {
  const members = await tx.member.findMany({
    where: { assignments: { some: { cellId: cell.id } } },
    select: {
      id: true,
      fullName: true,
      partyCardNumber: true,
      searchName: true,
      assignments: { select: { id: true, cellId: true, fromDate: true, toDate: true } },
    },
  });
  const byCard = new Map<string, RosterMember>();
  const byName = new Map<string, RosterMember[]>();
  for (const member of members) {
    if (member.partyCardNumber) byCard.set(member.partyCardNumber, member);
    byName.set(member.searchName, [...(byName.get(member.searchName) ?? []), member]);
  }
  return { byCard, byName };
}

function memberOfRow(roster: CellRoster, cell: OrgUnit, card: string | undefined, name: string | undefined): RosterMember {
  if (card !== undefined) {
    const member = roster.byCard.get(card);
    if (member === undefined) throw ValidationError.of('input.partyCardNumber', message('NO_MEMBER_WITH_CARD', { card, cell: cell.name }));
    return member;
  }
  if (name === undefined) throw ValidationError.of('input.partyCardNumber', message('CARD_OR_NAME'));
  const found = roster.byName.get(foldForSearch(name)) ?? [];
  if (found.length === 1) return found[0]!;
  throw ValidationError.of(
    'input.fullName',
    found.length === 0 ? message('NO_MEMBER_NAMED', { name, cell: cell.name }) : message('NAME_SHARED', { name, count: found.length, cell: cell.name }),
  );
}

const periodKey = (memberId: number, year: number) => `${memberId}:${year}`;

export function importMemberRatings(tx: Tx, unitId: number, table: TableRow[]): Promise<number> {
  const rosters = new Map<number, CellRoster>();
  /** Levels already stored, or given by an earlier row of the file, by member and year. */
  const rated = new Map<string, RatingLevel>();
  const ratedRead = new Set<number>();
  const pending: Prisma.MemberRatingCreateManyInput[] = [];
  return importRows({
    tx,
    unitId,
    table,
    columns: memberRatingColumns,
    async handle(row, { tx: rowTx, cell, read, required }) {
      const year = required('year', parseIntegerCell);
      const level = required('level', (v) => parseChoiceCell(v, ratingLevels));
      const selfAssessedLevel = read('selfAssessedLevel', (v) => parseChoiceCell(v, ratingLevels));
      const proposedLevel = read('proposedLevel', (v) => parseChoiceCell(v, ratingLevels));
      const score = read('score', parseNumberCell);
      const decidedOn = read('decidedOn', parseDateCell);
      let roster = rosters.get(cell.id);
      if (!roster) {
        roster = await rosterOf(rowTx, cell);
        rosters.set(cell.id, roster);
      }
      const member = memberOfRow(roster, cell, row.values.partyCardNumber, row.values.fullName);
      // Unreadable cells are already recorded against their columns.
      if (year === undefined || !level) return;
      try {
        const checked = checkMemberRating({
          memberId: member.id,
          year,
          level,
          selfAssessedLevel: selfAssessedLevel ?? null,
          proposedLevel: proposedLevel ?? null,
          score: score ?? null,
          decidedOn: decidedOn ?? null,
          notRatedReason: row.values.notRatedReason ?? null,
        });
        const { facts } = checked;
        const cellId = cellDuringAmong(member.assignments, facts);
        if (cellId === null) throw notInAnyCell(member.fullName, facts);
        if (!ratedRead.has(cell.id)) {
          const stored = await rowTx.memberRating.findMany({
            where: { period: 'YEAR', member: { assignments: { some: { cellId: cell.id } } } },
            select: { memberId: true, year: true, level: true },
          });
          for (const rating of stored) rated.set(periodKey(rating.memberId, rating.year), rating.level);
          ratedRead.add(cell.id);
        }
        const earlier = rated.get(periodKey(member.id, facts.year));
        if (earlier) throw alreadyRated(member.fullName, earlier, facts);
        rated.set(periodKey(member.id, facts.year), facts.level);
        pending.push({ ...facts, memberId: member.id, cellId, score: checked.score, ruleVersion: checked.ruleVersion });
      } catch (error) {
        // The file names the member by card number (or name), the rules by id.
        throw renameFields(error, (field) => (field === 'input.memberId' ? (row.values.partyCardNumber ? 'input.partyCardNumber' : 'input.fullName') : field));
      }
    },
    async writeAll() {
      await insertAudited(tx, 'MemberRating', pending);
    },
  });
}
