import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { csvFile, run, upload } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';

useFreshDatabase();

const MemberImport = graphql(`
  mutation MemberImport($input: ImportInput!) {
    memberImport(input: $input) {
      __typename
      ... on MemberImportSuccess { data { imported } }
      ... on ImportRejected { message rowCount issues { row column message } }
      ... on ValidationError { message issues { field message } }
    }
  }
`);

const UnitMembers = graphql(`
  query UnitMembers($id: ID!) {
    node(id: $id) {
      ... on Unit {
        members(first: 100) {
          totalCount
          edges { node { fullName gender birthDate ethnicity partyCardNumber status admittedOn officialOn youthUnionMember cell { code } } }
        }
      }
    }
  }
`);

async function membersOf(unitId: string) {
  const { node } = await run(UnitMembers, { id: unitId });
  if (!node || !('members' in node)) throw new Error('no unit');
  return node.members;
}

const sendFile = (unitId: string, file: File) => upload(MemberImport, { input: { unitId, file: null as unknown as File } }, { 'input.file': file });

describe('memberImport', () => {
  it('imports a semicolon-separated list with Vietnamese headers and dd/mm/yyyy dates', async () => {
    const tree = await createTree();
    const file = csvFile([
      'Mã chi bộ;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số thẻ đảng viên;Ngày vào Đảng;Ngày chính thức;Đoàn viên',
      `${tree.cellA.code};Trần Phước Huệ;Nam;12/05/1968;Kinh;79001234;03/02/1995;03/02/1996;không`,
      `${tree.cellA.code};Thạch Thị Sa Rươl;Nữ;01/09/1990;Khmer;79005678;19/05/2015;19/05/2016;có`,
      `${tree.cellB.code};Lê Văn Lý;Nam;20/11/2001;Kinh;;02/09/2025;;có`,
    ]);
    const result = await sendFile(tree.commune.id, file);
    expect(result.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 3 } });
    const members = await membersOf(tree.commune.id);
    // Vietnamese lists go by given name: Huệ, Lý, Rươl.
    expect(members.edges.map((e) => e.node)).toEqual([
      { fullName: 'Trần Phước Huệ', gender: 'MALE', birthDate: '1968-05-12', ethnicity: 'Kinh', partyCardNumber: '79001234',
        status: 'OFFICIAL', admittedOn: '1995-02-03', officialOn: '1996-02-03', youthUnionMember: false, cell: { code: tree.cellA.code } },
      { fullName: 'Lê Văn Lý', gender: 'MALE', birthDate: '2001-11-20', ethnicity: 'Kinh', partyCardNumber: null,
        status: 'PROBATIONARY', admittedOn: '2025-09-02', officialOn: null, youthUnionMember: true, cell: { code: tree.cellB.code } },
      { fullName: 'Thạch Thị Sa Rươl', gender: 'FEMALE', birthDate: '1990-09-01', ethnicity: 'Khmer', partyCardNumber: '79005678',
        status: 'OFFICIAL', admittedOn: '2015-05-19', officialOn: '2016-05-19', youthUnionMember: true, cell: { code: tree.cellA.code } },
    ]);
  });

  it('writes none of the rows when some are wrong, and names each row and column', async () => {
    const tree = await createTree();
    const file = csvFile([
      'Mã chi bộ,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Số thẻ đảng viên,Ngày vào Đảng,Ngày chính thức',
      `${tree.cellA.code},Nguyễn Văn A,Nam,01/01/1980,Kinh,79000001,01/01/2005,01/01/2006`,
      `${tree.cellA.code},Nguyễn Văn B,Nam,01/01/1981,Kinh,79000001,01/01/2006,01/01/2007`,
      `${tree.cellA.code},Nguyễn Thị C,Không rõ,01/01/2010,Kinh,,01/01/2020,`,
      `${tree.cellA.code},,Nữ,30/02/1985,Kinh,,01/01/2010,01/01/2011`,
      `KHONG-CO,Phạm Văn D,Nam,01/01/1975,Kinh,,01/01/2000,01/01/2001`,
    ]);
    const result = await sendFile(tree.commune.id, file);
    const answer = result.data?.memberImport;
    if (answer?.__typename !== 'ImportRejected') throw new Error(JSON.stringify(result));
    const columnsOf = (row: number) => answer.issues.filter((i) => i.row === row).map((i) => i.column).sort();
    expect(columnsOf(2)).toEqual([]);
    expect(columnsOf(3)).toEqual(['Số thẻ đảng viên']); // the card row 2 took, in the same file
    expect(columnsOf(4)).toEqual(expect.arrayContaining(['Giới tính']));
    expect(columnsOf(5)).toEqual(['Họ và tên', 'Ngày sinh']);
    expect(columnsOf(6)).toEqual(['Mã chi bộ']);
    expect(answer.rowCount).toBe(5);
    expect((await membersOf(tree.commune.id)).totalCount).toBe(0);
  });

  it('needs no cell column when the file is for one cell, and refuses a cell outside the unit', async () => {
    const tree = await createTree();
    const other = await createTree({ commune: 'Xã Tân Long' });
    const ok = await sendFile(
      tree.cellB.id,
      csvFile(['Họ và tên,Giới tính,Ngày sinh,Dân tộc,Ngày vào Đảng', 'Võ Thị Ánh,Nữ,15/08/1999,Kinh,10/10/2024']),
    );
    expect(ok.data?.memberImport).toEqual({ __typename: 'MemberImportSuccess', data: { imported: 1 } });
    const outside = await sendFile(
      tree.commune.id,
      csvFile(['Mã chi bộ,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Ngày vào Đảng', `${other.cellA.code},Hồ Văn E,Nam,01/01/1980,Kinh,01/01/2010`]),
    );
    expect(outside.data?.memberImport).toMatchObject({ __typename: 'ImportRejected', issues: [{ row: 2, column: 'Mã chi bộ' }] });
  });
});
