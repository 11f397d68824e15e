// The members of one chunk (a grassroots committee's cells, or a district's direct cells)
// over the period: who they are, which cell they meet in when, their exemptions, departures
// and the admissions of each year with the candidates behind them.
import { normalizeText } from '../text/vietnamese.js';
import { addDays, addYears, day, daysInMonth, yearsBetween, type Day } from './dates.js';
import type { Random } from './random.js';
import type { CellPlan, ChunkPlan, Period } from './structure.js';
import { ethnicities, personName, provinces, type GenderValue } from './vocabulary.js';

export type StatusValue = 'PROBATIONARY' | 'OFFICIAL' | 'TRANSFERRED_OUT' | 'DECEASED' | 'REMOVED' | 'EXPELLED' | 'LEFT_PARTY';
export type DistanceValue = 'SAME_DISTRICT' | 'SAME_PROVINCE' | 'OTHER_PROVINCE';
export type ExemptionReasonValue = 'AGE' | 'HEALTH' | 'WORK' | 'OTHER';

export interface Stint {
  id: number;
  cellId: number;
  from: Day;
  /** Exclusive end, null while current. */
  to: Day | null;
  /** Begun by a transfer: how far it reached, and where from when that was outside the store. */
  distance?: DistanceValue;
  cameFrom?: string;
  /** Begun by a restoration of membership: its id and the departure it ended. */
  restoration?: { id: number; previousStatus: StatusValue; previousOn: Day };
}

export interface Exemption {
  id: number;
  from: Day;
  /** Inclusive last day, null while open. */
  to: Day | null;
  reason: ExemptionReasonValue;
  note: string | null;
}

export interface MemberState {
  id: number;
  fullName: string;
  gender: GenderValue;
  birthDate: Day;
  ethnicity: string;
  youthUnionMember: boolean;
  admittedOn: Day;
  admittedByUnitId: number | null;
  officialOn: Day | null;
  status: StatusValue;
  statusChangedOn: Day | null;
  partyCardNumber: string | null;
  stints: Stint[];
  exemptions: Exemption[];
  /** Years in which the member misses meetings without excuse (flagged for removal). */
  truantYears: Set<number>;
}

export interface CandidateStep {
  stage: 'POOL' | 'TRAINED' | 'DOSSIER' | 'CELL_RESOLUTION' | 'COMMITTEE_RESOLUTION' | 'DECIDED' | 'ADMITTED' | 'DROPPED';
  on: Day;
}

export interface CandidateState {
  id: number;
  fullName: string;
  gender: GenderValue;
  birthDate: Day;
  ethnicity: string;
  youthUnionMember: boolean;
  cellId: number;
  steps: CandidateStep[];
  trainedOn: Day | null;
  cellResolutionOn: Day | null;
  mentorId: number | null;
  sponsorIds: number[];
  droppedReason: string | null;
  memberId: number | null;
}

export interface ChunkPeople {
  members: MemberState[];
  candidates: CandidateState[];
  /** Admission target per year (grassroots committees only). */
  targets: Map<number, number>;
}

/**
 * Id counters shared by every chunk, so ids are dense and deterministic. Writers that run side
 * by side each take every `stride`-th id from `offset` on, so their ids never meet.
 */
export class Ids {
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly stride = 1,
    private readonly offset = 0,
  ) {}

  next(table: string): number {
    const value = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, value);
    return (value - 1) * this.stride + this.offset + 1;
  }
}

const candidateStages = ['POOL', 'TRAINED', 'DOSSIER', 'CELL_RESOLUTION', 'COMMITTEE_RESOLUTION', 'DECIDED'] as const;
const dropReasons = ['Chuyển đi nơi khác làm ăn', 'Chưa đủ tiêu chuẩn về lịch sử chính trị', 'Gia đình chưa đồng ý', 'Vi phạm chính sách dân số'];

export function isActive(member: MemberState): boolean {
  return member.status === 'PROBATIONARY' || member.status === 'OFFICIAL';
}

export function isMember(member: MemberState, cellId: number, on: Day): boolean {
  return member.stints.some((stint) => stint.cellId === cellId && stint.from <= on && (stint.to === null || stint.to > on));
}

export function cellOn(member: MemberState, on: Day): number | null {
  return member.stints.find((stint) => stint.from <= on && (stint.to === null || stint.to > on))?.cellId ?? null;
}

export function exemptOn(member: MemberState, on: Day): Exemption | undefined {
  return member.exemptions.find((exemption) => exemption.from <= on && (exemption.to === null || exemption.to >= on));
}

function randomDay(random: Random, year: number, fromMonth = 1, toMonth = 12): Day {
  const month = random.int(fromMonth, toMonth);
  return day(year, month, random.int(1, daysInMonth(year, month)));
}

export class PeopleGenerator {
  constructor(
    private readonly random: Random,
    private readonly ids: Ids,
    private readonly period: Period,
    private readonly chunk: ChunkPlan,
    private readonly cardPrefix = 'HG',
  ) {}

  private person(birthYearMean: number, maxBirthYear: number) {
    const random = this.random;
    const gender: GenderValue = random.chance(0.4) ? 'FEMALE' : 'MALE';
    const ethnicity = this.chunk.localEthnicity && random.chance(0.45) ? this.chunk.localEthnicity : random.weighted(ethnicities);
    const birthYear = Math.round(random.normal(birthYearMean, 9, 1938, maxBirthYear));
    return {
      fullName: normalizeText(personName(random, gender, ethnicity)),
      gender,
      ethnicity,
      birthDate: randomDay(random, birthYear),
    };
  }

  private newMember(fields: ReturnType<PeopleGenerator['person']>, admittedOn: Day, admittedByUnitId: number | null, cellId: number, from: Day): MemberState {
    const officialOn = addYears(admittedOn, 1);
    const official = officialOn <= this.period.end;
    return {
      id: this.ids.next('Member'),
      ...fields,
      youthUnionMember: yearsBetween(fields.birthDate, admittedOn) <= 30 && this.random.chance(0.85),
      admittedOn,
      admittedByUnitId,
      officialOn: official ? officialOn : null,
      status: official ? 'OFFICIAL' : 'PROBATIONARY',
      statusChangedOn: null,
      partyCardNumber: null,
      stints: [{ id: this.ids.next('MemberAssignment'), cellId, from, to: null }],
      exemptions: [],
      truantYears: new Set(),
    };
  }

  /** The members a cell has when the period starts (or when it is founded). */
  private founders(cell: CellPlan): MemberState[] {
    const random = this.random;
    const joined = cell.unit.validFrom > this.period.start ? cell.unit.validFrom : this.period.start;
    const members: MemberState[] = [];
    for (let index = 0; index < cell.size; index++) {
      const fields = this.person(cell.birthYearMean, this.period.fromYear - 20);
      const ageAtAdmission = Math.round(random.normal(28, 6, 18, 50));
      let admittedOn = addDays(addYears(fields.birthDate, ageAtAdmission), random.int(0, 300));
      if (admittedOn >= joined) admittedOn = addDays(joined, -random.int(30, 700));
      if (admittedOn < addYears(fields.birthDate, 18)) admittedOn = addYears(fields.birthDate, 18);
      // Founders of a cell founded during the period moved in on its first day.
      const from = admittedOn > cell.unit.validFrom ? admittedOn : cell.unit.validFrom;
      const member = this.newMember(fields, admittedOn, null, cell.unit.id, from);
      // Old members are often exempt from meetings (miễn sinh hoạt).
      const ageAtStart = yearsBetween(member.birthDate, joined);
      if (ageAtStart >= 75 && random.chance(0.45)) {
        member.exemptions.push({ id: this.ids.next('MeetingExemption'), from: addDays(joined, -random.int(30, 2000)), to: null, reason: 'AGE', note: 'Tuổi cao' });
      }
      members.push(member);
    }
    return members;
  }

  generate(): ChunkPeople {
    const random = this.random;
    const { period, chunk } = this;
    const members: MemberState[] = [];
    const candidates: CandidateState[] = [];
    const targets = new Map<number, number>();
    const q = chunk.quality;
    const cellsOpenOn = (on: Day) => chunk.cells.filter((cell) => cell.unit.validFrom <= on);

    for (const cell of chunk.cells) members.push(...this.founders(cell));
    const events = random.fork('membership-events');

    for (let year = period.fromYear; year <= period.toYear; year++) {
      const yearStart = day(year, 1, 1);
      const active = members.filter((member) => isActive(member) && member.admittedOn < yearStart && cellOn(member, yearStart) !== null);
      // Admissions: a target a little above 3% of the membership, met more or less.
      const target = Math.max(1, Math.round(active.length * random.normal(0.032, 0.006, 0.015, 0.05)));
      if (chunk.grassroots) targets.set(year, target);
      const offset = chunk.tier === 'excel' ? random.int(0, 2) : chunk.tier === 'lagging' ? -random.int(1, 3) : random.int(-1, 1);
      const admissions = chunk.grassroots ? Math.max(0, target + offset) : random.int(0, Math.max(1, Math.round(active.length * 0.02)));
      for (let index = 0; index < admissions; index++) {
        const admittedOn = randomDay(random, year);
        if (admittedOn > period.end) continue;
        const open = cellsOpenOn(admittedOn);
        if (open.length === 0) continue;
        const cell = random.weighted(open.map((plan) => [plan, plan.unit.category === 'HAMLET' ? 2 : 1] as const));
        const admittedBy = period.reorganisation && admittedOn >= period.reorganisation ? chunk.admittingAfter : chunk.admittingBefore;
        const fields = this.person(year - 27, year - 18);
        if (yearsBetween(fields.birthDate, admittedOn) < 18) fields.birthDate = addYears(admittedOn, -random.int(18, 24));
        const member = this.newMember(fields, admittedOn, admittedBy, cell.unit.id, admittedOn);
        members.push(member);
        candidates.push(this.admittedCandidate(member, members));
      }

      this.transfersIn(events, members, year, active.length, cellsOpenOn);
      this.restorations(events, members, year, cellsOpenOn);

      for (const member of active) {
        const age = yearsBetween(member.birthDate, yearStart);
        const on = randomDay(random, year);
        if (on > period.end) continue;
        const death = age >= 80 ? 0.05 : age >= 65 ? 0.015 : 0.002;
        const removal = 0.001 + 0.004 * (1 - q);
        const draw = random.next();
        if (draw < death) this.depart(member, 'DECEASED', on);
        else if (draw < death + 0.012) this.depart(member, 'TRANSFERRED_OUT', on);
        else if (draw < death + 0.012 + removal) this.depart(member, random.chance(0.85) ? 'REMOVED' : 'EXPELLED', on);
        else if (draw < death + 0.024 + removal) this.transferWithin(member, on, cellsOpenOn(on));

        // Now and then a member leaves the Party (ra khỏi Đảng), from a stream of its own.
        if (isActive(member) && on > member.stints.at(-1)!.from && events.chance(0.002)) this.depart(member, 'LEFT_PARTY', on);

        if (!isActive(member)) continue;
        if (age >= 70 && !member.exemptions.some((e) => e.to === null) && random.chance(0.12)) {
          member.exemptions.push({ id: this.ids.next('MeetingExemption'), from: randomDay(random, year), to: null, reason: 'AGE', note: 'Tuổi cao, sức yếu' });
        } else if (random.chance(0.015)) {
          const from = randomDay(random, year);
          member.exemptions.push({ id: this.ids.next('MeetingExemption'), from, to: addDays(from, random.int(60, 300)), reason: 'HEALTH', note: 'Điều trị bệnh dài ngày' });
        } else if (age < 50 && random.chance(0.006)) {
          const from = randomDay(random, year);
          member.exemptions.push({ id: this.ids.next('MeetingExemption'), from, to: addDays(from, random.int(90, 365)), reason: 'WORK', note: 'Đi làm ăn xa' });
        }
        // A few members stay away without excuse in several months (the server flags them).
        if (random.chance(0.002 + 0.02 * (1 - q) ** 2)) member.truantYears.add(year);
      }
    }
    this.openCandidates(members, candidates);
    // Party cards go to members once official, in order of admission within the chunk.
    for (const member of members) if (member.officialOn !== null) member.partyCardNumber = `${this.cardPrefix}${String(this.ids.next('card')).padStart(8, '0')}`;
    return { members, candidates, targets };
  }

  private depart(member: MemberState, status: StatusValue, on: Day): void {
    const stint = member.stints[member.stints.length - 1]!;
    if (on <= stint.from) return;
    stint.to = on;
    member.status = status;
    member.statusChangedOn = on;
    if (member.officialOn !== null && member.officialOn > on) member.officialOn = null;
    for (const exemption of member.exemptions) if (exemption.to === null || exemption.to >= on) exemption.to = exemption.from < on ? addDays(on, -1) : exemption.from;
  }

  private transferWithin(member: MemberState, on: Day, open: CellPlan[]): void {
    const stint = member.stints[member.stints.length - 1]!;
    const others = open.filter((cell) => cell.unit.id !== stint.cellId);
    if (others.length === 0 || on <= stint.from) return;
    stint.to = on;
    // A chunk's cells share their district.
    member.stints.push({ id: this.ids.next('MemberAssignment'), cellId: this.random.pick(others).unit.id, from: on, to: null, distance: 'SAME_DISTRICT' });
  }

  /** Members who transfer in from outside the store in a year (chuyển sinh hoạt đến), about 1% of the membership. */
  private transfersIn(random: Random, members: MemberState[], year: number, membership: number, cellsOpenOn: (on: Day) => CellPlan[]): void {
    const count = random.int(0, Math.max(1, Math.round(membership * 0.01)));
    for (let index = 0; index < count; index++) {
      const on = randomDay(random, year);
      const open = cellsOpenOn(on);
      if (on > this.period.end || open.length === 0) continue;
      const fields = this.person(year - 38, year - 22);
      const admittedOn = addDays(addYears(fields.birthDate, random.int(19, 30)), random.int(0, 300));
      // Admitted elsewhere before the period: the admissions of the period are this store's own.
      if (admittedOn >= on || admittedOn >= this.period.start) continue;
      const member = this.newMember(fields, admittedOn, null, random.pick(open).unit.id, on);
      const outside = random.chance(0.6);
      Object.assign(member.stints[0]!, {
        distance: outside ? 'OTHER_PROVINCE' : 'SAME_PROVINCE',
        cameFrom: outside ? `Đảng bộ ${random.pick(provinces)[0]}` : 'Đảng bộ huyện khác trong tỉnh',
      });
      members.push(member);
    }
  }

  /** A few members removed, expelled or who left are restored to membership (phục hồi đảng tịch) a year or more later. */
  private restorations(random: Random, members: MemberState[], year: number, cellsOpenOn: (on: Day) => CellPlan[]): void {
    for (const member of members) {
      if (!['REMOVED', 'EXPELLED', 'LEFT_PARTY'].includes(member.status) || member.statusChangedOn === null) continue;
      if (!random.chance(0.25)) continue;
      const on = randomDay(random, year);
      const open = cellsOpenOn(on);
      if (on > this.period.end || on <= addYears(member.statusChangedOn, 1) || open.length === 0) continue;
      const restoration = { id: this.ids.next('MembershipRestoration'), previousStatus: member.status, previousOn: member.statusChangedOn };
      member.stints.push({ id: this.ids.next('MemberAssignment'), cellId: random.pick(open).unit.id, from: on, to: null, restoration });
      member.status = member.officialOn !== null ? 'OFFICIAL' : 'PROBATIONARY';
      member.statusChangedOn = on;
    }
  }

  /** Official members of the cell on a day (mentors and sponsors come from them). */
  private sponsorsIn(members: MemberState[], cellId: number, on: Day): MemberState[] {
    return members.filter((m) => m.officialOn !== null && m.officialOn <= on && isMember(m, cellId, on));
  }

  private admittedCandidate(member: MemberState, members: MemberState[]): CandidateState {
    const random = this.random;
    const admitted = member.admittedOn;
    const decided = addDays(admitted, -random.int(5, 20));
    const committee = addDays(decided, -random.int(7, 20));
    const cellResolution = addDays(committee, -random.int(7, 20));
    const dossier = addDays(cellResolution, -random.int(20, 60));
    const trained = addDays(dossier, -random.int(10, 120));
    const pool = addDays(trained, -random.int(60, 240));
    const cellId = member.stints[0]!.cellId;
    const sponsors = random.sample(this.sponsorsIn(members, cellId, cellResolution), 2);
    return {
      id: this.ids.next('AdmissionCandidate'),
      fullName: member.fullName, gender: member.gender, birthDate: member.birthDate, ethnicity: member.ethnicity,
      youthUnionMember: member.youthUnionMember, cellId,
      steps: [
        { stage: 'POOL', on: pool }, { stage: 'TRAINED', on: trained }, { stage: 'DOSSIER', on: dossier },
        { stage: 'CELL_RESOLUTION', on: cellResolution }, { stage: 'COMMITTEE_RESOLUTION', on: committee },
        { stage: 'DECIDED', on: decided }, { stage: 'ADMITTED', on: admitted },
      ],
      trainedOn: trained, cellResolutionOn: cellResolution,
      mentorId: sponsors[0]?.id ?? null, sponsorIds: sponsors.map((sponsor) => sponsor.id), droppedReason: null, memberId: member.id,
    };
  }

  /** Candidates still on the way at the end of the period, at every stage, and some who dropped out. */
  private openCandidates(members: MemberState[], candidates: CandidateState[]): void {
    const random = this.random;
    const { period, chunk } = this;
    const count = Math.max(1, Math.round(members.length * 0.04));
    for (let index = 0; index < count; index++) {
      const cell = random.pick(chunk.cells);
      const dropped = random.chance(0.15);
      const reached = random.int(0, candidateStages.length - 1);
      const fields = this.person(period.toYear - 26, period.toYear - 19);
      const steps: CandidateStep[] = [];
      let on = addDays(period.end, -random.int(300, 600));
      if (on < cell.unit.validFrom) on = cell.unit.validFrom;
      for (let stage = 0; stage <= reached; stage++) {
        if (on > period.end) break;
        steps.push({ stage: candidateStages[stage]!, on });
        on = addDays(on, random.int(20, 90));
      }
      if (dropped && on <= period.end) steps.push({ stage: 'DROPPED', on });
      const has = (stage: CandidateStep['stage']) => steps.find((step) => step.stage === stage)?.on ?? null;
      const cellResolutionOn = has('CELL_RESOLUTION');
      const sponsors = cellResolutionOn ? random.sample(this.sponsorsIn(members, cell.unit.id, cellResolutionOn), 2) : [];
      candidates.push({
        id: this.ids.next('AdmissionCandidate'), ...fields,
        youthUnionMember: random.chance(0.7), cellId: cell.unit.id, steps, trainedOn: has('TRAINED'), cellResolutionOn,
        mentorId: sponsors[0]?.id ?? null, sponsorIds: sponsors.map((sponsor) => sponsor.id),
        droppedReason: steps.at(-1)?.stage === 'DROPPED' ? random.pick(dropReasons) : null, memberId: null,
      });
    }
  }
}

