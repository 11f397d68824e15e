// memberRatingImport: a year's ratings of members from the clerk's sheet, named by card number
// or by name in the cell, all rows or none, for LEADER and ADMIN as memberRate is.
import type ExcelJS from 'exceljs';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { localId } from '../src/graphql/ids.js';
import { labels } from '../src/text/labels.js';
import { graphql } from './generated/index.js';
import { userWith, bearer } from './support/auth.js';
import { app } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';
import { readWorkbook, xlsxFile, type Cell } from './support/import-files.js';
import { createMember, nextCardNumber } from './support/members.factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

const MemberRatingImport = graphql(`
  mutation RatingFileImport($input: ImportInput!) {
    memberRatingImport(input: $input) {
      __typename
      ... on MemberRatingImportSuccess { data { imported rowCount dryRun } }
      ... on ImportRejected { message rowCount issues { row column message text } }
      ... on ValidationError { message }
      ... on ForbiddenError { message }
    }
  }
`);

async function send(unitId: string, file: File, { dryRun, authorization }: { dryRun?: boolean; authorization?: string } = {}) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: print(MemberRatingImport), variables: { input: { unitId, file: null, dryRun } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', file);
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: authorization ?? (await bearer()) } });
  return (await response.json()) as { data?: { memberRatingImport: Record<string, unknown> & { __typename: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
}

const headings = ['Mã chi bộ', 'Số thẻ đảng viên', 'Họ và tên', 'Năm', 'Xếp loại', 'Tự xếp loại', 'Điểm', 'Ngày quyết định'];

async function setUp(commune: string) {
  const tree = await createTree({ commune });
  const an = await createMember(tree.cellA.id, { fullName: 'Nguyễn Văn An', partyCardNumber: nextCardNumber() });
  const binh = await createMember(tree.cellA.id, { fullName: 'Trần Thị Bình' });
  const cuong = await createMember(tree.cellB.id, { fullName: 'Lê Văn Cường', partyCardNumber: nextCardNumber() });
  return { tree, an, binh, cuong };
}

const ratingsOf = (memberIds: string[]) =>
  wholeStore().memberRating.findMany({
    where: { memberId: { in: memberIds.map((id) => localId(id, 'Member', 'id')) } },
    select: { memberId: true, cellId: true, year: true, period: true, level: true, selfAssessedLevel: true, score: true, decidedOn: true },
    orderBy: { memberId: 'asc' },
  });

describe('memberRatingImport', () => {
  it('rates members named by card number or by name, each in the cell they met in', async () => {
    const { tree, an, binh, cuong } = await setUp('Xã Hòa An');
    const rows: Cell[][] = [
      [tree.cellA.code, an.partyCardNumber, null, 2024, labels.RatingLevel.EXCELLENT, labels.RatingLevel.GOOD, 92.5, new Date(Date.UTC(2024, 11, 20))],
      [tree.cellA.code, null, 'Trần Thị Bình', 2024, 'Hoàn thành nhiệm vụ', null, null, null],
      [tree.cellB.code, cuong.partyCardNumber, 'Lê Văn Cường', 2024, labels.RatingLevel.NOT_COMPLETED, null, 40, '15/12/2024'],
    ];
    const audited = () => wholeStore().auditLog.findMany({ where: { entity: 'MemberRating' }, select: { action: true, entityId: true } });
    const loggedBefore = await audited();
    const result = await send(tree.commune.id, await xlsxFile(headings, rows));
    expect(result.data?.memberRatingImport).toEqual({ __typename: 'MemberRatingImportSuccess', data: { imported: 3, rowCount: 3, dryRun: false } });
    const cell = (id: string) => localId(id, 'Unit', 'id');
    const member = (id: string) => localId(id, 'Member', 'id');
    const stored = await ratingsOf([an.id, binh.id, cuong.id]);
    expect(stored.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }))).toEqual(
      [
        { memberId: member(an.id), cellId: cell(tree.cellA.id), year: 2024, period: 'YEAR', level: 'EXCELLENT', selfAssessedLevel: 'GOOD', score: 92.5, decidedOn: new Date('2024-12-20T00:00:00Z') },
        { memberId: member(binh.id), cellId: cell(tree.cellA.id), year: 2024, period: 'YEAR', level: 'COMPLETED', selfAssessedLevel: null, score: null, decidedOn: null },
        { memberId: member(cuong.id), cellId: cell(tree.cellB.id), year: 2024, period: 'YEAR', level: 'NOT_COMPLETED', selfAssessedLevel: null, score: 40, decidedOn: new Date('2024-12-15T00:00:00Z') },
      ].sort((a, b) => a.memberId - b.memberId),
    );
    // Written in bulk, logged in bulk: one 'create' entry per rating, by its id.
    const ids = await wholeStore().memberRating.findMany({ where: { memberId: { in: stored.map((r) => r.memberId) } }, select: { id: true } });
    const logged = (await audited()).slice(loggedBefore.length);
    expect(logged.map((entry) => entry.action)).toEqual(['create', 'create', 'create']);
    expect(logged.map((entry) => entry.entityId).sort()).toEqual(ids.map((r) => String(r.id)).sort());
  });

  it('lists every problem by row and heading, in Vietnamese, writes nothing, and a dry run reports the same', async () => {
    const { tree, an, binh, cuong } = await setUp('Xã Tân Long');
    await createMember(tree.cellA.id, { fullName: 'Trần Thị Bình', birthDate: '1990-01-01' });
    const rows: Cell[][] = [
      [tree.cellA.code, an.partyCardNumber, null, 2024, labels.RatingLevel.GOOD, null, null, null],
      [tree.cellA.code, '000000', null, 2024, labels.RatingLevel.GOOD, null, null, null],
      [tree.cellA.code, null, 'Trần Thị Bình', 2024, labels.RatingLevel.GOOD, null, null, null],
      [tree.cellB.code, cuong.partyCardNumber, null, 2024, labels.RatingLevel.LEGACY_QUALIFIED, null, null, null],
      [tree.cellA.code, an.partyCardNumber, null, 2024, labels.RatingLevel.COMPLETED, null, null, null],
      [tree.cellA.code, an.partyCardNumber, null, 2023, 'Tốt lắm', null, null, null],
      [tree.cellB.code, cuong.partyCardNumber, null, 2023, labels.RatingLevel.GOOD, null, 120, null],
    ];
    const file = await xlsxFile(headings, rows);
    const dry = await send(tree.commune.id, file, { dryRun: true });
    const real = await send(tree.commune.id, file);
    expect(dry.data?.memberRatingImport).toEqual(real.data?.memberRatingImport);
    const answer = real.data?.memberRatingImport as { __typename: string; issues: { row: number; column: string; text: string }[] };
    expect(answer.__typename).toBe('ImportRejected');
    expect(answer.issues.map((issue) => issue.text)).toEqual([
      `Dòng 3, cột «Số thẻ đảng viên»: không có đảng viên số thẻ 000000 trong ${tree.cellA.name}`,
      `Dòng 4, cột «Họ và tên»: «Trần Thị Bình» trùng tên 2 đảng viên của ${tree.cellA.name}; hãy ghi số thẻ`,
      'Dòng 5, cột «Xếp loại»: mức "Đủ tư cách, hoàn thành nhiệm vụ" không dùng để xếp loại đảng viên từ năm 2018; năm 2024 dùng các mức: ' +
        'Hoàn thành xuất sắc nhiệm vụ; Hoàn thành tốt nhiệm vụ; Hoàn thành nhiệm vụ; Không hoàn thành nhiệm vụ; Chưa xếp loại',
      'Dòng 6, cột «Năm»: Nguyễn Văn An đã được xếp loại "Hoàn thành tốt nhiệm vụ" cho năm 2024; hãy sửa kết quả đó bằng memberRatingUpdate',
      `Dòng 7, cột «Xếp loại»: «Tốt lắm» không thuộc danh sách: ${Object.values(labels.RatingLevel).join('; ')}`,
      'Dòng 8, cột «Điểm»: phải từ 0 đến 100',
    ]);
    expect(await ratingsOf([an.id, binh.id, cuong.id])).toEqual([]);
  });

  it('is for LEADER and ADMIN, as memberRate: STAFF is refused', async () => {
    const { tree, an } = await setUp('Xã Minh Tân');
    const file = await xlsxFile(headings, [[tree.cellA.code, an.partyCardNumber, null, 2024, labels.RatingLevel.GOOD, null, null, null]]);
    const communeId = localId(tree.commune.id, 'Unit', 'id');
    const staff = await send(tree.commune.id, file, { authorization: await userWith('STAFF', communeId) });
    expect(staff.data?.memberRatingImport).toBeFalsy();
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ratingsOf([an.id])).toEqual([]);
    const leader = await send(tree.commune.id, file, { authorization: await userWith('LEADER', communeId) });
    expect(leader.data?.memberRatingImport).toMatchObject({ __typename: 'MemberRatingImportSuccess', data: { imported: 1 } });
  });

  it('imports its template filled in: the example row, with the drop-down offering every level by its Vietnamese label', async () => {
    const { tree, an } = await setUp('Xã Đồng Tâm');
    const response = await app.fetch('http://chibo.test/templates/member-ratings.xlsx', { headers: { authorization: await bearer() } });
    expect(response.status).toBe(200);
    const workbook = await readWorkbook(await response.arrayBuffer());
    const data = workbook.worksheets[0]!;
    const templateHeadings = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const levelCell = data.getCell(2, templateHeadings.indexOf('Xếp loại') + 1);
    const list = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(String(levelCell.dataValidation?.formulae[0]))!;
    const offered = [];
    for (let row = Number(list[3]); row <= Number(list[4]); row++) offered.push(workbook.getWorksheet(list[1]!)!.getCell(`${list[2]}${row}`).value);
    expect(offered).toEqual(Object.values(labels.RatingLevel));
    const instructions = workbook.getWorksheet('Hướng dẫn')!;
    const exampleHeadings = (instructions.getRow(instructions.rowCount - 1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const example = (instructions.getRow(instructions.rowCount).values as ExcelJS.CellValue[]).slice(1);
    expect(exampleHeadings).toEqual(templateHeadings);
    const filled = templateHeadings.map((heading, index) =>
      heading === 'Mã chi bộ' ? tree.cellA.code : heading === 'Số thẻ đảng viên' ? an.partyCardNumber : heading === 'Họ và tên' ? an.fullName : (example[index] ?? null),
    );
    data.addRow(filled);
    const result = await send(tree.commune.id, new File([await workbook.xlsx.writeBuffer()], 'xep-loai.xlsx'));
    expect(result.data?.memberRatingImport).toMatchObject({ __typename: 'MemberRatingImportSuccess', data: { imported: 1 } });
    expect((await ratingsOf([an.id])).map((r) => r.level)).toEqual(['GOOD']);
  });
});
