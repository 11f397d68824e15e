// The places the users' articles describe, as the files a committee's clerks keep: each a list of
// rows by the import's column keys, to be written into the import's own template.
//
// - Đảng bộ xã Hòa An (huyện Phụng Hiệp, Hậu Giang): 22 cells (14 of hamlets, 2 of agencies, 6 of
//   public-service units) and 312 members at the end of 2023. In 2022 all 22 cells were rated
//   "hoàn thành tốt nhiệm vụ" or better, 4 "xuất sắc"; 261 members good or better, 38 excellent.
//   The 2023 target was 10 admissions, 9 admitted.
// - Huyện Vị Xuyên (Hà Giang): 50 cells under the district committee and 261 under grassroots
//   committees; in 2023 «80,2% chi bộ đạt mức tốt; 19,8% đạt mức khá» (read as the meetings' levels).
// - Huyện Lộc Bình (Lạng Sơn): 32 cells under the district committee; 5 working groups formed by
//   decision 1777-QĐ/HU of 24/12/2021, 4 or 5 members each, 6 cells each; "trên 50" visits since
//   the start of 2022 (52 here), every meeting scoring 85 or more.
import type { Cell } from './import-files.js';

export type Row = Record<string, Cell>;

export interface WorldFile {
  /** The template's kind, /templates/{kind}.xlsx. */
  kind: string;
  mutation: string;
  /** The unit the file is for, by code; null for a file of the whole country. */
  unitCode: string | null;
  rows: Row[];
}

/** The figures the articles quote, which the imported world must answer. */
export const ARTICLES = {
  hoaAn: {
    code: 'HG-PH-HA',
    cells: { HAMLET: 14, AGENCY: 2, PUBLIC_SERVICE: 6 },
    ratingYear: 2022,
    cellsGoodOrBetter: 22,
    cellsExcellent: 4,
    membersGoodOrBetter: 261,
    membersExcellent: 38,
    admissionYear: 2023,
    admissionTarget: 10,
    admitted: 9,
    membersAtEnd: 312,
  },
  viXuyen: { code: 'HGI-VX', year: 2023, cellsUnderDistrict: 50, cellsUnderGrassroots: 261, goodPercent: 80.2, fairPercent: 19.8 },
  locBinh: { code: 'LS-LB', year: 2022, cells: 32, groups: 5, cellsPerGroup: 6, visits: 52, threshold: 85 },
} as const;

/** Members rated in 2022 below "good" in Hòa An: not in the article, chosen to make up its 312 less the 9 admitted in 2023. */
const HOA_AN_COMPLETED = 32;
const HOA_AN_NOT_RATED = 10;
const FOUNDED = new Date(Date.UTC(2015, 0, 1));
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date));
const KIND = { PROVINCE: 'PROVINCE', DISTRICT: 'DISTRICT', GRASSROOTS: 'GRASSROOTS', CELL: 'CELL' } as const;

interface Labels {
  unitKind: Record<string, string>;
  unitCategory: Record<string, string>;
  ratingLevel: Record<string, string>;
  meetingKind: Record<string, string>;
  gender: Record<string, string>;
  memberStatus: Record<string, string>;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Hữu', 'Thanh', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Tâm', 'Uyên', 'Vinh', 'Yến'];
const personName = (index: number) =>
  `${FAMILY[index % FAMILY.length]} ${MIDDLE[Math.floor(index / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(index / (FAMILY.length * MIDDLE.length)) % GIVEN.length]} ${index}`;

/** The files in the order a clerk would send them: the units first, then what hangs on them. */
export function seedsWorldFiles(labels: Labels): WorldFile[] {
  const units: Row[] = [];
  const unit = (code: string, name: string, kind: keyof typeof KIND, parentCode: string | null, category: string | null = null) =>
    units.push({ code, name, kind: labels.unitKind[kind]!, category: category && labels.unitCategory[category]!, parentCode, validFrom: FOUNDED });

  // Hòa An.
  const hoaAn = ARTICLES.hoaAn;
  unit('HG', 'Tỉnh Hậu Giang', 'PROVINCE', null);
  unit('HG-PH', 'Huyện Phụng Hiệp', 'DISTRICT', 'HG');
  unit(hoaAn.code, 'Đảng bộ xã Hòa An', 'GRASSROOTS', 'HG-PH');
  const hoaAnCells: string[] = [];
  const cellNames: Record<string, string> = { HAMLET: 'Chi bộ ấp', AGENCY: 'Chi bộ cơ quan', PUBLIC_SERVICE: 'Chi bộ đơn vị sự nghiệp' };
  for (const [category, count] of Object.entries(hoaAn.cells)) {
    for (let i = 1; i <= count; i++) {
      const code = `${hoaAn.code}-${category}-${i}`;
      hoaAnCells.push(code);
      unit(code, category === 'HAMLET' && i === 1 ? 'Chi bộ ấp Hòa Đức' : `${cellNames[category]} ${i}`, 'CELL', hoaAn.code, category);
    }
  }

  // Vị Xuyên: 24 grassroots committees hold its 261 such cells (21 of 11, 3 of 10).
  const viXuyen = ARTICLES.viXuyen;
  unit('HGI', 'Tỉnh Hà Giang', 'PROVINCE', null);
  unit(viXuyen.code, 'Huyện Vị Xuyên', 'DISTRICT', 'HGI');
  const viXuyenCells: string[] = [];
  for (let i = 1; i <= viXuyen.cellsUnderDistrict; i++) {
    const code = `${viXuyen.code}-CB-${i}`;
    viXuyenCells.push(code);
    unit(code, `Chi bộ cơ quan huyện ${i}`, 'CELL', viXuyen.code, 'AGENCY');
  }
  for (let g = 1; g <= 24; g++) {
    const grassroots = `${viXuyen.code}-X${g}`;
    unit(grassroots, `Đảng bộ xã Vị Xuyên ${g}`, 'GRASSROOTS', viXuyen.code);
    for (let i = 1; i <= (g <= 21 ? 11 : 10); i++) {
      const code = `${grassroots}-${i}`;
      viXuyenCells.push(code);
      unit(code, `Chi bộ thôn ${i} xã ${g}`, 'CELL', grassroots, 'HAMLET');
    }
  }

  // Lộc Bình: the six cells the article names for group 1 first.
  const locBinh = ARTICLES.locBinh;
  unit('LS', 'Tỉnh Lạng Sơn', 'PROVINCE', null);
  unit(locBinh.code, 'Huyện Lộc Bình', 'DISTRICT', 'LS');
  const named = ['Bảo hiểm xã hội', 'Phòng Tài chính – Kế hoạch', 'Phòng Lao động, Thương binh, Xã hội – Dân tộc', 'Phòng Kinh tế - Hạ tầng', 'Văn hóa, Thể thao và Truyền thông', 'Hợp tác xã Tiến Đạt'];
  const locBinhCells: string[] = [];
  for (let i = 1; i <= locBinh.cells; i++) {
    const code = `${locBinh.code}-CB-${i}`;
    locBinhCells.push(code);
    unit(code, `Chi bộ ${named[i - 1] ?? `cơ quan huyện ${i}`}`, 'CELL', locBinh.code, i === 6 ? 'ENTERPRISE' : 'AGENCY');
  }
  // Parents are written after their children in the file, as a list sorted by name may put them.
  units.reverse();

  return [
    { kind: 'units', mutation: 'unitImport', unitCode: null, rows: units },
    ...hoaAnFiles(labels, hoaAnCells),
    viXuyenMeetings(labels, viXuyenCells),
    ...locBinhFiles(labels, locBinhCells),
  ];
}

function hoaAnFiles(labels: Labels, cells: string[]): WorldFile[] {
  const a = ARTICLES.hoaAn;
  const before = a.membersAtEnd - a.admitted;
  const levels = [
    ...Array<string>(a.membersExcellent).fill('EXCELLENT'),
    ...Array<string>(a.membersGoodOrBetter - a.membersExcellent).fill('GOOD'),
    ...Array<string>(HOA_AN_COMPLETED).fill('COMPLETED'),
    ...Array<string>(HOA_AN_NOT_RATED).fill('NOT_RATED'),
  ];
  if (levels.length !== before) throw new Error('the ratings must cover the members of 2022');
  const members: Row[] = [];
  const memberRatings: Row[] = [];
  for (let i = 0; i < before; i++) {
    const card = String(93_000_000 + i);
    const cellCode = cells[i % cells.length]!;
    members.push({
      cellCode,
      fullName: personName(i),
      gender: labels.gender[i % 3 === 0 ? 'FEMALE' : 'MALE']!,
      birthDate: day(1955 + (i % 30), 1 + (i % 12), 1 + (i % 28)),
      ethnicity: i % 11 === 0 ? 'Khmer' : 'Kinh',
      partyCardNumber: card,
      admittedOn: day(2010, 3, 2),
      officialOn: day(2011, 3, 2),
      status: labels.memberStatus.OFFICIAL!,
    });
    const level = levels[i]!;
    memberRatings.push({
      cellCode,
      partyCardNumber: card,
      year: a.ratingYear,
      level: labels.ratingLevel[level]!,
      notRatedReason: level === 'NOT_RATED' ? 'Miễn sinh hoạt' : null,
    });
  }
  const unitRatings = cells.map((unitCode, index) => ({
    unitCode,
    year: a.ratingYear,
    level: labels.ratingLevel[index < a.cellsExcellent ? 'EXCELLENT' : 'GOOD']!,
    decidedOn: day(a.ratingYear, 12, 20),
  }));
  // Nine candidates admitted in 2023 (one a stage date apart), and one still being trained.
  const candidates: Row[] = [];
  for (let i = 0; i <= a.admitted; i++) {
    const admitted = i < a.admitted;
    candidates.push({
      cellCode: cells[i]!,
      fullName: personName(1_000 + i),
      gender: labels.gender[i % 2 === 0 ? 'FEMALE' : 'MALE']!,
      birthDate: day(1998 + (i % 5), 5, 10 + i),
      ethnicity: 'Kinh',
      youthUnionMember: 'có',
      enteredOn: day(2022, 3, 1),
      trainedOn: day(2022, 6, 15),
      ...(admitted
        ? {
            dossierOn: day(2022, 9, 1),
            cellResolutionOn: day(2022, 10, 5),
            committeeResolutionOn: day(2022, 11, 5),
            decidedOn: day(2022, 12, 20),
            admittedOn: day(2023, 1 + (i % 7), 15),
          }
        : {}),
    });
  }
  return [
    { kind: 'members', mutation: 'memberImport', unitCode: a.code, rows: members },
    { kind: 'member-ratings', mutation: 'memberRatingImport', unitCode: a.code, rows: memberRatings },
    { kind: 'unit-ratings', mutation: 'unitRatingImport', unitCode: a.code, rows: unitRatings },
    { kind: 'admission-targets', mutation: 'admissionTargetImport', unitCode: a.code, rows: [{ unitCode: a.code, year: a.admissionYear, target: a.admissionTarget }] },
    { kind: 'candidates', mutation: 'candidateImport', unitCode: a.code, rows: candidates },
  ];
}

/** A regular meeting's row with its scores: 100 (GOOD), or 85 short of full preparation (FAIR, not GOOD). */
function meetingRow(labels: Labels, cellCode: string, heldOn: Date, good: boolean): Row {
  return {
    cellCode,
    kind: labels.meetingKind.REGULAR!,
    heldOn,
    startTime: '19:00',
    endTime: '21:00',
    topic: `Sinh hoạt chi bộ tháng ${heldOn.getUTCMonth() + 1}`,
    preparedByCommittee: 'có',
    draftResolution: 'có',
    speakerCount: good ? 7 : 4,
    'score.PREPARATION': good ? 20 : 15,
    'score.CONDUCT': good ? 30 : 25,
    'score.PRINCIPLES': 15,
    'score.FOLLOW_UP': good ? 15 : 10,
  };
}

/** Vị Xuyên's 2023: 311 cells × 12 regular meetings, 2,993 of the 3,732 GOOD (80.2%) and the rest FAIR (19.8%). */
function viXuyenMeetings(labels: Labels, cells: string[]): WorldFile {
  const v = ARTICLES.viXuyen;
  const total = cells.length * 12;
  const good = Math.round((total * v.goodPercent) / 100);
  const rows: Row[] = [];
  cells.forEach((cellCode, c) => {
    for (let month = 1; month <= 12; month++) {
      const index = c * 12 + month - 1;
      // Spread the FAIR meetings over the cells and months rather than bunching them.
      const isGood = Math.floor(((index + 1) * good) / total) > Math.floor((index * good) / total);
      rows.push(meetingRow(labels, cellCode, day(v.year, month, 5), isGood));
    }
  });
  return { kind: 'meetings', mutation: 'meetingImport', unitCode: v.code, rows };
}

function locBinhFiles(labels: Labels, cells: string[]): WorldFile[] {
  const l = ARTICLES.locBinh;
  // Each cell's regular meetings from January to May 2022, all at 85 or more.
  const meetings: Row[] = [];
  cells.forEach((cellCode, c) => {
    for (let month = 1; month <= 5; month++) meetings.push(meetingRow(labels, cellCode, day(l.year, month, 8), (c + month) % 4 !== 0));
  });
  const groupName = (g: number) => `Tổ công tác số ${g}`;
  const groups: Row[] = [];
  for (let g = 1; g <= l.groups; g++) {
    const size = g <= 3 ? 5 : 4;
    const memberNames = Array.from({ length: size }, (_, m) => (g === 1 && m === 0 ? 'Nguyễn Văn Thành' : personName(2_000 + g * 10 + m)));
    groups.push({
      name: groupName(g),
      decisionNumber: '1777-QĐ/HU',
      formedByUnitCode: l.code,
      formedOn: day(2021, 12, 24),
      memberNames: memberNames.join('; '),
      cellCodes: cells.slice((g - 1) * l.cellsPerGroup, g * l.cellsPerGroup).join('; '),
      fromDate: day(2022, 1, 1),
    });
  }
  // 52 visits: each group at its cells' meetings in turn, from January.
  const visits: Row[] = [];
  for (let v = 0; v < l.visits; v++) {
    const g = v % l.groups;
    const turn = Math.floor(v / l.groups);
    const cellCode = cells[g * l.cellsPerGroup + (turn % l.cellsPerGroup)]!;
    visits.push({
      cellCode,
      heldOn: day(l.year, 1 + Math.floor(turn / l.cellsPerGroup), 8),
      workingGroupName: groupName(g + 1),
      comments: 'Sinh hoạt đúng giờ, nhiều ý kiến phát biểu.',
      recommendations: 'Tách riêng sinh hoạt chi bộ với họp chuyên môn.',
    });
  }
  return [
    { kind: 'meetings', mutation: 'meetingImport', unitCode: l.code, rows: meetings },
    { kind: 'working-groups', mutation: 'workingGroupImport', unitCode: l.code, rows: groups },
    { kind: 'visits', mutation: 'visitImport', unitCode: l.code, rows: visits },
  ];
}
