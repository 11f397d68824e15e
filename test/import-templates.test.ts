// Each import's template: downloaded with the same credentials as /graphql, Vietnamese headings,
// instructions, a drop-down of the Vietnamese labels for every enumerated column, and an
// example row; filled in and uploaded, it imports.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { labels } from '../src/text/labels.js';
import { graphql } from './generated/index.js';
import { app, run, upload } from './support/client.js';
import { bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';
import { readWorkbook } from './support/import-files.js';

useFreshDatabase();

const download = async (path: string, authorization: string | null = null) =>
  app.fetch(`http://chibo.test${path}`, { headers: authorization ? { authorization } : {} });

async function template(kind: string): Promise<ExcelJS.Workbook> {
  const response = await download(`/templates/${kind}.xlsx`, await bearer());
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return readWorkbook(await response.arrayBuffer());
}

const rowValues = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);

/** The values a column's drop-down offers, read from the range its validation names. */
function dropDown(workbook: ExcelJS.Workbook, cell: ExcelJS.Cell): string[] | undefined {
  const validation = cell.dataValidation;
  if (!validation || validation.type !== 'list') return undefined;
  const match = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(validation.formulae[0] as string);
  if (!match) throw new Error(`unexpected list ${validation.formulae[0]}`);
  const sheet = workbook.getWorksheet(match[1]!)!;
  const values: string[] = [];
  for (let row = Number(match[3]); row <= Number(match[5]); row++) values.push(String(sheet.getCell(`${match[2]}${row}`).value));
  return values;
}

/** The example row of the instructions sheet, as its headings name the values. */
function exampleOf(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const sheet = workbook.getWorksheet('Hướng dẫn')!;
  const last = sheet.rowCount;
  const headings = rowValues(sheet.getRow(last - 1)).map(String);
  const values = rowValues(sheet.getRow(last));
  return new Map(headings.map((heading, index) => [heading, values[index] ?? null]));
}

const MemberImport = graphql(`
  mutation TemplateMemberImport($input: ImportInput!) {
    memberImport(input: $input) {
      __typename
      ... on MemberImportSuccess { data { imported } }
      ... on ImportRejected { issues { text } }
      ... on ValidationError { message }
    }
  }
`);

const MeetingImport = graphql(`
  mutation TemplateMeetingImport($input: ImportInput!) {
    meetingImport(input: $input) {
      __typename
      ... on MeetingImportSuccess { data { imported } }
      ... on ImportRejected { issues { text } }
      ... on ValidationError { message }
    }
  }
`);

const UnitMembers = graphql(`
  query TemplateUnitMembers($id: ID!) {
    node(id: $id) { ... on Unit { members(first: 10) { edges { node { fullName gender birthDate status officialOn youthUnionMember partyCardNumber cell { code } } } } } }
  }
`);

const CellMeetings = graphql(`
  query TemplateCellMeetings($id: ID!) {
    node(id: $id) { ... on Unit { meetings(first: 10) { edges { node { kind year month heldOn durationMinutes topic } } } } }
  }
`);

const memberHeadings = [
  'Mã chi bộ', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Số thẻ đảng viên', 'Ngày vào Đảng', 'Ngày chính thức',
  'Trạng thái', 'Ngày sinh hoạt tại chi bộ', 'Đoàn viên',
];

describe('import templates', () => {
  it('asks for the same credentials as /graphql and names the templates there are', async () => {
    expect((await download('/templates/members.xlsx')).status).toBe(401);
    expect((await download('/templates/members.xlsx', 'Bearer not-a-token')).status).toBe(401);
    const unknown = await download('/templates/khong-co.xlsx', await bearer());
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/\/templates\/members\.xlsx/);
  });

  it('gives the members template: headings, instructions, drop-downs of the Vietnamese labels, an example row', async () => {
    const workbook = await template('members');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Danh sách đảng viên', 'Hướng dẫn', 'Danh mục']);
    const data = workbook.worksheets[0]!;
    expect(rowValues(data.getRow(1))).toEqual(memberHeadings);
    expect(data.actualRowCount).toBe(1);
    const column = (heading: string) => memberHeadings.indexOf(heading) + 1;
    const lists = Object.fromEntries(
      memberHeadings.flatMap((heading) => {
        const offered = dropDown(workbook, data.getCell(2, column(heading)));
        // The drop-down covers the last row a file may hold, not only the first.
        expect(dropDown(workbook, data.getCell(20_001, column(heading)))).toEqual(offered);
        return offered ? [[heading, offered]] : [];
      }),
    );
    expect(lists).toEqual({
      'Giới tính': [labels.Gender.MALE, labels.Gender.FEMALE],
      'Trạng thái': [labels.MemberStatus.OFFICIAL, labels.MemberStatus.PROBATIONARY],
      'Đoàn viên': ['có', 'không'],
    });
    const instructions = workbook.getWorksheet('Hướng dẫn')!;
    const described = new Set(instructions.getColumn(1).values.map(String));
    for (const heading of memberHeadings) expect(described.has(heading)).toBe(true);
    expect([...exampleOf(workbook).keys()]).toEqual(memberHeadings);
  });

  it('imports the members template filled in: its example row and a row made of its drop-downs', async () => {
    const tree = await createTree({ commune: 'Xã Đông Hưng' });
    const workbook = await template('members');
    const data = workbook.worksheets[0]!;
    const example = exampleOf(workbook);
    example.set('Mã chi bộ', tree.cellA.code);
    data.addRow(memberHeadings.map((heading) => example.get(heading) ?? null));
    const lastOf = (heading: string) => dropDown(workbook, data.getCell(2, memberHeadings.indexOf(heading) + 1))!.at(-1)!;
    data.addRow([tree.cellB.code, 'Lò Văn Mạnh', lastOf('Giới tính'), new Date(Date.UTC(2000, 1, 29)), 'Thái', null,
      new Date(Date.UTC(2025, 8, 2)), null, lastOf('Trạng thái'), null, lastOf('Đoàn viên')]);
    const file = new File([await workbook.xlsx.writeBuffer()], 'dang-vien.xlsx');
    const result = await upload(MemberImport, { input: { unitId: tree.commune.id, file: null as unknown as File } }, { 'input.file': file });
    expect(result.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 2 } });
    const { node } = await run(UnitMembers, { id: tree.commune.id });
    const members = node && 'members' in node ? node.members.edges.map((edge) => edge.node) : [];
    // The example is the template's official member born 01/09/1990; the second row took the lists' last entries.
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gender: 'FEMALE', birthDate: '1990-09-01', status: 'OFFICIAL', youthUnionMember: true, cell: { code: tree.cellA.code } }),
        { fullName: 'Lò Văn Mạnh', gender: 'FEMALE', birthDate: '2000-02-29', status: 'PROBATIONARY', officialOn: null, youthUnionMember: false,
          partyCardNumber: null, cell: { code: tree.cellB.code } },
      ]),
    );
    expect(members).toHaveLength(2);
  });

  it('imports the meetings template filled in with its example row, the kind from its drop-down of labels', async () => {
    const tree = await createTree({ commune: 'Xã Phú Hữu' });
    const workbook = await template('meetings');
    const data = workbook.worksheets[0]!;
    const headings = rowValues(data.getRow(1)).map(String);
    expect(headings).toEqual(expect.arrayContaining(['Mã chi bộ', 'Loại sinh hoạt', 'Ngày sinh hoạt', 'Giờ bắt đầu', 'Giờ kết thúc', 'Nội dung']));
    expect(dropDown(workbook, data.getCell(2, headings.indexOf('Loại sinh hoạt') + 1))).toEqual(Object.values(labels.MeetingKind));
    const example = exampleOf(workbook);
    example.set('Mã chi bộ', tree.cellA.code);
    data.addRow(headings.map((heading) => example.get(heading) ?? null));
    const file = new File([await workbook.xlsx.writeBuffer()], 'sinh-hoat.xlsx');
    const result = await upload(MeetingImport, { input: { unitId: tree.commune.id, file: null as unknown as File } }, { 'input.file': file });
    expect(result.data?.meetingImport).toEqual({ __typename: 'MeetingImportSuccess', data: { imported: 1 } });
    const { node } = await run(CellMeetings, { id: tree.cellA.id });
    const meetings = node && 'meetings' in node ? node.meetings.edges.map((edge) => edge.node) : [];
    expect(meetings).toEqual([
      { kind: 'REGULAR', year: 2024, month: 3, heldOn: '2024-03-05', durationMinutes: 120, topic: String(example.get('Nội dung')) },
    ]);
  });
});
