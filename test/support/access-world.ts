// An adversarial province for the access tests, recorded through the mutations as committees
// would record it (a few rows, users and keys included), then reshaped as in 2025: a district
// abolished with its communes moved under the province, one commune merged into another with
// its cells. Every kind of record exists on both sides of the boundary a commune's users should
// see up to: in commune A (the viewer's), in its sibling B, in the merged-away M (whose cells
// now sit under A), in C under the province, and above (the province P, the district D).
//
//   P (province)
//   ├─ D (district, dissolved 2025-06-30)
//   │   ├─ A ── A1, A2             A and B moved under P on 2025-07-01
//   │   ├─ B ── B1, B2
//   │   └─ M ── M1, M2             merged into A on 2025-07-01: M1, M2 now under A
//   └─ C ── C1, C2
//
// The returned names give global ids for the walk's arguments and the mutation targets.
import type { GraphQLInputType } from 'graphql';
import { wholeStore } from './store.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { globalId, localId } from '../../src/graphql/ids.js';
import { schema } from '../../src/schema.js';
import { buildSnapshot } from './analytics-loader.js';
import { bearer, userWith } from './auth.js';
import { app } from './client.js';

export const COMMUNES = ['A', 'B', 'M', 'C'] as const;
export const CELLS = ['A1', 'A2', 'B1', 'B2', 'M1', 'M2', 'C1', 'C2'] as const;
export type UnitName = 'P' | 'D' | (typeof COMMUNES)[number] | (typeof CELLS)[number];
export type CellName = (typeof CELLS)[number];

/** The users who act in the world, by name; the walk's viewers are LEADER, STAFF and VIEWER of A. */
export type UserName = 'adminP' | 'leaderD' | 'leaderA' | 'staffA' | 'viewerA' | 'staffA1' | 'leaderB' | 'leaderM' | 'adminNational';

export interface WorldUnit {
  id: number;
  gid: string;
  code: string;
}

export interface AccessWorld {
  units: Record<UnitName, WorldUnit>;
  /** Members by name: "<cell>-<n>" (two a cell, three in A1, B1, M1, C1), "<cell>-P" (probationary, in A1 and B1). */
  members: Record<string, { gid: string; card: string | null }>;
  /** Meetings by "<cell> <yyyy-mm>". */
  meetings: Record<string, string>;
  /** G: formed by P, cells in A and B; GA: formed by A; GB: formed by B. */
  groups: Record<'G' | 'GA' | 'GB', string>;
  /** Candidates by "cand-<cell>". */
  candidates: Record<string, string>;
  /** Thematic plans by "<cell> <year>". */
  plans: Record<string, string>;
  /** Unit ratings by "<unit> <year>". */
  unitRatings: Record<string, string>;
  /** Member ratings by "<member> <year>". */
  memberRatings: Record<string, string>;
  /** Exemptions by the member's name. */
  exemptions: Record<string, string>;
  recognitions: Record<string, string>;
  targets: Record<string, string>;
  criteriaSet: string;
  users: Record<UserName, { id: number; gid: string; email: string; authorization: string }>;
  apiKeys: Record<string, { gid: string; key: string }>;
  snapshot: string;
  /** A READY report (no files) about A, B and P, made by the system. */
  reports: Record<'A' | 'B' | 'P', string>;
}

// ───────────── recording through the API ─────────────

interface Answer {
  data?: Record<string, Record<string, unknown> | null> | null;
  errors?: { message: string }[];
}

/** Runs `field(input: …)` as a user and answers the success's data; anything else throws. */
async function record(authorization: string, field: string, input: unknown, data = 'id'): Promise<Record<string, unknown>> {
  const mutation = schema.getMutationType()!.getFields()[field];
  const arg = mutation?.args[0];
  if (!arg) throw new Error(`no mutation ${field}`);
  const success = `${field.charAt(0).toUpperCase()}${field.slice(1)}Success`;
  const query = `mutation World($input: ${String(arg.type as GraphQLInputType)}) {
    ${field}(${arg.name}: $input) {
      __typename
      ... on ${success} { data { ${data} } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
    }
  }`;
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await response.json()) as Answer;
  const result = body.data?.[field];
  if (!result || result.__typename !== success) {
    throw new Error(`${field} refused while building the world: ${JSON.stringify(body.errors ?? result)} for ${JSON.stringify(input)}`);
  }
  return result.data as Record<string, unknown>;
}

const idOf = (data: Record<string, unknown>) => data.id as string;

// ───────────── the people ─────────────

const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hạnh', 'Khoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quyên'];
const FAMILY = ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Huỳnh Văn', 'Võ Thị'];
const ETHNICITY = ['Kinh', 'Khmer', 'Hoa'];

/** Scores of the central default set (TW-12-HD-2018); ATTENDANCE is left out: it is computed from the record. */
const TW_SCORES = [
  { criterionCode: 'PREPARATION', points: 20 },
  { criterionCode: 'CONDUCT', points: 27 },
  { criterionCode: 'PRINCIPLES', points: 15 },
  { criterionCode: 'FOLLOW_UP', points: 12 },
];
/** Scores of the province's own set, issued below. */
const PROVINCE_SCORES = [
  { criterionCode: 'NEN_NEP', points: 38 },
  { criterionCode: 'CHAT_LUONG', points: 36 },
  { criterionCode: 'KET_QUA', points: 18 },
];

function meetingInput(cellId: string, heldOn: string, absences: { memberId: string; kind: 'EXCUSED' | 'UNEXCUSED'; reason?: string }[], scores?: typeof TW_SCORES) {
  const [year, month] = heldOn.split('-').map(Number) as [number, number];
  return {
    cellId,
    kind: 'REGULAR',
    year,
    month,
    heldOn,
    startsAt: `${heldOn}T19:00:00+07:00`,
    endsAt: `${heldOn}T21:00:00+07:00`,
    topic: `Sinh hoạt thường kỳ tháng ${month}/${year}`,
    preparedByCommittee: true,
    draftResolution: true,
    separateFromProfessional: true,
    minutesKept: true,
    speakerCount: 4,
    absences,
    ...(scores ? { assessment: { scores } } : {}),
  };
}

/** Builds the world; the store must hold no units yet. Takes a few seconds. */
export async function buildAccessWorld(): Promise<AccessWorld> {
  const root = await bearer();
  const db = wholeStore();

  // ── units, as founded in 2015 ──
  const units = {} as Record<UnitName, WorldUnit>;
  const found = async (name: UnitName, kind: string, parent: UnitName | null, label: string) => {
    const code = `AW-${name}`;
    const data = await record(root, 'unitCreate', {
      code,
      name: label,
      kind,
      parentId: parent ? units[parent].gid : null,
      category: kind === 'CELL' ? 'HAMLET' : null,
      validFrom: '2015-01-01',
    });
    const gid = idOf(data);
    units[name] = { id: localId(gid, 'Unit', 'id'), gid, code };
  };
  await found('P', 'PROVINCE', null, 'Đảng bộ tỉnh Phong Thử');
  await found('D', 'DISTRICT', 'P', 'Đảng bộ huyện Đông Thử');
  await found('A', 'GRASSROOTS', 'D', 'Đảng bộ xã An Thử');
  await found('B', 'GRASSROOTS', 'D', 'Đảng bộ xã Bình Thử');
  await found('M', 'GRASSROOTS', 'D', 'Đảng bộ xã Mỹ Thử');
  await found('C', 'GRASSROOTS', 'P', 'Đảng bộ xã Cát Thử');
  for (const cell of CELLS) await found(cell, 'CELL', cell.charAt(0) as UnitName, `Chi bộ ấp ${cell}`);

  // ── users: the walk's viewers (userWith), the others through userCreate ──
  const users = {} as AccessWorld['users'];
  const person = async (name: UserName, role: Role, scope: UnitName | null) => {
    let authorization: string;
    let email: string;
    if (scope === 'A' && (role === 'LEADER' || role === 'STAFF' || role === 'VIEWER')) {
      authorization = await userWith(role, units.A.id);
      email = `${role.toLowerCase()}-${units.A.id}@chibo.test`;
    } else {
      email = `${name.toLowerCase()}@access-world.test`;
      await record(root, 'userCreate', { email, displayName: `Người dùng ${name}`, role, scopeUnitId: scope ? units[scope].gid : null });
      authorization = await bearer(email);
    }
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    users[name] = { id: user.id, gid: globalId('User', user.id), email, authorization };
  };
  await person('adminP', 'ADMIN', 'P');
  await person('leaderD', 'LEADER', 'D');
  await person('leaderA', 'LEADER', 'A');
  await person('staffA', 'STAFF', 'A');
  await person('viewerA', 'VIEWER', 'A');
  await person('staffA1', 'STAFF', 'A1');
  await person('leaderB', 'LEADER', 'B');
  await person('leaderM', 'LEADER', 'M');
  await person('adminNational', 'ADMIN', null);
  const apiKeys: AccessWorld['apiKeys'] = {};
  for (const name of ['adminP', 'leaderB', 'staffA1'] as const) {
    const data = await record(root, 'apiKeyCreate', { userId: users[name].gid, name: `Khóa của ${name}` }, 'key apiKey { id }');
    apiKeys[name] = { gid: (data.apiKey as { id: string }).id, key: data.key as string };
  }

  // ── members: official members in every cell, with their personal data ──
  const members: AccessWorld['members'] = {};
  let n = 0;
  for (const cell of CELLS) {
    // A third member in the cells members move between, and in M1 and C1.
    for (const index of ['A1', 'B1', 'M1', 'C1'].includes(cell) ? [1, 2, 3] : [1, 2]) {
      n += 1;
      const card = `AW${String(n).padStart(6, '0')}`;
      const data = await record(root, 'memberCreate', {
        fullName: `${FAMILY[n % FAMILY.length]} ${GIVEN[n % GIVEN.length]} ${cell}`,
        gender: n % 2 ? 'MALE' : 'FEMALE',
        birthDate: `${1960 + n}-0${1 + (n % 9)}-1${n % 10}`,
        ethnicity: ETHNICITY[n % ETHNICITY.length],
        youthUnionMember: n % 3 === 0,
        cellId: units[cell].gid,
        admittedOn: '2015-06-01',
        // One member of A was admitted by the district itself, not by the commune.
        admittedByUnitId: cell === 'A1' && index === 1 ? units.D.gid : null,
        status: 'OFFICIAL',
        officialOn: '2016-06-01',
        partyCardNumber: card,
      });
      members[`${cell}-${index}`] = { gid: idOf(data), card };
    }
  }
  for (const cell of ['A1', 'B1'] as const) {
    const data = await record(root, 'memberCreate', {
      fullName: `Đặng Văn Dự Bị ${cell}`,
      gender: 'MALE',
      birthDate: '2000-02-02',
      ethnicity: 'Kinh',
      cellId: units[cell].gid,
      admittedOn: '2025-06-01',
    });
    members[`${cell}-P`] = { gid: idOf(data), card: null };
  }
  const member = (name: string) => members[name]!.gid;

  // Exempt from meetings for an illness (the note is personal) from September 2024.
  const exemptions: AccessWorld['exemptions'] = {};
  for (const name of ['A2-2', 'B2-2', 'M1-2', 'C1-2']) {
    const data = await record(root, 'memberExemptionAdd', { memberId: member(name), fromDate: '2024-09-01', reason: 'HEALTH', note: 'Điều trị ung thư tại Bệnh viện Chợ Rẫy' });
    exemptions[name] = idOf(data);
  }

  // ── criteria: the province issues its own set from 2025 ──
  const criteriaSet = idOf(
    await record(root, 'criteriaSetCreate', {
      code: 'AW-P-2025',
      name: 'Bộ tiêu chí của Tỉnh ủy Phong Thử',
      issuedByUnitId: units.P.gid,
      decisionNumber: '05-HD/TU',
      validFrom: '2025-01-01',
      criteria: [
        { code: 'NEN_NEP', name: 'Nền nếp', maxPoints: 40, requiredForGood: true },
        { code: 'CHAT_LUONG', name: 'Chất lượng nội dung', maxPoints: 40 },
        { code: 'KET_QUA', name: 'Kết quả', maxPoints: 20 },
      ],
      bands: [
        { level: 'GOOD', minScore: 90 },
        { level: 'FAIR', minScore: 70 },
        { level: 'AVERAGE', minScore: 50 },
        { level: 'POOR', minScore: 0 },
      ],
    }),
  );

  // ── working groups ──
  const groups = {} as AccessWorld['groups'];
  groups.G = idOf(
    await record(root, 'workingGroupCreate', {
      name: 'Tổ công tác số 1 của Tỉnh ủy',
      decisionNumber: '101-QĐ/TU',
      formedByUnitId: units.P.gid,
      formedOn: '2024-01-01',
      members: [
        { fullName: 'Lê Văn Tổ Trưởng', role: 'Tổ trưởng', memberId: member('C1-1') },
        { fullName: 'Phạm Thị Thành Viên', role: 'Thành viên' },
      ],
    }),
  );
  await record(root, 'workingGroupAssignCells', { groupId: groups.G, cellIds: [units.A1.gid, units.B1.gid], fromDate: '2024-01-01' });
  groups.GA = idOf(
    await record(users.leaderA.authorization, 'workingGroupCreate', {
      name: 'Tổ công tác của Đảng ủy xã An Thử',
      decisionNumber: '12-QĐ/ĐU',
      formedByUnitId: units.A.gid,
      formedOn: '2024-02-01',
      members: [{ fullName: 'Võ Văn Tổ Xã', role: 'Tổ trưởng', memberId: member('A2-1') }],
    }),
  );
  await record(users.leaderA.authorization, 'workingGroupAssignCells', { groupId: groups.GA, cellIds: [units.A2.gid], fromDate: '2024-02-01' });
  groups.GB = idOf(
    await record(root, 'workingGroupCreate', {
      name: 'Tổ công tác của Đảng ủy xã Bình Thử',
      decisionNumber: '13-QĐ/ĐU',
      formedByUnitId: units.B.gid,
      formedOn: '2024-02-01',
      members: [{ fullName: 'Huỳnh Thị Tổ Bình', role: 'Tổ trưởng', memberId: member('B2-1') }],
    }),
  );
  await record(root, 'workingGroupAssignCells', { groupId: groups.GB, cellIds: [units.B2.gid], fromDate: '2024-02-01' });

  // ── 2024 meetings: May in every cell; June and July too in A1 and B1, where a member
  //    is absent without excuse three months running (up for removal) ──
  const meetings: AccessWorld['meetings'] = {};
  for (const cell of CELLS) {
    const absences = [
      { memberId: member(`${cell}-1`), kind: 'EXCUSED' as const, reason: 'Nằm viện' },
      ...(cell === 'A1' || cell === 'B1' ? [{ memberId: member(`${cell}-2`), kind: 'UNEXCUSED' as const }] : []),
    ];
    meetings[`${cell} 2024-05`] = idOf(await record(root, 'meetingRecord', meetingInput(units[cell].gid, '2024-05-10', absences, TW_SCORES)));
  }
  for (const cell of ['A1', 'B1'] as const) {
    for (const month of ['06', '07']) {
      const absences = [
        { memberId: member(`${cell}-2`), kind: 'UNEXCUSED' as const },
        // The members about to move to the other commune are absent too, with a reason.
        ...(month === '06' ? [{ memberId: member(`${cell}-3`), kind: 'EXCUSED' as const, reason: 'Nằm viện điều trị' }] : []),
      ];
      meetings[`${cell} 2024-${month}`] = idOf(await record(root, 'meetingRecord', meetingInput(units[cell].gid, `2024-${month}-10`, absences)));
    }
  }
  // Visits: the province's group to A1 and B1, A's own group to A2, B's to B2, committee members.
  const visit = (authorization: string, meetingKey: string, extra: Record<string, unknown>) =>
    record(authorization, 'visitRecord', {
      meetingId: meetings[meetingKey],
      comments: `Nhận xét của đoàn về buổi ${meetingKey}: chi bộ sinh hoạt nghiêm túc`,
      recommendations: `Kiến nghị cho ${meetingKey}: tăng cường tự phê bình`,
      ...extra,
    });
  await visit(root, 'A1 2024-05', { workingGroupId: groups.G });
  await visit(root, 'B1 2024-05', { workingGroupId: groups.G });
  await visit(users.staffA.authorization, 'A2 2024-05', { workingGroupId: groups.GA });
  await visit(root, 'B2 2024-05', { workingGroupId: groups.GB });
  await visit(root, 'A1 2024-06', { visitorUnitId: units.D.gid, visitorName: 'Đồng chí Bí thư Huyện ủy' });
  await visit(root, 'B2 2024-05', { visitorUnitId: units.P.gid, visitorName: 'Đồng chí Phó Bí thư Tỉnh ủy' });
  // The province's group scores a meeting of B1.
  await record(root, 'meetingAssess', {
    meetingId: meetings['B1 2024-05'],
    assessment: { assessor: 'WORKING_GROUP', workingGroupId: groups.G, scores: TW_SCORES },
  });
  await record(root, 'meetingAssess', {
    meetingId: meetings['A1 2024-06'],
    assessment: { assessor: 'SUPERIOR_COMMITTEE', assessorUnitId: units.D.gid, scores: TW_SCORES },
  });

  // ── 2024 ratings: cells by their commune, A and M by the district, B and C by the province ──
  const unitRatings: AccessWorld['unitRatings'] = {};
  const rateUnit = async (authorization: string, unit: UnitName, year: number, by: UnitName, level = 'GOOD') => {
    unitRatings[`${unit} ${year}`] = idOf(
      await record(authorization, 'unitRate', { unitId: units[unit].gid, year, level, decidedByUnitId: units[by].gid, decidedOn: `${year}-12-25`, proposedLevel: level, selfAssessedLevel: 'EXCELLENT' }),
    );
  };
  for (const cell of CELLS) await rateUnit(root, cell, 2024, cell.charAt(0) as UnitName, cell.endsWith('1') ? 'EXCELLENT' : 'GOOD');
  await rateUnit(root, 'A', 2024, 'D');
  await rateUnit(root, 'M', 2024, 'D');
  await rateUnit(root, 'B', 2024, 'P');
  await rateUnit(root, 'C', 2024, 'P');
  const memberRatings: AccessWorld['memberRatings'] = {};
  for (const cell of CELLS) {
    for (const index of ['A1', 'B1'].includes(cell) ? [1, 3] : [1]) {
      const name = `${cell}-${index}`;
      memberRatings[`${name} 2024`] = idOf(await record(root, 'memberRate', { memberId: member(name), year: 2024, level: 'GOOD', decidedOn: '2024-12-20' }));
    }
  }
  memberRatings['A2-2 2024'] = idOf(
    await record(root, 'memberRate', { memberId: member('A2-2'), year: 2024, level: 'NOT_RATED', notRatedReason: 'Điều trị bệnh dài ngày', decidedOn: '2024-12-20' }),
  );
  const recognitions: AccessWorld['recognitions'] = {};
  for (const unit of ['A1', 'B1', 'M1', 'C1', 'B'] as const) {
    recognitions[unit] = idOf(
      await record(root, 'recognitionRecord', { unitId: units[unit].gid, programme: unit === 'B' ? 'CLEAN_STRONG_COMPREHENSIVE' : 'FOUR_GOOD', year: 2024, registeredOn: '2024-02-01', recognizedOn: '2025-01-15', decisionNumber: `QĐ-${unit}` }),
    );
  }

  // ── 2025: transfers across the boundary, thematic plans, candidates ──
  await record(root, 'memberTransfer', { id: member('A1-3'), toCellId: units.B1.gid, on: '2025-03-01' });
  await record(root, 'memberTransfer', { id: member('B1-3'), toCellId: units.A1.gid, on: '2025-03-01' });

  const plans: AccessWorld['plans'] = {};
  const items = [1, 2, 3, 4].map((quarter) => ({ quarter, topic: `Chuyên đề quý ${quarter}: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh` }));
  const planFor = async (authorization: string, cell: CellName, decider: UnitName | null, deciderAuth = authorization) => {
    plans[`${cell} 2025`] = idOf(await record(authorization, 'thematicPlanRegister', { cellId: units[cell].gid, year: 2025, registeredOn: '2025-01-05', items }));
    if (decider) {
      await record(deciderAuth, 'thematicPlanDecide', { planId: plans[`${cell} 2025`], approve: true, decidedByUnitId: units[decider].gid, decidedOn: '2025-01-10' });
    }
  };
  await planFor(users.staffA.authorization, 'A1', 'A', users.leaderA.authorization);
  await planFor(root, 'A2', null);
  await planFor(root, 'B1', 'B');
  await planFor(root, 'B2', null);
  await planFor(root, 'M1', 'M');
  await planFor(root, 'C1', 'C');

  const candidates: AccessWorld['candidates'] = {};
  const candidate = async (cell: CellName, mentor: string | null, sponsors: string[], fullName: string) => {
    candidates[`cand-${cell}`] = idOf(
      await record(root, 'candidateCreate', {
        cellId: units[cell].gid,
        fullName,
        gender: 'FEMALE',
        birthDate: '2001-07-0' + (1 + Object.keys(candidates).length),
        ethnicity: 'Chăm',
        youthUnionMember: true,
        enteredOn: '2025-02-01',
        mentorId: mentor ? member(mentor) : null,
        sponsorIds: sponsors.map(member),
      }),
    );
  };
  // A1's candidate has a sponsor from commune B, and B1's one from commune A.
  await candidate('A1', 'A1-1', ['A2-1', 'B1-1'], 'Trần Thị Ưu Tú An');
  await candidate('A2', null, [], 'Lê Thị Ưu Tú Hai');
  await candidate('B1', 'B1-1', ['B1-2', 'A1-1'], 'Phạm Thị Ưu Tú Bình');
  await candidate('M1', 'M1-1', [], 'Võ Thị Ưu Tú Mỹ');
  await candidate('C1', 'C1-1', [], 'Ngô Thị Ưu Tú Cát');
  await record(root, 'candidateAdvance', { id: candidates['cand-M1'], stage: 'TRAINED', on: '2025-03-01', note: 'Đã học lớp nhận thức về Đảng' });
  await record(root, 'candidateDrop', { id: candidates['cand-A2'], on: '2025-04-01', reason: 'Vi phạm chính sách dân số' });

  // ── May 2025 meetings, scored with the province's set ──
  for (const cell of ['A1', 'A2', 'B1', 'M1', 'C1'] as const) {
    const absences = [{ memberId: member(`${cell}-1`), kind: 'EXCUSED' as const, reason: 'Nằm viện' }];
    meetings[`${cell} 2025-05`] = idOf(await record(root, 'meetingRecord', meetingInput(units[cell].gid, '2025-05-12', absences, PROVINCE_SCORES)));
  }
  await visit(root, 'B1 2025-05', { workingGroupId: groups.G });

  // ── the 2025 reorganisation ──
  await record(root, 'unitRecordLineage', { kind: 'MERGE', fromUnitId: units.M.gid, toUnitId: units.A.gid, effectiveOn: '2025-07-01', moveChildren: true, decisionNumber: '1234-NQ/TU' }, 'kind');
  await record(root, 'unitUpdate', { id: units.A.gid, parentId: units.P.gid, movedOn: '2025-07-01' });
  await record(root, 'unitUpdate', { id: units.B.gid, parentId: units.P.gid, movedOn: '2025-07-01' });
  await record(root, 'unitUpdate', { id: units.D.gid, validTo: '2025-06-30' });

  // ── after it: A's staff records its cells' meetings (M's old cells included), B's leader B1's ──
  for (const cell of ['A1', 'A2', 'M1'] as const) {
    meetings[`${cell} 2025-09`] = idOf(await record(users.staffA.authorization, 'meetingRecord', meetingInput(units[cell].gid, '2025-09-15', [])));
  }
  for (const cell of ['B1', 'B2'] as const) {
    meetings[`${cell} 2025-09`] = idOf(await record(users.leaderB.authorization, 'meetingRecord', meetingInput(units[cell].gid, '2025-09-15', [])));
  }
  meetings['C1 2025-09'] = idOf(await record(root, 'meetingRecord', meetingInput(units.C1.gid, '2025-09-15', [])));
  for (const cell of ['A1', 'M1'] as const) await rateUnit(users.leaderA.authorization, cell, 2025, 'A');
  await rateUnit(users.leaderB.authorization, 'B1', 2025, 'B');
  await rateUnit(root, 'B', 2025, 'P');
  await rateUnit(root, 'A', 2025, 'P');

  const targets: AccessWorld['targets'] = {};
  for (const [unit, year, target] of [['A', 2025, 3], ['B', 2025, 2], ['P', 2025, 12], ['D', 2024, 5]] as const) {
    targets[`${unit} ${year}`] = idOf(await record(root, 'admissionTargetSet', { unitId: units[unit].gid, year, target }));
  }

  const snapshot = (await buildSnapshot('Thế giới phân quyền')).id;
  const reports = {} as AccessWorld['reports'];
  for (const unit of ['A', 'B', 'P'] as const) {
    const report = await wholeStore().report.create({
      data: { kind: 'YEAR', unitId: units[unit].id, snapshotId: localId(snapshot, 'Snapshot', 'snapshot'), fromYear: 2024, toYear: 2025, formats: ['csv'], status: 'READY', files: [] },
    });
    reports[unit] = globalId('Report', report.id);
  }
  return { units, members, meetings, groups, candidates, plans, unitRatings, memberRatings, exemptions, recognitions, targets, criteriaSet, users, apiKeys, snapshot, reports };
}
