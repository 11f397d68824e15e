// The analytics' named edge cases as one hand-written world, over one full year `year`:
//   G1  a grassroots committee with no cells;
//   G2  C1 a cell with members and no meetings, C2 a cell whose members are all exempt,
//       C3 a cell that one member (T) leaves on 1 July for C4 under G3;
//   G3  C4; C8 merged into C5 on 1 April, C5 merged into C6 on 1 July (a chain), their members
//       moving with them; and C7, moved here from G4 when G4 merged into G3 on 1 July;
//   ratings missing for C4 (rated only for a quarter), C5 and C8;
//   Q   a province with nothing in it.
import { type MeetingSpec, type MemberSpec, type Scores, type UnitSpec, type World } from './analytics-world.js';

const FULL_MARKS: Scores = { ATTENDANCE: 2000, PREPARATION: 2000, CONDUCT: 3000, PRINCIPLES: 1500, FOLLOW_UP: 1500 };
/** 81.83 and 81.84 points: their mean, 81.835, is halfway between two hundredths (and 81.835 * 100 < 8183.5 in binary). */
const SCORE_8183: Scores = { ...FULL_MARKS, CONDUCT: 1183 };
const SCORE_8184: Scores = { ...FULL_MARKS, CONDUCT: 1184 };

export function edgeWorld(label: string, year: number): World {
  const on = (month: number, day = 1) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const unit = (key: string, kind: UnitSpec['kind'], parent: string | null, name: string, validTo: string | null = null): UnitSpec => ({
    key: `${label}-${key}`,
    name,
    kind,
    parent: parent === null ? null : `${label}-${parent}`,
    validFrom: '2015-01-01',
    validTo,
  });
  const units = [
    unit('P', 'PROVINCE', null, 'Tỉnh Hậu Giang'),
    unit('G1', 'GRASSROOTS', 'P', 'Đảng bộ xã Không Chi Bộ'),
    unit('G2', 'GRASSROOTS', 'P', 'Đảng bộ xã Hòa An'),
    unit('C1', 'CELL', 'G2', 'Chi bộ ấp Không Họp'),
    unit('C2', 'CELL', 'G2', 'Chi bộ ấp Miễn Sinh Hoạt'),
    unit('C3', 'CELL', 'G2', 'Chi bộ ấp Hòa Đức'),
    unit('G3', 'GRASSROOTS', 'P', 'Đảng bộ xã Tân Long'),
    unit('C4', 'CELL', 'G3', 'Chi bộ ấp Tân Phú'),
    unit('C5', 'CELL', 'G3', 'Chi bộ ấp Long Trị', on(6, 30)),
    unit('C6', 'CELL', 'G3', 'Chi bộ ấp Long Hòa'),
    unit('C8', 'CELL', 'G3', 'Chi bộ ấp Long Bình', on(3, 31)),
    unit('G4', 'GRASSROOTS', 'P', 'Đảng bộ xã Phú Hữu', on(6, 30)),
    unit('C7', 'CELL', 'G4', 'Chi bộ ấp Phú Lợi'),
    unit('Q', 'PROVINCE', null, 'Tỉnh Chưa Có Số Liệu'),
  ];
  const k = (key: string) => `${label}-${key}`;

  const member = (key: string, stays: [string, string, string | null][], extra: Partial<MemberSpec> = {}): MemberSpec => ({
    key: k(key),
    fullName: `Đảng viên ${key}`,
    gender: 'MALE',
    birthDate: '1970-06-15',
    ethnicity: 'Kinh',
    youthUnion: false,
    admittedOn: '2010-03-01',
    admittedBy: k('G2'),
    status: 'OFFICIAL',
    officialOn: '2011-03-01',
    viaCandidate: null,
    stays: stays.map(([cell, from, to]) => ({ cell: k(cell), from, to })),
    exemptions: [],
    leaving: null,
    ...extra,
  });
  const since2015 = (cell: string): [string, string, string | null][] => [[cell, '2015-01-01', null]];
  const exempt = { exemptions: [{ from: '2015-01-01', to: null }] };
  const members = [
    member('m1', since2015('C1')),
    member('m2', since2015('C1')),
    member('e1', since2015('C2'), exempt),
    member('e2', since2015('C2'), exempt),
    member('e3', since2015('C2'), exempt),
    member('c3a', since2015('C3')),
    member('c3b', since2015('C3')),
    member('T', [['C3', '2015-01-01', on(7)], ['C4', on(7), null]]),
    member('c4a', since2015('C4')),
    member('c4b', since2015('C4')),
    member('c5a', [['C5', '2015-01-01', on(7)], ['C6', on(7), null]]),
    member('c5b', [['C5', '2015-01-01', on(7)], ['C6', on(7), null]]),
    member('c6a', since2015('C6')),
    member('c7a', since2015('C7')),
    member('c7b', since2015('C7')),
    member('c8a', [['C8', '2015-01-01', on(4)], ['C5', on(4), on(7)], ['C6', on(7), null]]),
    // Admitted this year by G3, a woman of the Khmer, a Youth Union member aged 25.
    member('n1', [['C6', on(5, 20), null]], {
      gender: 'FEMALE',
      ethnicity: 'Khmer',
      youthUnion: true,
      birthDate: `${year - 25}-02-01`,
      admittedOn: on(5, 20),
      admittedBy: k('G3'),
      status: 'PROBATIONARY',
      officialOn: null,
    }),
  ];

  const meetings: MeetingSpec[] = [];
  const monthly = (cell: string, months: number[], extra: (month: number) => Partial<MeetingSpec> = () => ({})) => {
    for (const month of months) {
      meetings.push({
        key: k(`${cell}-${month}`),
        cell: k(cell),
        kind: 'REGULAR',
        year,
        month,
        heldOn: on(month, 10),
        separate: true,
        absences: [],
        cellScores: null,
        superiorScores: null,
        visitors: [],
        planItem: null,
        ...extra(month),
      });
    }
  };
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  monthly('C2', all);
  monthly('C3', all, (month) => ({
    // In March two of its three came and T stayed away without excuse: neither condition of the central
    // criterion («trên 85%, không có đảng viên vắng mặt không lý do») holds, so attendance earns nothing.
    cellScores: month === 3 ? { ...FULL_MARKS, ATTENDANCE: 0 } : FULL_MARKS,
    absences: month === 3 ? [{ member: k('T'), kind: 'UNEXCUSED' }] : [],
  }));
  monthly('C4', all, (month) => ({
    cellScores: month === 1 ? SCORE_8183 : month === 2 ? SCORE_8184 : null,
    absences: month === 9 ? [{ member: k('T'), kind: 'EXCUSED' }] : [],
  }));
  monthly('C5', [1, 2, 3, 4, 5, 6]);
  monthly('C6', all);
  monthly('C7', all);
  monthly('C8', [1, 2, 3]);
  meetings.push({
    key: k('C3-thematic'),
    cell: k('C3'),
    kind: 'THEMATIC',
    year,
    month: 3,
    heldOn: on(3, 20),
    separate: false,
    absences: [],
    cellScores: null,
    superiorScores: FULL_MARKS,
    visitors: [k('G2'), k('P')],
    planItem: { plan: k('plan-C3'), index: 0 },
  });

  return {
    label,
    root: k('P'),
    units,
    merges: [
      { from: k('C8'), to: k('C5'), effectiveOn: on(4), moveChildren: false },
      { from: k('C5'), to: k('C6'), effectiveOn: on(7), moveChildren: false },
      { from: k('G4'), to: k('G3'), effectiveOn: on(7), moveChildren: true },
    ],
    candidates: [],
    members,
    plans: [{ key: k('plan-C3'), cell: k('C3'), year, registeredOn: on(1, 15), items: [1, 2, 3, 4], decision: { approve: true, on: on(1, 25), by: k('G2') } }],
    meetings,
    ratings: [
      { unit: k('C1'), year, period: 'YEAR', periodIndex: 0, level: 'GOOD' },
      { unit: k('C2'), year, period: 'YEAR', periodIndex: 0, level: 'NOT_RATED' },
      { unit: k('C3'), year, period: 'YEAR', periodIndex: 0, level: 'EXCELLENT' },
      { unit: k('C4'), year, period: 'QUARTER', periodIndex: 2, level: 'GOOD' },
      { unit: k('C6'), year, period: 'YEAR', periodIndex: 0, level: 'GOOD' },
      { unit: k('C7'), year, period: 'YEAR', periodIndex: 0, level: 'COMPLETED' },
      { unit: k('G2'), year, period: 'YEAR', periodIndex: 0, level: 'EXCELLENT' },
    ],
    // G2's target of 4 includes the 2 it set for its cell C3: the province's targets below are 4 + 3.
    targets: [
      { unit: k('G2'), year, target: 4 },
      { unit: k('C3'), year, target: 2 },
      { unit: k('G3'), year, target: 3 },
    ],
  };
}
