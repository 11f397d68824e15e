import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { csvFile, run, upload } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';
import { createMember } from './support/meetings.factories.js';

useFreshDatabase();

const MeetingImport = graphql(`
  mutation MeetingImport($input: ImportInput!) {
    meetingImport(input: $input) {
      __typename
      ... on MeetingImportSuccess { data { imported } }
      ... on ImportRejected { message rowCount issues { row column message } }
      ... on ValidationError { message issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const CellMeetings = graphql(`
  query CellMeetings($id: ID!) {
    node(id: $id) {
      ... on Unit {
        meetings(first: 50) {
          totalCount
          edges { node { kind year month heldOn durationMinutes expectedCount presentCount
            absences { kind member { fullName } }
            assessments { totalScore level } } }
        }
      }
    }
  }
`);

const header =
  'Mã chi bộ,Loại sinh hoạt,Ngày sinh hoạt,Giờ bắt đầu,Giờ kết thúc,Nội dung,Chi ủy chuẩn bị,Vắng có lý do,Vắng không lý do,' +
  'Điểm ATTENDANCE,Điểm PREPARATION,Điểm CONDUCT,Điểm PRINCIPLES,Điểm FOLLOW_UP';

async function setUp() {
  const tree = await createTree();
  const cellCode = tree.cellA.code;
  const members = [];
  for (const fullName of ['Trần Phước Huệ', 'Lê Văn Lý', 'Nguyễn Thị Hồng', 'Phạm Văn Hoàng']) {
    members.push(await createMember({ fullName, cellId: tree.cellA.id }));
  }
  return { tree, cellCode, members };
}

async function meetingsOf(cellId: string) {
  const { node } = await run(CellMeetings, { id: cellId });
  if (!node || !('meetings' in node)) throw new Error('no cell');
  return node.meetings;
}

describe('meetingImport', () => {
  it('imports every row with absentees by name and scores, computing counts and levels as meetingRecord does', async () => {
    const { tree, cellCode } = await setUp();
    const file = csvFile([
      header,
      `${cellCode},Thường kỳ,05/03/2024,19:00,21:00,Sinh hoạt tháng 3,có,,,20,20,28,15,12`,
      `${cellCode},Chuyên đề,2024-03-20,19h00,20h45,"Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh",không,Lê Văn Lý,Nguyễn Thị Hồng,,20,25,15,10`,
    ]);
    const result = await upload(MeetingImport, { input: { unitId: tree.commune.id, file: null as unknown as File } }, { 'input.file': file });
    expect(result.data?.meetingImport).toEqual({ __typename: 'MeetingImportSuccess', data: { imported: 2 } });

    const meetings = await meetingsOf(tree.cellA.id);
    expect(meetings.totalCount).toBe(2);
    const byKind = Object.fromEntries(meetings.edges.map((e) => [e.node.kind, e.node]));
    // Four members expected. In March all came: the full 20 on ATTENDANCE agrees with the record, and
    // 20+20+28+15+12 = 95 with required criteria full → GOOD. At the thematic meeting two of four came
    // (50%) and one was absent without excuse: the empty ATTENDANCE cell takes the 0 the record earns under
    // the central set, and 0+20+25+15+10 = 70 → FAIR.
    expect(byKind.REGULAR).toMatchObject({
      year: 2024, month: 3, heldOn: '2024-03-05', durationMinutes: 120, expectedCount: 4, presentCount: 4,
      absences: [],
      assessments: [{ totalScore: 95, level: 'GOOD' }],
    });
    expect(byKind.THEMATIC).toMatchObject({
      durationMinutes: 105, presentCount: 2,
      absences: expect.arrayContaining([
        { kind: 'EXCUSED', member: { fullName: 'Lê Văn Lý' } },
        { kind: 'UNEXCUSED', member: { fullName: 'Nguyễn Thị Hồng' } },
      ]),
      assessments: [{ totalScore: 70, level: 'FAIR' }],
    });
  });

  it('rejects the whole file when any row is wrong, listing every problem by row and column, and writes nothing', async () => {
    const { tree, cellCode } = await setUp();
    const file = csvFile([
      header,
      `${cellCode},Thường kỳ,05/04/2024,19:00,21:00,Sinh hoạt tháng 4,có,,,20,20,30,15,15`,
      `${cellCode},Họp mặt,31/04/2024,7 giờ,21:00,Sai nhiều chỗ,có,,,20,20,30,15,15`,
      `KHONG-CO,Thường kỳ,05/05/2024,19:00,21:00,Chi bộ lạ,có,,,20,20,30,15,15`,
      `${cellCode},Thường kỳ,06/04/2024,19:00,21:00,Lần hai trong tháng,có,Người Lạ,,20,20,30,15,15`,
      `${cellCode},Thường kỳ,05/06/2024,19:00,21:00,Điểm vượt,có,,,25,20,30,15,15`,
      `${cellCode},Thường kỳ,05/08/2024,19:00,21:00,Điểm trái với sổ,có,,Lê Văn Lý,20,20,30,15,15`,
    ]);
    const result = await upload(MeetingImport, { input: { unitId: tree.commune.id, file: null as unknown as File } }, { 'input.file': file });
    const answer = result.data?.meetingImport;
    expect(answer?.__typename).toBe('ImportRejected');
    if (answer?.__typename !== 'ImportRejected') return;
    expect(answer.rowCount).toBe(6);
    const byRow = (row: number) => answer.issues.filter((i) => i.row === row).map((i) => i.column);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(expect.arrayContaining(['Loại sinh hoạt', 'Ngày sinh hoạt', 'Giờ bắt đầu']));
    expect(byRow(4)).toEqual(['Mã chi bộ']);
    expect(byRow(5)).toEqual(expect.arrayContaining(['Vắng có lý do']));
    expect(byRow(6)).toEqual(['Điểm ATTENDANCE']);
    // Three of four came and one stayed away without excuse: under the central set neither condition of
    // «trên 85%, không có đảng viên vắng mặt không lý do» holds, so the record earns 0, not the 20 typed.
    expect(answer.issues.filter((i) => i.row === 7)).toEqual([
      {
        row: 7,
        column: 'Điểm ATTENDANCE',
        message: expect.stringMatching(
          /^20 điểm tiêu chí ATTENDANCE trái với sổ sinh hoạt: có mặt 3\/4 đảng viên phải dự \(75%\) và 1 lượt vắng không lý do thì được 0 điểm theo TW-12-HD-2018/,
        ),
      },
    ]);
    expect(answer.message).toMatch(/Chưa nhập dòng nào: 5 trong 6 dòng có lỗi/);
    expect((await meetingsOf(tree.cellA.id)).totalCount).toBe(0);
  });

  it('names the row of a second regular meeting in the same month, even when the first is in the same file', async () => {
    const { tree, cellCode } = await setUp();
    const file = csvFile([
      header,
      `${cellCode},Thường kỳ,05/07/2024,19:00,21:00,Tháng 7,có,,,20,20,30,15,15`,
      `${cellCode},Thường kỳ,25/07/2024,19:00,21:00,Tháng 7 lần hai,có,,,20,20,30,15,15`,
    ]);
    const result = await upload(MeetingImport, { input: { unitId: tree.cellA.id, file: null as unknown as File } }, { 'input.file': file });
    expect(result.data?.meetingImport).toMatchObject({
      __typename: 'ImportRejected',
      issues: [{ row: 3, column: 'Tháng' }],
    });
    expect((await meetingsOf(tree.cellA.id)).totalCount).toBe(0);
  });

  it('answers a ValidationError for a file that is not a usable CSV', async () => {
    const { tree } = await setUp();
    const cases: [File, RegExp][] = [
      [csvFile(['Loại sinh hoạt,Ngày sinh hoạt']), /không có dòng dữ liệu nào/],
      [csvFile(['Cột lạ,Loại sinh hoạt', 'x,Thường kỳ']), /thiếu cột «Ngày sinh hoạt».*có cột «Cột lạ» không thuộc mẫu/],
      [new File([new Uint8Array([0x4c, 0x6f, 0xe0, 0x69, 0x0a, 0xff, 0xfe])], 'latin1.csv'), /không phải bảng mã UTF-8 hay UTF-16/],
    ];
    for (const [file, message] of cases) {
      const result = await upload(MeetingImport, { input: { unitId: tree.cellA.id, file: null as unknown as File } }, { 'input.file': file });
      expect(result.data?.meetingImport.__typename).toBe('ValidationError');
      expect(JSON.stringify(result.data?.meetingImport)).toMatch(message);
    }
  });
});
