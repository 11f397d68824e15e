// Inputs for every mutation of the schema, generated from its input type: every required field
// is filled, an id by the field's name from a set of targets (the records of one side of the
// boundary: commune A's own, its sibling B's, or those above it), any other value plausible
// enough that the write would go through if the target were the viewer's. A small table per
// mutation makes the values that must agree with each other agree (a meeting's day, month and
// times; a criteria set adding up to 100). And the store's fingerprint, to see that nothing
// was written.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { wholeStore } from './store.js';
import type { AccessWorld, UnitName } from './access-world.js';

/** The records a write is aimed at, as global ids. */
export interface Targets {
  /** Which side of the boundary these are. */
  side: string;
  unit: string;
  otherUnit: string;
  cell: string;
  otherCell: string;
  /** A committee above the cell (decides, visits, forms groups). */
  committee: string;
  province: string;
  member: string;
  probationaryMember: string;
  meeting: string;
  candidate: string;
  unitRating: string;
  memberRating: string;
  exemption: string;
  plan: string;
  group: string;
  /** A cell not yet in the group's charge, and one that is. */
  freeCell: string;
  groupCell: string;
  user: string;
  apiKey: string;
  snapshot: string;
  report: string;
  /** Codes, for the CSV imports. */
  cellCode: string;
}

/** Commune A's own records, its sibling B's, and those above it (the province's, the district's, C's). */
export function targetSets(world: AccessWorld): { own: Targets; sibling: Targets; above: Targets } {
  const u = (name: UnitName) => world.units[name].gid;
  const m = (name: string) => world.members[name]!.gid;
  return {
    own: {
      side: 'own (commune A)',
      unit: u('A'), otherUnit: u('A1'), cell: u('A1'), otherCell: u('A2'), committee: u('A'), province: u('A'),
      member: m('A1-1'), probationaryMember: m('A1-P'), meeting: world.meetings['A2 2025-09']!, candidate: world.candidates['cand-A1']!,
      unitRating: world.unitRatings['A1 2024']!, memberRating: world.memberRatings['A1-1 2024']!, exemption: world.exemptions['A2-2']!,
      plan: world.plans['A2 2025']!, group: world.groups.GA, freeCell: u('A1'), groupCell: u('A2'),
      user: world.users.staffA1.gid, apiKey: world.apiKeys.staffA1!.gid, snapshot: world.snapshot, report: world.reports.A, cellCode: world.units.A1.code,
    },
    sibling: {
      side: 'sibling (commune B)',
      unit: u('B'), otherUnit: u('B1'), cell: u('B1'), otherCell: u('B2'), committee: u('B'), province: u('P'),
      member: m('B1-1'), probationaryMember: m('B1-P'), meeting: world.meetings['B2 2025-09']!, candidate: world.candidates['cand-B1']!,
      unitRating: world.unitRatings['B1 2024']!, memberRating: world.memberRatings['B1-1 2024']!, exemption: world.exemptions['B2-2']!,
      plan: world.plans['B2 2025']!, group: world.groups.GB, freeCell: u('B1'), groupCell: u('B2'),
      user: world.users.leaderB.gid, apiKey: world.apiKeys.leaderB!.gid, snapshot: world.snapshot, report: world.reports.B, cellCode: world.units.B1.code,
    },
    // Above A: the province and the district, C under the province, the province's group G
    // with A's own cells (G has A1 in its charge), the district's rating of A.
    above: {
      side: 'above (province P, district D, commune C, group G)',
      unit: u('P'), otherUnit: u('D'), cell: u('C1'), otherCell: u('C2'), committee: u('P'), province: u('P'),
      member: m('C1-1'), probationaryMember: m('B1-P'), meeting: world.meetings['C1 2025-09']!, candidate: world.candidates['cand-C1']!,
      unitRating: world.unitRatings['A 2024']!, memberRating: world.memberRatings['C1-1 2024']!, exemption: world.exemptions['C1-2']!,
      plan: world.plans['C1 2025']!, group: world.groups.G, freeCell: u('A2'), groupCell: u('A1'),
      user: world.users.adminP.gid, apiKey: world.apiKeys.adminP!.gid, snapshot: world.snapshot, report: world.reports.P, cellCode: world.units.C1.code,
    },
  };
}

/** The record an `id` field of a mutation names, by the start of the mutation’s name (the first that fits). */
const ID_TARGET: [string, keyof Targets][] = [
  ['unitRatingUpdate', 'unitRating'],
  ['memberRatingUpdate', 'memberRating'],
  ['memberExemptionEnd', 'exemption'],
  ['memberRecognizeOfficial', 'probationaryMember'],
  ['unit', 'unit'],
  ['member', 'member'],
  ['meeting', 'meeting'],
  ['candidate', 'candidate'],
  ['user', 'user'],
  ['apiKey', 'apiKey'],
  ['snapshot', 'snapshot'],
  ['report', 'report'],
];

/** Id fields by name: which target each names. */
const ID_FIELDS: Record<string, keyof Targets> = {
  unitId: 'unit', parentId: 'unit', fromUnitId: 'unit', toUnitId: 'otherUnit',
  cellId: 'cell', toCellId: 'otherCell', cellIds: 'freeCell',
  decidedByUnitId: 'committee', visitorUnitId: 'committee', assessorUnitId: 'committee', admittedByUnitId: 'committee',
  formedByUnitId: 'committee', scopeUnitId: 'committee', issuedByUnitId: 'province',
  memberId: 'member', mentorId: 'member', sponsorIds: 'member',
  meetingId: 'meeting', groupId: 'group', workingGroupId: 'group', planId: 'plan', userId: 'user',
  snapshot: 'snapshot',
};

/** Days of the writes: in 2026, before the day these tests were written (a write may not be in the future). */
const DAY = '2026-06-15';
let sequence = 0;

/** Plausible values of the other scalars, by field name, then by type. */
function scalarFor(name: string, type: string): unknown {
  sequence += 1;
  switch (name) {
    case 'birthDate':
      return '1999-09-09';
    case 'year':
      return 2026;
    case 'code':
      return `WALK-${sequence}`;
    case 'email':
      return `walk-${sequence}@access-walk.test`;
    case 'ethnicity':
      return 'Kinh';
    case 'target':
    case 'speakerCount':
      return 3;
    case 'quarter':
      return 1;
    case 'month':
      return 6;
    case 'label':
      return `Bản chốt thử ${sequence}`;
  }
  switch (type) {
    case 'Date':
      return DAY;
    case 'DateTime':
      return `${DAY}T19:00:00+07:00`;
    case 'Int':
      return 1;
    case 'Float':
      return 50;
    case 'Boolean':
      return true;
    default:
      return `Giá trị thử ${name} ${sequence}`;
  }
}

/** Enum values where the first would not do. */
const ENUM_VALUES: Record<string, string> = {
  'CandidateAdvanceInput.stage': 'TRAINED',
  'MemberChangeStatusInput.status': 'DECEASED',
  'UnitLineageInput.kind': 'RENAME',
  'UnitCreateInput.kind': 'CELL',
  'UnitCreateInput.category': 'HAMLET',
  'MeetingRecordInput.kind': 'REGULAR',
  'RecognitionRecordInput.programme': 'FOUR_GOOD',
  'UserCreateInput.role': 'VIEWER',
  'MemberRateInput.level': 'GOOD',
  'UnitRateInput.level': 'GOOD',
  'MeetingAssessmentInput.assessor': 'SUPERIOR_COMMITTEE',
};

function valueFor(type: GraphQLInputType, owner: string, name: string, targets: Targets, idTarget: keyof Targets | undefined): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, owner, name, targets, idTarget);
  if (isListType(type)) return [valueFor(type.ofType, owner, name, targets, idTarget)];
  if (isEnumType(type)) return ENUM_VALUES[`${owner}.${name}`] ?? type.getValues()[0]!.name;
  if (isInputObjectType(type)) return inputObject(type.name, type.getFields(), targets, idTarget);
  if (isScalarType(type) && type.name === 'ID') {
    const target = name === 'id' ? idTarget : ID_FIELDS[name];
    if (!target) throw new Error(`no target for the id field ${owner}.${name}`);
    return targets[target];
  }
  if (isScalarType(type) && type.name === 'File') return null;
  return scalarFor(name, getNamedType(type).name);
}

function inputObject(typeName: string, fields: Record<string, { type: GraphQLInputType }>, targets: Targets, idTarget: keyof Targets | undefined) {
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    // Optional fields are left out (the table below adds those a write needs).
    if (!isNonNullType(field.type)) continue;
    value[name] = valueFor(field.type, typeName, name, targets, idTarget);
  }
  return value;
}

/** Values that must agree with each other, or with the world, per mutation. */
const COHERENT: Record<string, (t: Targets, input: Record<string, unknown>) => Record<string, unknown>> = {
  meetingRecord: () => ({
    kind: 'REGULAR', year: 2026, month: 10, heldOn: '2026-10-10', startsAt: '2026-10-10T19:00:00+07:00', endsAt: '2026-10-10T21:00:00+07:00', absences: [],
  }),
  meetingAssess: (t) => ({
    meetingId: t.meeting,
    assessment: {
      assessor: 'SUPERIOR_COMMITTEE', assessorUnitId: t.committee,
      scores: [{ criterionCode: 'NEN_NEP', points: 38 }, { criterionCode: 'CHAT_LUONG', points: 36 }, { criterionCode: 'KET_QUA', points: 18 }],
    },
  }),
  meetingUpdate: () => ({ topic: 'Sửa nội dung buổi sinh hoạt' }),
  memberUpdate: () => ({ fullName: 'Tên Đã Sửa Ngoài Phạm Vi' }),
  thematicPlanRegister: () => ({ items: [1, 2, 3, 4].map((quarter) => ({ quarter, topic: `Chuyên đề quý ${quarter}` })) }),
  criteriaSetCreate: () => ({
    criteria: [{ code: 'X1', name: 'Tiêu chí 1', maxPoints: 60 }, { code: 'X2', name: 'Tiêu chí 2', maxPoints: 40 }],
    bands: [{ level: 'GOOD', minScore: 90 }, { level: 'FAIR', minScore: 70 }, { level: 'AVERAGE', minScore: 50 }, { level: 'POOR', minScore: 0 }],
  }),
  workingGroupAssignCells: (t) => ({ cellIds: [t.freeCell] }),
  workingGroupUnassignCell: (t) => ({ cellId: t.groupCell }),
  workingGroupCreate: () => ({ members: [{ fullName: 'Thành Viên Tổ Thử', role: 'Tổ trưởng' }] }),
  visitRecord: (t) => ({ workingGroupId: t.group, comments: 'Nhận xét thử' }),
  unitRate: (t) => ({ unitId: t.cell }),
  unitRatingUpdate: () => ({ level: 'EXCELLENT' }),
  memberRatingUpdate: () => ({ level: 'EXCELLENT' }),
  recognitionRecord: (t) => ({ unitId: t.cell }),
  unitUpdate: () => ({ name: 'Tên đơn vị đã sửa' }),
  userUpdate: () => ({ displayName: 'Tên người dùng đã sửa' }),
  memberTransfer: (t) => ({ toCellId: t.otherCell }),
  unitCreate: (t) => ({ parentId: t.unit, category: 'HAMLET' }),
  userCreate: (t) => ({ scopeUnitId: t.committee }),
};

/** The arguments of a mutation aimed at a set of targets. */
export function argumentsFor(field: GraphQLField<unknown, unknown>, targets: Targets): Record<string, unknown> {
  const idTarget = ID_TARGET.find(([prefix]) => field.name.startsWith(prefix))?.[1];
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const type = arg.type;
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      const input = inputObject(named.name, named.getFields(), targets, idTarget);
      const coherent = COHERENT[field.name]?.(targets, input) ?? {};
      args[arg.name] = Object.fromEntries(Object.entries({ ...input, ...coherent }).filter(([, v]) => v !== undefined));
    } else {
      args[arg.name] = valueFor(type, 'Mutation', arg.name, targets, idTarget);
    }
  }
  return args;
}

/** A CSV for an import mutation (memberImport, meetingImport, memberRatingImport, …) with one row about a cell. */
export function importFile(field: string, targets: Targets): File {
  const files: Record<string, string[]> = {
    memberImport: ['Mã chi bộ,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Ngày vào Đảng', `${targets.cellCode},Nhập Văn Ngoài,Nam,09/09/1999,Kinh,15/06/2026`],
    meetingImport: ['Mã chi bộ,Loại sinh hoạt,Ngày sinh hoạt,Giờ bắt đầu,Giờ kết thúc,Nội dung', `${targets.cellCode},Thường kỳ,10/11/2026,19:00,21:00,Sinh hoạt nhập từ tệp`],
    memberRatingImport: ['Mã chi bộ,Họ và tên,Năm,Xếp loại', `${targets.cellCode},Nhập Văn Ngoài,2025,Hoàn thành tốt nhiệm vụ`],
    admissionTargetImport: ['Mã tổ chức đảng,Năm,Chỉ tiêu kết nạp', `${targets.cellCode},2026,2`],
    candidateImport: ['Mã chi bộ,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Ngày vào diện quần chúng ưu tú', `${targets.cellCode},Nhập Thị Quần Chúng,Nữ,09/09/1999,Kinh,15/06/2025`],
    // The cell cannot form a group: the row is refused, the file's unit is what the walk is about.
    workingGroupImport: ['Tên tổ công tác,Số quyết định,Mã cấp ủy thành lập,Ngày thành lập,Thành viên,Mã chi bộ phụ trách,Phụ trách từ ngày',
      `Tổ nhập,1-QĐ,${targets.cellCode},01/01/2025,Nhập Văn Tổ,${targets.cellCode},01/01/2025`],
    visitImport: ['Mã chi bộ,Ngày sinh hoạt,Cấp ủy của người dự,Người dự', `${targets.cellCode},10/11/2026,${targets.cellCode},Nhập Văn Dự`],
    // A cell under the target's cell cannot be; no role of the walk reaches the rows (unitImport is ADMIN's).
    unitImport: ['Mã tổ chức,Tên tổ chức,Loại tổ chức,Loại hình,Mã tổ chức cấp trên,Ngày thành lập', `NHAP-${targets.cellCode},Chi bộ nhập từ tệp,Chi bộ,Khác,${targets.cellCode},15/06/2026`],
    unitRatingImport: ['Mã tổ chức,Năm,Xếp loại', `${targets.cellCode},2025,Hoàn thành tốt nhiệm vụ`],
    recognitionImport: ['Mã tổ chức,Danh hiệu,Năm', `${targets.cellCode},Chi bộ 4 tốt,2025`],
  };
  const lines = files[field];
  if (!lines) throw new Error(`no import file for ${field}`);
  return new File([`\uFEFF${lines.join('\r\n')}\r\n`], `${field}.csv`, { type: 'text/csv' });
}

/**
 * The store's fingerprint: per table its row count and an md5 of its rows in order, so any
 * insert, update or delete anywhere shows.
 */
export async function storeFingerprint(): Promise<Map<string, string>> {
  const db = wholeStore();
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const sql = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS print FROM "${name}" t`)
    .join(' UNION ALL ');
  const rows = await db.$queryRawUnsafe<{ name: string; print: string }[]>(sql);
  return new Map(rows.map((row) => [row.name, row.print]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name)).sort();
}
