// Every import reads .xlsx and the CSV encodings Vietnamese Excel saves, answers in Vietnamese
// naming row and heading, and checks a file without writing it when asked for a dry run.
import { describe, expect, it } from 'vitest';
import { database } from '../src/db/client.js';
import { graphql } from './generated/index.js';
import { run, upload } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';
import { csvText, encodedFile, xlsxFile, type Cell, type CsvEncoding } from './support/import-files.js';

useFreshDatabase();

const MemberImport = graphql(`
  mutation FileMemberImport($input: ImportInput!) {
    memberImport(input: $input) {
      __typename
      ... on MemberImportSuccess { data { imported rowCount dryRun } }
      ... on ImportRejected { message rowCount issues { row column message text } }
      ... on ValidationError { message issues { field message } }
    }
  }
`);

const CellMembers = graphql(`
  query FileCellMembers($id: ID!) {
    node(id: $id) {
      ... on Unit {
        members(first: 100) { edges { node { fullName gender birthDate ethnicity partyCardNumber status admittedOn officialOn youthUnionMember } } }
      }
    }
  }
`);

const send = (unitId: string, file: File, dryRun?: boolean) =>
  upload(MemberImport, { input: { unitId, file: null as unknown as File, dryRun } }, { 'input.file': file });

async function membersOf(unitId: string) {
  const { node } = await run(CellMembers, { id: unitId });
  if (!node || !('members' in node)) throw new Error('no unit');
  return node.members.edges.map((edge) => edge.node);
}

const headings = ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Số thẻ đảng viên', 'Ngày vào Đảng', 'Ngày chính thức', 'Trạng thái', 'Đoàn viên'];
const byName = <T extends { fullName: string }>(rows: T[]) => [...rows].sort((a, b) => a.fullName.localeCompare(b.fullName));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** Card numbers are unique in the store, so each test's members take new ones. */
let nextCard = 79_005_000;

/** Two members as a clerk enters them, and their records as the API should answer them. */
function scenario() {
  const people = [
    { fullName: 'Thạch Thị Sa Rươl', gender: 'Nữ', birthDate: '1990-09-01', ethnicity: 'Khmer', card: nextCard++, admittedOn: '2015-05-19', officialOn: '2016-05-19', status: 'Đảng viên chính thức', youth: true },
    { fullName: 'Lò Văn Mạnh', gender: 'Nam', birthDate: '2000-02-29', ethnicity: 'Thái', card: null, admittedOn: '2025-09-02', officialOn: null, status: 'Dự bị', youth: false },
  ];
  const rows = (dates: (iso: string) => Cell): Cell[][] =>
    people.map((p) => [p.fullName, p.gender, dates(p.birthDate), p.ethnicity, p.card, dates(p.admittedOn), p.officialOn ? dates(p.officialOn) : null, p.status, p.youth ? 'có' : 'không']);
  const expected = byName(
    people.map((p) => ({
      fullName: p.fullName,
      gender: p.gender === 'Nữ' ? 'FEMALE' : 'MALE',
      birthDate: p.birthDate,
      ethnicity: p.ethnicity,
      partyCardNumber: p.card === null ? null : String(p.card),
      status: p.officialOn ? 'OFFICIAL' : 'PROBATIONARY',
      admittedOn: p.admittedOn,
      officialOn: p.officialOn,
      youthUnionMember: p.youth,
    })),
  );
  return { people, rows, expected };
}

async function counts() {
  const { prisma } = database();
  return { members: await prisma.member.count(), assignments: await prisma.memberAssignment.count(), audit: await prisma.auditLog.count() };
}

describe('import files', () => {
  it('reads an .xlsx with real Excel dates and numbers', async () => {
    const tree = await createTree({ commune: 'Xã Tân Lập' });
    const { rows, expected } = scenario();
    const result = await send(tree.cellA.id, await xlsxFile(headings, rows(day)));
    expect(result.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 2, rowCount: 2, dryRun: false } });
    expect(byName(await membersOf(tree.cellA.id))).toEqual(expected);
  });

  it('reads an .xlsx whose dates are typed as dd/mm/yyyy text', async () => {
    const tree = await createTree({ commune: 'Xã Tân Phú' });
    const typed = (iso: string) => iso.split('-').reverse().join('/');
    const { rows, expected } = scenario();
    const result = await send(tree.cellA.id, await xlsxFile(headings, rows(typed)));
    expect(result.data?.memberImport).toMatchObject({ __typename: 'MemberImportSuccess', data: { imported: 2 } });
    expect(byName(await membersOf(tree.cellA.id))).toEqual(expected);
  });

  const encodings: [CsvEncoding, string][] = [
    ['utf-8', ','],
    ['utf-8 with BOM', ';'],
    ['utf-16le', '\t'],
    ['utf-16be', '\t'],
    ['utf-16le without BOM', '\t'],
  ];
  for (const [encoding, separator] of encodings) {
    it(`reads a CSV in ${encoding} separated by ${JSON.stringify(separator)}`, async () => {
      const tree = await createTree({ commune: `Xã ${encoding}` });
      const { rows, expected } = scenario();
      const file = encodedFile(csvText([headings, ...rows(day)], separator), encoding);
      const result = await send(tree.cellA.id, file);
      expect(result.data?.memberImport).toMatchObject({ __typename: 'MemberImportSuccess', data: { imported: 2 } });
      expect(byName(await membersOf(tree.cellA.id))).toEqual(expected);
    });
  }

  it('refuses Windows-1258 bytes in Vietnamese, saying how to save the file, and an old .xls', async () => {
    const tree = await createTree({ commune: 'Xã Minh Khai' });
    // "Họ và tên" in Windows-1258: ọ is o + combining dot below (0xF2), à is 0xE0, ê is 0xEA.
    const cp1258 = new Uint8Array([0x48, 0x6f, 0xf2, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x0d, 0x0a, 0x41, 0x0d, 0x0a]);
    const legacy = await send(tree.cellA.id, new File([cp1258], 'ds.csv'));
    expect(legacy.data?.memberImport).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'input.file', message: expect.stringMatching(/không phải bảng mã UTF-8 hay UTF-16 \(có thể là Windows-1258.*CSV UTF-8/) }],
    });
    const xls = await send(tree.cellA.id, new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])], 'ds.xls'));
    expect(xls.data?.memberImport).toMatchObject({ __typename: 'ValidationError', issues: [{ message: expect.stringMatching(/\.xls/) }] });
  });

  it('names each problem by row and the template heading, in Vietnamese', async () => {
    const tree = await createTree({ commune: 'Xã Quyết Thắng' });
    const rows = scenario().rows(day);
    const bad: Cell[][] = [rows[0]!, ['Nguyễn Văn Bình', 'Nam', '30/02/1985', 'Kinh', null, day('2010-01-01'), null, 'Dự bị', 'có'], ['Đinh Thị Hoa', 'Khác', day('1980-01-01'), 'Mường', null, day('2010-01-01'), null, 'Dự bị', 'ừ']];
    const result = await send(tree.cellA.id, await xlsxFile(headings, [...bad, rows[1]!]));
    const answer = result.data?.memberImport;
    if (answer?.__typename !== 'ImportRejected') throw new Error(JSON.stringify(result));
    expect(answer.message).toBe('Chưa nhập dòng nào: 2 trong 4 dòng có lỗi');
    expect(answer.issues.map((issue) => issue.text)).toEqual([
      'Dòng 3, cột «Ngày sinh»: không phải ngày hợp lệ (dd/mm/yyyy): «30/02/1985»',
      'Dòng 4, cột «Giới tính»: «Khác» không thuộc danh sách: Nam; Nữ',
      'Dòng 4, cột «Đoàn viên»: phải là «có» hoặc «không»: «ừ»',
    ]);
    expect(await membersOf(tree.cellA.id)).toEqual([]);
  });

  it('checks a file in a dry run without writing a row, and reports the same problems a real run would', async () => {
    const tree = await createTree({ commune: 'Xã Yên Định' });
    const { people, rows } = scenario();
    const good = await xlsxFile(headings, rows(day));
    const before = await counts();
    const checked = await send(tree.cellA.id, good, true);
    expect(checked.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 0, rowCount: 2, dryRun: true } });
    expect(await counts()).toEqual(before);

    const badFile = await xlsxFile(headings, [...rows(day), ['Hà Văn Tú', 'Nam', day('2015-01-01'), 'Tày', null, day('2024-01-01'), null, 'Dự bị', 'có'],
      ['Hà Thị Lan', 'Nữ', day('1985-01-01'), 'Tày', people[0]!.card, day('2024-01-01'), null, 'Dự bị', 'có']]);
    const dry = await send(tree.cellA.id, badFile, true);
    expect(await counts()).toEqual(before);
    const real = await send(tree.cellA.id, badFile);
    expect(await counts()).toEqual(before);
    expect(dry.data?.memberImport).toEqual(real.data?.memberImport);
    if (dry.data?.memberImport.__typename !== 'ImportRejected') throw new Error(JSON.stringify(dry));
    // Row 4 was 9 when admitted; row 5 reuses row 2's card, written earlier in the same file.
    expect(dry.data.memberImport.issues.map((issue) => issue.text)).toEqual([
      'Dòng 4, cột «Ngày vào Đảng»: đảng viên mới 9 tuổi vào ngày 01/01/2024; Đảng kết nạp từ 18 tuổi',
      `Dòng 5, cột «Số thẻ đảng viên»: số thẻ đảng viên ${people[0]!.card} đã thuộc về Thạch Thị Sa Rươl`,
    ]);

    const written = await send(tree.cellA.id, good);
    expect(written.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 2, rowCount: 2, dryRun: false } });
    expect((await counts()).members).toBe(before.members + 2);
  });
});
