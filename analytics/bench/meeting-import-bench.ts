// How fast a district's year of meetings goes in: on a fresh embedded store (in memory), through
// the app as a client calls it, meetingImport of an .xlsx with 311 cells × 12 regular meetings
// (3,732 rows), the points of every typed criterion given and ATTENDANCE left to be computed
// from the record, a few absentees named by card number. A quarter of the cells have no members,
// the others three to five. `npx tsx analytics/bench/meeting-import-bench.ts [cells]` prints the figure;
// `meetingImportBench()` answers it for a caller. Not a test: timings depend on the machine.
import ExcelJS from 'exceljs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { useDatabase } from '../../src/db/client.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { labels } from '../../src/text/labels.js';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';

const MONTHS = 12;
const YEAR = 2024;

export interface MeetingImportTiming {
  rows: number;
  seconds: number;
}

/** `cells` other than 311 is for looking into where the time goes; the figure is the 311's. */
export async function meetingImportBench(say: (text: string) => void = () => {}, { cells: CELLS = 311 } = {}): Promise<MeetingImportTiming> {
  // Tokens for the bench's own administrator, on its own in-memory store.
  process.env.CHIBO_JWT_SECRET ||= 'bench-secret-of-chibo-imports-not-for-production';
  const config = loadConfig();
  const database = await openDatabase({ inMemory: true });
  await migrateDatabase(database);
  useDatabase(database);
  const { createApp } = await import('../../src/app.js');
  const app = createApp({ config, development: true });
  const email = 'bench-meetings@chibo.test';
  await database.prisma.user.create({ data: { email, displayName: 'Bench', role: 'ADMIN', scopeUnitId: null } });
  const authorization = `Bearer ${await mintToken(await loadSigningKeys(config), config, email, 2)}`;

  async function post(body: BodyInit, headers: Record<string, string> = {}) {
    const response = await app.fetch('http://bench/graphql', { method: 'POST', body, headers: { authorization, ...headers } });
    const answer = (await response.json()) as { data?: Record<string, { __typename: string } & Record<string, unknown>>; errors?: unknown };
    if (answer.errors || !answer.data) throw new Error(JSON.stringify(answer).slice(0, 2000));
    return answer.data;
  }
  const UnitCreate =
    'mutation($input: UnitCreateInput!) { unitCreate(input: $input) { __typename ... on UnitCreateSuccess { data { id } } ... on Error { message } } }';
  async function createUnit(input: Record<string, unknown>): Promise<string> {
    const { unitCreate } = await post(JSON.stringify({ query: UnitCreate, variables: { input } }), { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
    if (unitCreate!.__typename !== 'UnitCreateSuccess') throw new Error(JSON.stringify(unitCreate));
    return (unitCreate as unknown as { data: { id: string } }).data.id;
  }
  async function importFile(field: string, unitId: string, file: File): Promise<number> {
    const query = `mutation($input: ImportInput!) { ${field}(input: $input) { __typename ... on ImportRejected { message issues { text } } ... on Error { message } } }`;
    const form = new FormData();
    form.set('operations', JSON.stringify({ query, variables: { input: { unitId, file: null } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', file);
    const started = performance.now();
    const data = await post(form);
    const seconds = (performance.now() - started) / 1000;
    if (!data[field]!.__typename.endsWith('Success')) throw new Error(JSON.stringify(data[field]).slice(0, 2000));
    return seconds;
  }

  // A district under a province, its communes of ten cells each.
  const provinceId = await createUnit({ code: 'MB', name: 'Tỉnh Thử', kind: 'PROVINCE', validFrom: '1990-01-01' });
  const districtId = await createUnit({ code: 'MB-H', name: 'Huyện Thử', kind: 'DISTRICT', parentId: provinceId, validFrom: '1990-01-01' });
  const cellCodes: string[] = [];
  let communeId = '';
  for (let i = 0; i < CELLS; i++) {
    if (i % 10 === 0) {
      communeId = await createUnit({ code: `MB-X${i / 10}`, name: `Xã Thử ${i / 10}`, kind: 'GRASSROOTS', parentId: districtId, validFrom: '1990-01-01' });
    }
    const code = `MB-CB${String(i).padStart(3, '0')}`;
    await createUnit({ code, name: `Chi bộ ấp ${i}`, kind: 'CELL', category: 'HAMLET', parentId: communeId, validFrom: '1990-01-01' });
    cellCodes.push(code);
  }
  say(`${CELLS} cells created`);

  const membersOf = (cell: number) => (cell % 4 === 0 ? 0 : 3 + (cell % 3));
  const card = (cell: number, k: number) => `88${String(cell).padStart(4, '0')}${String(k).padStart(2, '0')}`;
  const memberLines = ['Mã chi bộ;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số thẻ đảng viên;Ngày vào Đảng;Ngày chính thức;Ngày sinh hoạt tại chi bộ'];
  for (let cell = 0; cell < CELLS; cell++) {
    for (let k = 0; k < membersOf(cell); k++) {
      memberLines.push(`${cellCodes[cell]};Nguyễn Văn Họp ${cell}-${k};${k % 2 ? 'Nữ' : 'Nam'};01/01/1970;Kinh;${card(cell, k)};01/01/2000;01/01/2001;01/01/2010`);
    }
  }
  await importFile('memberImport', districtId, new File([memberLines.join('\r\n')], 'dang-vien.csv'));
  say(`${memberLines.length - 1} members imported`);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sinh hoạt chi bộ');
  sheet.addRow(['Mã chi bộ', 'Loại sinh hoạt', 'Ngày sinh hoạt', 'Giờ bắt đầu', 'Giờ kết thúc', 'Nội dung', 'Chi ủy chuẩn bị',
    'Vắng có lý do', 'Vắng không lý do', 'Điểm ATTENDANCE', 'Điểm PREPARATION', 'Điểm CONDUCT', 'Điểm PRINCIPLES', 'Điểm FOLLOW_UP']);
  for (let cell = 0; cell < CELLS; cell++) {
    for (let month = 1; month <= MONTHS; month++) {
      const members = membersOf(cell);
      // Now and then one member away with an excuse, more rarely one without.
      const excused = members > 0 && (cell + month) % 5 === 0 ? card(cell, 0) : null;
      const unexcused = members > 1 && (cell + month) % 11 === 0 ? card(cell, 1) : null;
      sheet.addRow([cellCodes[cell], labels.MeetingKind.REGULAR, new Date(Date.UTC(YEAR, month - 1, 5)), '19:00', '21:00',
        `Sinh hoạt chi bộ tháng ${month}`, 'có', excused, unexcused, null, 20 - (month % 3), 30, 15, 15 - (cell % 2)]);
    }
  }
  const file = new File([await workbook.xlsx.writeBuffer()], 'sinh-hoat.xlsx');
  const seconds = await importFile('meetingImport', districtId, file);
  const rows = CELLS * MONTHS;
  const stored = await database.prisma.meeting.count();
  const assessed = await database.prisma.meetingAssessment.count();
  if (stored !== rows || assessed !== rows) throw new Error(`expected ${rows} meetings and assessments, found ${stored} and ${assessed}`);
  await database.close();
  return { rows, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const say = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
  const cells = Number(process.argv[2] ?? 311);
  const { rows, seconds } = await meetingImportBench(say, { cells });
  say(`meetingImport of ${rows} meetings: ${seconds.toFixed(1)} s`);
}
