// The shape of the demo province: its units (with ids, final parents and paths), the 2025
// commune merges, the working groups and the work chunks the generator streams through.
// Small (one entry per unit), so it is built whole before any member or meeting.
import { foldForSearch, vietnameseSortKey } from '../text/vietnamese.js';
import { addDays, day, type Day } from './dates.js';
import type { Random } from './random.js';
import {
  agencyCellNames, agencyDivisions, communeAgencyCells, enterpriseDivisions, enterpriseNames, personName, placeNames, schoolKinds,
} from './vocabulary.js';

export type UnitKindValue = 'PROVINCE' | 'DISTRICT' | 'GRASSROOTS' | 'SUB_COMMITTEE' | 'CELL';
export type CategoryValue = 'HAMLET' | 'AGENCY' | 'PUBLIC_SERVICE' | 'ENTERPRISE' | 'ARMED_FORCES' | 'OTHER';
export type Tier = 'lagging' | 'normal' | 'excel';

export interface Period {
  fromYear: number;
  toYear: number;
  start: Day;
  end: Day;
  /** 1 July 2025, when the period includes it: districts end, communes merge. */
  reorganisation: Day | null;
}

export interface UnitPlan {
  id: number;
  code: string;
  name: string;
  searchName: string;
  sortKey: string;
  kind: UnitKindValue;
  category: CategoryValue | null;
  parentId: number | null;
  path: string;
  depth: number;
  validFrom: Day;
  validTo: Day | null;
  /** Where it stood before the reorganisation moved it, and the day it moved. */
  movedFrom?: { parentId: number | null; on: Day };
}

export interface GroupPlan {
  id: number;
  name: string;
  decisionNumber: string;
  formedByUnitId: number;
  formedOn: Day;
  dissolvedOn: Day | null;
  members: { fullName: string; role: string }[];
  cellIds: number[];
}

export interface CellPlan {
  unit: UnitPlan;
  quality: number;
  /** Members at the start of the period (or when the cell was founded). */
  size: number;
  /** Mean birth year of its members: hamlets are older than enterprises. */
  birthYearMean: number;
  /** The committee above the cell before the reorganisation (approves plans, decides ratings). */
  parentBefore: number;
  group: GroupPlan | null;
}

export interface ChunkPlan {
  index: number;
  cells: CellPlan[];
  tier: Tier;
  quality: number;
  /** The grassroots committee the chunk is, or null for cells directly under a district. */
  grassroots: UnitPlan | null;
  /** Who admits members and decides ratings: before and after the reorganisation. */
  admittingBefore: number;
  admittingAfter: number;
  /** The committee above the grassroots committee (decides its rating). */
  superiorBefore: number;
  isCommune: boolean;
  /** A minority people strongly present in this commune (Khmer villages), if any. */
  localEthnicity: string | null;
  /** Rates more members EXCELLENT than the 20%-of-GOOD cap allows. */
  breaksExcellentCap: boolean;
}

export interface MergePlan {
  unit: UnitPlan;
  from: ChunkPlan[];
}

export interface ProvincePlan {
  period: Period;
  province: UnitPlan;
  units: UnitPlan[];
  groups: GroupPlan[];
  chunks: ChunkPlan[];
  merges: MergePlan[];
  mergeDecision: string;
}

const tierPattern: readonly Tier[] = ['normal', 'lagging', 'excel', 'normal', 'normal', 'excel', 'normal', 'lagging', 'normal', 'normal'];

function tierQuality(random: Random, tier: Tier): number {
  if (tier === 'lagging') return random.normal(0.3, 0.07, 0.15, 0.45);
  if (tier === 'excel') return random.normal(0.92, 0.04, 0.82, 1);
  return random.normal(0.68, 0.08, 0.5, 0.85);
}

function sizeFor(random: Random, category: CategoryValue): number {
  const mean = { HAMLET: 19, AGENCY: 11, PUBLIC_SERVICE: 14, ENTERPRISE: 12, ARMED_FORCES: 16, OTHER: 10 }[category];
  return Math.round(Math.min(60, Math.max(5, mean * Math.exp(random.normal(0, 0.42)))));
}

function birthYearMean(category: CategoryValue): number {
  return { HAMLET: 1966, AGENCY: 1978, PUBLIC_SERVICE: 1980, ENTERPRISE: 1984, ARMED_FORCES: 1988, OTHER: 1975 }[category];
}

export function buildPeriod(fromYear: number, toYear: number): Period {
  const reorganisation = day(2025, 7, 1);
  const start = day(fromYear, 1, 1);
  const end = day(toYear, 12, 31);
  return { fromYear, toYear, start, end, reorganisation: start < reorganisation && reorganisation <= end ? reorganisation : null };
}

/** Puts a unit under a new parent from a day on, remembering where it stood before. */
function move(unit: UnitPlan, parentId: number, on: Day): void {
  if (unit.parentId === parentId) return;
  unit.movedFrom = { parentId: unit.parentId, on };
  unit.parentId = parentId;
}

/** Splits `count` into parts of 2 or 3 (merges pair or triple communes). */
function mergeSizes(random: Random, count: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left > 0) {
    let take = left <= 3 ? left : random.chance(0.55) ? 2 : 3;
    if (left - take === 1) take = take === 2 ? 3 : 2;
    sizes.push(take);
    left -= take;
  }
  return sizes;
}

/**
 * Which province of a country this is. Provinces are generated side by side, so each takes
 * every `count`-th unit and group id from its `index` on, and has its own name and code.
 */
export interface ProvinceIdentity {
  index: number;
  count: number;
  /** As it follows "Đảng bộ": "tỉnh Hậu Giang", "thành phố Cần Thơ". */
  name: string;
  code: string;
}

export const SOLE_PROVINCE: ProvinceIdentity = { index: 0, count: 1, name: 'tỉnh Hậu Giang', code: 'HG' };

export function buildProvince(random: Random, scale: number, period: Period, identity: ProvinceIdentity = SOLE_PROVINCE): ProvincePlan {
  const units: UnitPlan[] = [];
  const byId = new Map<number, UnitPlan>();
  const place = placeNames(random.fork('places'));
  const people = random.fork('people');
  let unitCounter = 0;
  let groupCounter = 0;
  const nextUnitIdOf = () => unitCounter++ * identity.count + identity.index + 1;
  const nextGroupIdOf = () => groupCounter++ * identity.count + identity.index + 1;
  const code = identity.code;

  const addUnit = (fields: Omit<UnitPlan, 'id' | 'searchName' | 'sortKey' | 'path' | 'depth' | 'validTo'> & { validTo?: Day | null }): UnitPlan => {
    const id = nextUnitIdOf();
    const unit: UnitPlan = {
      ...fields,
      id,
      searchName: foldForSearch(fields.name),
      sortKey: vietnameseSortKey(fields.name),
      path: '',
      depth: 0,
      validTo: fields.validTo ?? null,
    };
    units.push(unit);
    byId.set(id, unit);
    return unit;
  };
  const founded = (from: number, to: number) => day(random.int(from, to), random.int(1, 12), random.int(1, 28));
  const dissolved = period.reorganisation ? addDays(period.reorganisation, -1) : null;

  const province = addUnit({ code, name: `Đảng bộ ${identity.name}`, kind: 'PROVINCE', category: null, parentId: null, validFrom: '2004-01-01' });

  const chunks: ChunkPlan[] = [];
  const groups: GroupPlan[] = [];
  const communeChunks: ChunkPlan[] = [];
  const cellPlans: CellPlan[] = [];

  const newCell = (parent: UnitPlan, code: string, name: string, category: CategoryValue, quality: number, grassrootsFounded: Day): CellPlan => {
    // A few cells are founded during the period (they are NOT_RATED "new" that year).
    const isNew = random.chance(0.03) && period.toYear > period.fromYear;
    const validFrom = isNew ? founded(period.fromYear, period.toYear - 1) : founded(Number(grassrootsFounded.slice(0, 4)), period.fromYear - 1);
    const unit = addUnit({ code, name: `Chi bộ ${name}`, kind: 'CELL', category, parentId: parent.id, validFrom });
    const plan: CellPlan = {
      unit,
      quality: Math.min(1, Math.max(0.05, quality + random.normal(0, 0.06))),
      size: sizeFor(random, category),
      birthYearMean: birthYearMean(category),
      parentBefore: parent.id,
      group: null,
    };
    cellPlans.push(plan);
    return plan;
  };

  const newChunk = (grassroots: UnitPlan | null, district: UnitPlan, tier: Tier, isCommune: boolean): ChunkPlan => {
    const chunk: ChunkPlan = {
      index: chunks.length,
      cells: [],
      tier,
      quality: tierQuality(random, tier),
      grassroots,
      admittingBefore: grassroots?.id ?? district.id,
      admittingAfter: grassroots?.id ?? province.id,
      superiorBefore: district.id,
      isCommune,
      localEthnicity: isCommune && random.chance(0.12) ? 'Khmer' : null,
      breaksExcellentCap: random.chance(0.12),
    };
    chunks.push(chunk);
    return chunk;
  };

  const districtCount = Math.max(1, Math.round(scale / 180));
  let communeIndex = 0;
  for (let d = 0; d < districtCount; d++) {
    const budget = Math.floor(scale / districtCount) + (d < scale % districtCount ? 1 : 0);
    const districtName = place();
    const district = addUnit({
      code: `${code}.H${String(d + 1).padStart(2, '0')}`, name: `Đảng bộ huyện ${districtName}`, kind: 'DISTRICT', category: null,
      parentId: province.id, validFrom: '2004-01-01', validTo: dissolved,
    });
    let left = budget;
    const take = (wanted: number) => {
      const count = Math.min(left, Math.max(0, wanted));
      left -= count;
      return count;
    };
    // Cells directly under the district committee (chi bộ cơ sở).
    const direct = take(budget >= 20 ? Math.max(1, Math.round(budget * 0.07)) : 0);
    if (direct > 0) {
      const chunk = newChunk(null, district, 'normal', false);
      const names = random.shuffle(agencyCellNames);
      for (let c = 0; c < direct; c++) {
        const base = names[c % names.length] as string;
        const category: CategoryValue = base.startsWith('Trung tâm') ? 'PUBLIC_SERVICE' : 'AGENCY';
        const name = c < names.length ? base : `${base} ${Math.floor(c / names.length) + 1}`;
        chunk.cells.push(newCell(district, `${district.code}.C${c + 1}`, name, category, chunk.quality, district.validFrom));
      }
    }
    // Grassroots committees of agencies, enterprises and the armed forces, some with sub-committees.
    const others: { kind: 'armed' | 'agency' | 'enterprise'; cells: number }[] = [];
    if (budget >= 40) others.push({ kind: 'armed', cells: Math.max(2, Math.round(budget * 0.04)) });
    if (budget >= 50) others.push({ kind: 'agency', cells: Math.max(3, Math.round(budget * 0.1)) });
    if (budget >= 55) others.push({ kind: 'enterprise', cells: Math.max(3, Math.round(budget * 0.06)) });
    for (const [o, other] of others.entries()) {
      const count = take(other.cells);
      if (count === 0) continue;
      const name = other.kind === 'armed' ? `Đảng bộ Quân sự huyện ${districtName}`
        : other.kind === 'agency' ? `Đảng bộ Cơ quan Chính quyền huyện ${districtName}`
        : `Đảng bộ ${random.pick(enterpriseNames)} ${districtName}`;
      const category: CategoryValue = other.kind === 'armed' ? 'ARMED_FORCES' : other.kind === 'agency' ? 'AGENCY' : 'ENTERPRISE';
      const grassroots = addUnit({
        code: `${district.code}.D${o + 1}`, name, kind: 'GRASSROOTS', category, parentId: district.id, validFrom: founded(2004, 2012),
      });
      const chunk = newChunk(grassroots, district, random.chance(0.3) ? 'excel' : 'normal', false);
      const subCells = other.kind === 'armed' || count < 5 ? 0 : Math.min(count - 2, random.int(2, 4));
      const sub = subCells > 0
        ? addUnit({
          code: `${grassroots.code}.B1`, name: `Đảng bộ bộ phận ${random.pick(other.kind === 'agency' ? agencyDivisions : enterpriseDivisions)}`,
          kind: 'SUB_COMMITTEE', category, parentId: grassroots.id, validFrom: grassroots.validFrom,
        })
        : null;
      const divisions = other.kind === 'agency' ? agencyDivisions : other.kind === 'enterprise' ? enterpriseDivisions : ['Đại đội', 'Ban Chỉ huy', 'Trung đội'];
      for (let c = 0; c < count; c++) {
        const parent = sub && c < subCells ? sub : grassroots;
        const cellName = `${divisions[c % divisions.length]} ${Math.floor(c / divisions.length) + 1}`;
        chunk.cells.push(newCell(parent, `${grassroots.code}.C${c + 1}`, cellName, category, chunk.quality, grassroots.validFrom));
      }
    }
    // Communes, wards and townships: hamlet cells plus the commune's own agencies, school, clinic, militia and police.
    let c = 0;
    while (left > 0) {
      let size = Math.min(left, random.int(8, 22));
      if (left - size < 5) size = left;
      left -= size;
      const tier = tierPattern[communeIndex % tierPattern.length] as Tier;
      communeIndex++;
      const ward = random.chance(0.2);
      const township = !ward && random.chance(0.1);
      const placeName = ward && random.chance(0.5) ? String(random.int(1, 12)) : place();
      const label = ward ? `phường ${placeName}` : township ? `thị trấn ${placeName}` : `xã ${placeName}`;
      const commune = addUnit({
        code: `${district.code}.X${String(++c).padStart(2, '0')}`, name: `Đảng bộ ${label}`, kind: 'GRASSROOTS', category: 'HAMLET',
        parentId: district.id, validFrom: founded(2004, 2012), validTo: dissolved,
      });
      const chunk = newChunk(commune, district, tier, true);
      communeChunks.push(chunk);
      const local = size >= 6 ? [
        ['Quân sự', 'ARMED_FORCES'], ['Công an', 'ARMED_FORCES'], [`${random.pick(schoolKinds)} ${placeName}`, 'PUBLIC_SERVICE'],
        ['Trạm Y tế', 'PUBLIC_SERVICE'], [random.pick(communeAgencyCells), 'AGENCY'],
      ].slice(0, Math.min(size - 3, random.int(2, 5))) as [string, CategoryValue][] : [];
      const hamletWord = ward || township ? 'khu phố' : 'ấp';
      const firstWord = placeName.split(' ')[0] ?? placeName;
      const hamletNames = random.shuffle(['An', 'Đức', 'Lợi', 'Thạnh', 'Phú', 'Hưng', 'Bình', 'Long', 'Mỹ', 'Tân', 'Thuận', 'Khánh']);
      for (let h = 0; h < size; h++) {
        const localCell = local[h - (size - local.length)];
        const code = `${commune.code}.C${String(h + 1).padStart(2, '0')}`;
        if (localCell) {
          chunk.cells.push(newCell(commune, code, localCell[0], localCell[1], chunk.quality, commune.validFrom));
        } else {
          const named = !ward && h < hamletNames.length && random.chance(0.5) && firstWord !== hamletNames[h];
          const hamletName = named ? `${hamletWord} ${firstWord} ${hamletNames[h]}` : `${hamletWord} ${h + 1}`;
          chunk.cells.push(newCell(commune, code, hamletName, 'HAMLET', chunk.quality, commune.validFrom));
        }
      }
    }
    // Working groups of the district committee for its direct cells, six cells each.
    const directChunk = chunks.find((chunk) => chunk.grassroots === null && chunk.superiorBefore === district.id);
    if (directChunk) {
      const formedOn = day(period.fromYear, 12, random.int(10, 28));
      const decision = `${random.int(1000, 1999)}-QĐ/HU`;
      for (let g = 0; g * 6 < directChunk.cells.length; g++) {
        const cells = directChunk.cells.slice(g * 6, g * 6 + 6);
        groups.push(newGroup(nextGroupIdOf(), `Tổ công tác số ${g + 1}`, decision, district.id, formedOn, dissolved, cells));
      }
    }
  }

  function newGroup(id: number, name: string, decisionNumber: string, formedByUnitId: number, formedOn: Day, dissolvedOn: Day | null, cells: CellPlan[]): GroupPlan {
    const roles = ['Tổ trưởng', 'Tổ phó', 'Thành viên', 'Thành viên', 'Thành viên'].slice(0, people.int(4, 5));
    const group: GroupPlan = {
      id, name, decisionNumber, formedByUnitId, formedOn, dissolvedOn,
      members: roles.map((role) => {
        const gender = people.chance(0.35) ? 'FEMALE' : 'MALE';
        return { fullName: personName(people, gender, 'Kinh'), role };
      }),
      cellIds: cells.map((cell) => cell.unit.id),
    };
    for (const cell of cells) cell.group = group;
    return group;
  }

  // Working groups of the province committee, six commune cells each, lagging communes first.
  const watched = [...communeChunks].sort((a, b) => a.quality - b.quality).flatMap((chunk) => chunk.cells.filter((cell) => cell.unit.category === 'HAMLET'));
  const provinceGroups = Math.max(1, Math.round(communeChunks.length / 8));
  const provinceDecision = `${random.int(100, 999)}-QĐ/TU`;
  for (let g = 0; g < provinceGroups && g * 6 < watched.length; g++) {
    groups.push(newGroup(nextGroupIdOf(), `Tổ công tác số ${g + 1} của Tỉnh ủy`, provinceDecision, province.id, day(period.fromYear, 3, 15), null, watched.slice(g * 6, g * 6 + 6)));
  }

  // 1 July 2025: communes merge in twos and threes into new communes directly under the province.
  const merges: MergePlan[] = [];
  if (period.reorganisation) {
    const sizes = communeChunks.length >= 2 ? mergeSizes(random, communeChunks.length) : [];
    let at = 0;
    for (const [m, size] of sizes.entries()) {
      const from = communeChunks.slice(at, at + size);
      at += size;
      const first = from[0]!.grassroots!;
      const ward = from.some((chunk) => chunk.grassroots!.name.includes('phường'));
      const name = random.chance(0.5) ? first.name.replace(/thị trấn|phường|xã/u, ward ? 'phường' : 'xã') : `Đảng bộ ${ward ? 'phường' : 'xã'} ${place()}`;
      const unit = addUnit({
        code: `${code}.X25.${String(m + 1).padStart(3, '0')}`, name, kind: 'GRASSROOTS', category: 'HAMLET', parentId: province.id,
        validFrom: period.reorganisation,
      });
      for (const chunk of from) {
        chunk.admittingAfter = unit.id;
        for (const cell of chunk.cells) move(cell.unit, unit.id, period.reorganisation);
      }
      merges.push({ unit, from });
    }
    // Units that hung from a district now hang from the province (a lone commune too, undissolved).
    for (const chunk of chunks) {
      if (chunk.isCommune && merges.length > 0) continue;
      if (chunk.isCommune) chunk.grassroots!.validTo = null;
      if (chunk.grassroots) move(chunk.grassroots, province.id, period.reorganisation);
      else for (const cell of chunk.cells) move(cell.unit, province.id, period.reorganisation);
      if (chunk.isCommune) chunk.admittingAfter = chunk.grassroots!.id;
    }
  }

  // Paths follow the final parents; units were created parents first except the new
  // communes, so resolve them in dependency order.
  const resolve = (unit: UnitPlan): void => {
    if (unit.path) return;
    const parent = unit.parentId === null ? null : byId.get(unit.parentId)!;
    if (parent) resolve(parent);
    unit.path = `${parent?.path ?? '/'}${unit.id}/`;
    unit.depth = parent ? parent.depth + 1 : 0;
  };
  for (const unit of units) resolve(unit);

  return { period, province, units, groups, chunks, merges, mergeDecision: '1665/NQ-UBTVQH15' };
}
