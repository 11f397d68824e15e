// Everything one chunk's cells do over the period, written straight to the bulk writer:
// members and their history, thematic plans, meetings with absences, assessments and
// visits, yearly ratings of cells, members and the grassroots committee, recognitions,
// admission targets and candidates. Only this chunk is held in memory.
import { attendancePoints, type AttendanceBandRule } from '../features/meetings/attendance-points.js';
import { meetingLevel, type LevelRules } from '../features/meetings/meeting-level.js';
import { personNameColumns } from '../text/vietnamese.js';
import type { RowSink } from './bulk-writer.js';
import { addDays, day, timestamp, type Day } from './dates.js';
import { exemptOn, isMember, type Ids, type MemberState, PeopleGenerator } from './members.js';
import type { Random } from './random.js';
import type { CellPlan, ChunkPlan, ProvincePlan } from './structure.js';
import * as T from './tables.js';
import { excusedReasons, extraordinaryTopics, thematicTopics, visitComments, visitRecommendations } from './vocabulary.js';

export interface ScoringRules extends LevelRules {
  criteriaSetId: number;
  criteria: readonly {
    id: number;
    code: string;
    maxPoints: number;
    requiredForGood: boolean;
    /** The bands of a criterion computed from attendance; null for a typed one. */
    attendanceBands: readonly AttendanceBandRule[] | null;
  }[];
}

type MeetingKindValue = 'REGULAR' | 'THEMATIC' | 'COMBINED' | 'EXTRAORDINARY';
type RatingLevelValue = 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED';

/** What the province-level steps need to know about a chunk once it is written. */
export interface ChunkSummary {
  /** Average cell rating score per year. */
  cellScores: Map<number, number>;
}

const levelOrder: readonly RatingLevelValue[] = ['NOT_COMPLETED', 'COMPLETED', 'GOOD', 'EXCELLENT'];

function ratingLevel(score: number): RatingLevelValue {
  if (score >= 92) return 'EXCELLENT';
  if (score >= 75) return 'GOOD';
  if (score >= 60) return 'COMPLETED';
  return 'NOT_COMPLETED';
}

/** The rating rules in force: Quy định 132-QĐ/TW until 2022, 124-QĐ/TW from 2023. */
function ruleVersion(year: number): string {
  return year <= 2022 ? '132-QĐ/TW (2018)' : '124-QĐ/TW (2023)';
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

interface MeetingFacts {
  kind: MeetingKindValue;
  minutes: number;
  prepared: boolean;
  draft: boolean;
  minutesKept: boolean;
  speakers: number;
  expected: number;
  present: number;
  unexcused: number;
}

export class ChunkWriter {
  private readonly members: MemberState[] = [];
  private readonly cellMembers = new Map<number, MemberState[]>();
  private readonly truantMonths = new Map<string, Set<number>>();
  /** Per cell and year: meetings assessed and how many were GOOD. */
  private readonly meetingResults = new Map<string, { assessed: number; good: number }>();

  constructor(
    private readonly writer: RowSink,
    private readonly random: Random,
    private readonly ids: Ids,
    private readonly plan: ProvincePlan,
    private readonly chunk: ChunkPlan,
    private readonly rules: ScoringRules,
  ) {}

  private get period() {
    return this.plan.period;
  }

  private parentOn(cell: CellPlan, on: Day): number {
    const { reorganisation } = this.period;
    return reorganisation && on >= reorganisation ? cell.unit.parentId! : cell.parentBefore;
  }

  async write(): Promise<ChunkSummary> {
    const people = new PeopleGenerator(this.random.fork('people'), this.ids, this.period, this.chunk, this.plan.province.code).generate();
    this.members.push(...people.members);
    for (const member of people.members) {
      for (const stint of member.stints) {
        const list = this.cellMembers.get(stint.cellId) ?? [];
        if (!list.includes(member)) list.push(member);
        this.cellMembers.set(stint.cellId, list);
      }
    }
    await this.writeMembers();
    for (const cell of this.chunk.cells) await this.writeCell(cell);
    await this.writeAdmissions(people.targets, people.candidates);
    const cellScores = await this.writeRatings();
    return { cellScores };
  }

  private async writeMembers(): Promise<void> {
    const recordedAt = timestamp(this.period.end, 23 * 60);
    for (const member of this.members) {
      const last = member.stints[member.stints.length - 1]!;
      await this.writer.add(T.Member, {
        id: member.id, partyCardNumber: member.partyCardNumber, ...personNameColumns(member.fullName), gender: member.gender,
        birthDate: member.birthDate, ethnicity: member.ethnicity, youthUnionMember: member.youthUnionMember, cellId: last.cellId,
        admittedOn: member.admittedOn, admittedByUnitId: member.admittedByUnitId, officialOn: member.officialOn, status: member.status,
        statusChangedOn: member.statusChangedOn, createdAt: recordedAt, updatedAt: recordedAt,
      });
      for (const stint of member.stints) {
        await this.writer.add(T.MemberAssignment, {
          id: stint.id, memberId: member.id, cellId: stint.cellId, fromDate: stint.from, toDate: stint.to,
          transferDistance: stint.distance ?? null, transferredInFrom: stint.cameFrom ?? null,
        });
        if (stint.restoration) {
          await this.writer.add(T.MembershipRestoration, {
            id: stint.restoration.id, memberId: member.id, cellId: stint.cellId, restoredOn: stint.from, assignmentId: stint.id,
            previousStatus: stint.restoration.previousStatus, previousStatusOn: stint.restoration.previousOn, decisionNumber: null,
          });
        }
      }
      for (const exemption of member.exemptions) {
        await this.writer.add(T.MeetingExemption, {
          id: exemption.id, memberId: member.id, fromDate: exemption.from, toDate: exemption.to, reason: exemption.reason, note: exemption.note,
        });
      }
    }
  }

  /** Members expected at a meeting of the cell on a day: assigned to it, not departed, not exempt. */
  private expectedAt(cellId: number, on: Day): MemberState[] {
    return (this.cellMembers.get(cellId) ?? []).filter((member) => isMember(member, cellId, on) && !exemptOn(member, on));
  }

  private isTruant(member: MemberState, year: number, month: number): boolean {
    if (!member.truantYears.has(year)) return false;
    const key = `${member.id}:${year}`;
    let months = this.truantMonths.get(key);
    if (!months) {
      months = new Set(this.random.sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], this.random.int(3, 5)));
      this.truantMonths.set(key, months);
    }
    return months.has(month);
  }

  private async writeCell(cell: CellPlan): Promise<void> {
    const random = this.random;
    const { period } = this;
    const q = cell.quality;
    for (let year = period.fromYear; year <= period.toYear; year++) {
      // Thematic plan for the year, when the cell existed in January.
      const items = new Map<number, { id: number; topic: string }>();
      if (cell.unit.validFrom <= day(year, 1, 5)) {
        const planId = this.ids.next('ThematicPlan');
        const registeredOn = day(year, 1, random.int(5, 15));
        await this.writer.add(T.ThematicPlan, {
          id: planId, cellId: cell.unit.id, year, status: 'APPROVED', registeredOn, approvedByUnitId: this.parentOn(cell, registeredOn),
          decidedOn: addDays(registeredOn, random.int(5, 15)),
        });
        const topics = random.sample(thematicTopics, 4);
        for (let quarter = 1; quarter <= 4; quarter++) {
          const item = { id: this.ids.next('ThematicPlanItem'), topic: topics[quarter - 1]! };
          items.set(quarter, item);
          await this.writer.add(T.ThematicPlanItem, { id: item.id, planId, quarter, topic: item.topic });
        }
      }
      const skipRegular = 0.004 + 0.45 * (1 - q) ** 2;
      const holdThematic = 0.97 - 0.35 * (1 - q);
      const thematicMonths = [1, 2, 3, 4].map((quarter) => (random.chance(holdThematic) ? (quarter - 1) * 3 + random.int(1, 3) : 0));
      for (let month = 1; month <= 12; month++) {
        const monthStart = day(year, month, 1);
        // A cell founded during the period meets from the first month after its founding.
        if (monthStart <= cell.unit.validFrom) continue;
        const quarter = Math.ceil(month / 3);
        if (!random.chance(skipRegular)) {
          const kind = random.chance(0.06) ? 'COMBINED' : 'REGULAR';
          await this.writeMeeting(cell, kind, day(year, month, random.int(1, 10)), null);
        }
        if (thematicMonths[quarter - 1] === month) {
          const item = items.get(quarter) ?? null;
          await this.writeMeeting(cell, 'THEMATIC', day(year, month, random.int(14, 26)), item);
          items.delete(quarter);
        }
        if (random.chance(0.008)) await this.writeMeeting(cell, 'EXTRAORDINARY', day(year, month, random.int(11, 28)), null);
      }
    }
  }

  private startMinutes(cell: CellPlan): number {
    const options: Record<string, number[]> = {
      HAMLET: [19 * 60, 19 * 60 + 30, 7 * 60 + 30, 8 * 60],
      AGENCY: [14 * 60, 16 * 60],
      PUBLIC_SERVICE: [14 * 60, 16 * 60 + 30],
      ENTERPRISE: [16 * 60 + 30, 14 * 60],
      ARMED_FORCES: [7 * 60 + 30, 14 * 60],
    };
    return this.random.pick(options[cell.unit.category ?? 'HAMLET'] ?? [8 * 60]);
  }

  private async writeMeeting(cell: CellPlan, kind: MeetingKindValue, heldOn: Day, item: { id: number; topic: string } | null): Promise<void> {
    if (heldOn > this.period.end) return;
    const random = this.random;
    const q = cell.quality;
    const year = Number(heldOn.slice(0, 4));
    const month = Number(heldOn.slice(5, 7));
    const id = this.ids.next('Meeting');

    const expected = this.expectedAt(cell.unit.id, heldOn);
    const absenceRate = 0.025 + 0.1 * (1 - q);
    const unexcusedShare = 0.02 + 0.15 * (1 - q);
    let unexcused = 0;
    let absent = 0;
    for (const member of expected) {
      const truant = kind !== 'EXTRAORDINARY' && kind !== 'THEMATIC' && this.isTruant(member, year, month);
      if (!truant && !random.chance(absenceRate)) continue;
      const excused = !truant && !random.chance(unexcusedShare);
      absent++;
      if (!excused) unexcused++;
      await this.writer.add(T.MeetingAbsence, {
        meetingId: id, memberId: member.id, kind: excused ? 'EXCUSED' : 'UNEXCUSED', reason: excused ? random.pick(excusedReasons) : null,
      });
    }
    const present = expected.length - absent;
    const lagging = q < 0.45;
    const minutes = kind === 'COMBINED'
      ? Math.round(random.normal(130, 8, 120, 150))
      : lagging && random.chance(0.12) ? random.int(60, 85) : Math.round(random.normal(100 + 30 * q, 12, 90, 150));
    const prepared = random.chance(0.82 + 0.18 * q);
    const facts: MeetingFacts = {
      kind, minutes, prepared, draft: prepared ? random.chance(0.88 + 0.12 * q) : random.chance(0.2),
      minutesKept: random.chance(0.95 + 0.05 * q), speakers: 0, expected: expected.length, present, unexcused,
    };
    facts.speakers = Math.min(present, random.int(1, Math.max(2, Math.round(present * (0.15 + 0.35 * q)))));
    const group = cell.group && cell.group.formedOn <= heldOn && (cell.group.dissolvedOn === null || heldOn <= cell.group.dissolvedOn) ? cell.group : null;
    const separate = cell.unit.category === 'HAMLET' || random.chance(group ? 0.98 : 0.8 + 0.2 * q);
    const start = this.startMinutes(cell);
    const topic = kind === 'REGULAR' ? `Sinh hoạt thường kỳ tháng ${month}/${year}`
      : kind === 'COMBINED' ? `Sinh hoạt thường kỳ tháng ${month}/${year} kết hợp chuyên đề: ${random.pick(thematicTopics)}`
      : kind === 'THEMATIC' ? `Chuyên đề: ${item?.topic ?? random.pick(thematicTopics)}`
      : `Sinh hoạt bất thường: ${random.pick(extraordinaryTopics)}`;
    const endsAt = timestamp(heldOn, start + minutes);
    await this.writer.add(T.Meeting, {
      id, cellId: cell.unit.id, kind, year, month, heldOn, startsAt: timestamp(heldOn, start), endsAt, topic,
      preparedByCommittee: facts.prepared, draftResolution: facts.draft, separateFromProfessional: separate, minutesKept: facts.minutesKept,
      speakerCount: facts.speakers, expectedCount: expected.length, presentCount: present,
      regularMonthKey: kind === 'REGULAR' || kind === 'COMBINED' ? year * 100 + month : null, planItemId: item?.id ?? null,
      createdAt: endsAt, updatedAt: endsAt,
    });
    if (kind === 'EXTRAORDINARY') return;

    const own = await this.writeAssessment(id, facts, q, 'CELL', cell.unit.id, null, heldOn);
    const key = `${cell.unit.id}:${year}`;
    const result = this.meetingResults.get(key) ?? { assessed: 0, good: 0 };
    result.assessed++;
    if (own === 'GOOD') result.good++;
    this.meetingResults.set(key, result);

    if (group && random.chance(0.3)) {
      const leader = group.members[0]!.fullName;
      await this.writer.add(T.MeetingVisit, {
        id: this.ids.next('MeetingVisit'), meetingId: id, workingGroupId: group.id, visitorUnitId: group.formedByUnitId,
        visitorName: `${group.name} (tổ trưởng ${leader})`, comments: random.pick(visitComments), recommendations: random.pick(visitRecommendations),
      });
      if (random.chance(0.6)) await this.writeAssessment(id, facts, q - 0.1, 'WORKING_GROUP', group.formedByUnitId, group.id, addDays(heldOn, random.int(0, 3)));
    } else if (this.chunk.isCommune && random.chance(0.05)) {
      await this.writer.add(T.MeetingVisit, {
        id: this.ids.next('MeetingVisit'), meetingId: id, workingGroupId: null, visitorUnitId: this.parentOn(cell, heldOn),
        visitorName: 'Đồng chí đảng ủy viên phụ trách chi bộ', comments: random.pick(visitComments), recommendations: null,
      });
    }
  }

  /**
   * Points per criterion from what happened at the meeting: a criterion computed from
   * attendance by the set's own bands (as the server scores it), the others drawn to fit the
   * facts; the level comes from meetingLevel.
   */
  private async writeAssessment(
    meetingId: number, facts: MeetingFacts, q: number, assessor: 'CELL' | 'WORKING_GROUP', assessorUnitId: number,
    workingGroupId: number | null, scoredOn: Day,
  ): Promise<string> {
    const random = this.random;
    const fractions: Record<string, () => number> = {
      PREPARATION: () => (facts.prepared && facts.draft ? 1 : facts.prepared ? 0.75 : 0.5),
      CONDUCT: () =>
        1 - (facts.minutes < (facts.kind === 'COMBINED' ? 120 : 90) ? 0.25 : 0) - (facts.speakers < 3 ? 0.15 : 0) - (facts.minutesKept ? 0 : 0.2)
        - (random.chance(1 - q) ? 0.1 : 0),
      PRINCIPLES: () => (random.chance(0.92 + 0.08 * q) ? 1 : random.normal(0.8, 0.05, 0.6, 0.95)),
      FOLLOW_UP: () => random.normal(0.75 + 0.25 * q, 0.08, 0.4, 1),
    };
    const points = new Map<string, number>();
    for (const criterion of this.rules.criteria) {
      if (criterion.attendanceBands) {
        points.set(criterion.code, attendancePoints(criterion.attendanceBands, facts).points);
        continue;
      }
      const fraction = (fractions[criterion.code] ?? (() => random.normal(0.7 + 0.3 * q, 0.1, 0.3, 1)))();
      points.set(criterion.code, Math.min(criterion.maxPoints, Math.max(0, Math.round(criterion.maxPoints * fraction * 2) / 2)));
    }
    const { total, level } = meetingLevel(this.rules, points);
    const id = this.ids.next('MeetingAssessment');
    await this.writer.add(T.MeetingAssessment, {
      id, meetingId, criteriaSetId: this.rules.criteriaSetId, assessor, assessorUnitId, workingGroupId, totalScore: total, level, scoredOn,
    });
    for (const criterion of this.rules.criteria) {
      await this.writer.add(T.AssessmentScore, { assessmentId: id, criterionId: criterion.id, points: points.get(criterion.code) ?? 0 });
    }
    return level;
  }

  private async writeAdmissions(targets: Map<number, number>, candidates: ReturnType<PeopleGenerator['generate']>['candidates']): Promise<void> {
    const grassroots = this.chunk.grassroots;
    if (grassroots) {
      for (const [year, target] of targets) {
        await this.writer.add(T.AdmissionTarget, { id: this.ids.next('AdmissionTarget'), unitId: grassroots.id, year, target });
      }
    }
    for (const candidate of candidates) {
      const last = candidate.steps[candidate.steps.length - 1];
      const changedAt = timestamp(last?.on ?? this.period.end, 9 * 60);
      await this.writer.add(T.AdmissionCandidate, {
        id: candidate.id, ...personNameColumns(candidate.fullName), gender: candidate.gender, birthDate: candidate.birthDate, ethnicity: candidate.ethnicity,
        youthUnionMember: candidate.youthUnionMember, cellId: candidate.cellId, stage: last?.stage ?? 'POOL', trainedOn: candidate.trainedOn,
        cellResolutionOn: candidate.cellResolutionOn, mentorId: candidate.mentorId, droppedReason: candidate.droppedReason,
        memberId: candidate.memberId, createdAt: timestamp(candidate.steps[0]?.on ?? this.period.end, 9 * 60), updatedAt: changedAt,
      });
      for (const sponsorId of candidate.sponsorIds) await this.writer.add(T.CandidateSponsor, { candidateId: candidate.id, memberId: sponsorId });
      for (const step of candidate.steps) {
        await this.writer.add(T.CandidateStageChange, { id: this.ids.next('CandidateStageChange'), candidateId: candidate.id, stage: step.stage, changedOn: step.on, note: null });
      }
    }
  }

  /** Yearly ratings of the cells, their members and the grassroots committee; recognitions. */
  private async writeRatings(): Promise<Map<number, number>> {
    const random = this.random;
    const { period, chunk } = this;
    const averages = new Map<number, number>();
    const excellentYears = new Map<number, number>();
    for (let year = period.fromYear; year <= period.toYear; year++) {
      const yearEnd = day(year, 12, 31);
      const decidedOn = day(year + 1, 1, random.int(10, 31));
      let sum = 0;
      let rated = 0;
      for (const cell of chunk.cells) {
        if (cell.unit.validFrom > yearEnd) continue;
        const ratingBase = { year, period: 'YEAR', periodIndex: 0, ruleVersion: ruleVersion(year), decidedByUnitId: this.parentOn(cell, yearEnd), decidedOn };
        if (cell.unit.validFrom > day(year, 6, 30)) {
          await this.writer.add(T.UnitRating, {
            id: this.ids.next('UnitRating'), unitId: cell.unit.id, ...ratingBase, selfAssessedLevel: null, proposedLevel: null,
            level: 'NOT_RATED', score: null, notRatedReason: 'Chi bộ mới thành lập, chưa đủ 6 tháng hoạt động',
          });
          continue;
        }
        const result = this.meetingResults.get(`${cell.unit.id}:${year}`);
        const goodShare = result && result.assessed > 0 ? result.good / result.assessed : 0;
        const score = round1(Math.min(100, Math.max(45, 60 + 35 * (0.5 * goodShare + 0.5 * cell.quality) + random.normal(0, 4))));
        const level = ratingLevel(score);
        sum += score;
        rated++;
        const self = random.chance(0.2) ? levelOrder[Math.min(3, levelOrder.indexOf(level) + 1)]! : level;
        await this.writer.add(T.UnitRating, {
          id: this.ids.next('UnitRating'), unitId: cell.unit.id, ...ratingBase, selfAssessedLevel: self, proposedLevel: level, level,
          score, notRatedReason: null,
        });
        if (level === 'EXCELLENT') excellentYears.set(cell.unit.id, (excellentYears.get(cell.unit.id) ?? 0) + 1);
        await this.writeRecognitions(cell, year, level, excellentYears.get(cell.unit.id) ?? 0);
      }
      if (rated > 0) averages.set(year, sum / rated);
      await this.writeMemberRatings(year, decidedOn);
      const grassroots = chunk.grassroots;
      if (grassroots && rated > 0 && (grassroots.validTo === null || grassroots.validTo >= yearEnd)) {
        const score = round1(Math.min(100, Math.max(45, sum / rated + random.normal(0, 3))));
        const level = ratingLevel(score);
        const superior = period.reorganisation && yearEnd >= period.reorganisation ? this.plan.province.id : chunk.superiorBefore;
        await this.writer.add(T.UnitRating, {
          id: this.ids.next('UnitRating'), unitId: grassroots.id, year, period: 'YEAR', periodIndex: 0, selfAssessedLevel: level,
          proposedLevel: level, level, score, ruleVersion: ruleVersion(year), notRatedReason: null, decidedByUnitId: superior, decidedOn,
        });
      }
    }
    return averages;
  }

  private async writeRecognitions(cell: CellPlan, year: number, level: RatingLevelValue, excellentYears: number): Promise<void> {
    const random = this.random;
    const add = async (programme: string, authority: string) =>
      this.writer.add(T.Recognition, {
        id: this.ids.next('Recognition'), unitId: cell.unit.id, programme, year, registeredOn: day(year, 1, random.int(10, 25)),
        recognizedOn: day(year + 1, 1, random.int(15, 31)), decisionNumber: `${random.int(10, 999)}-QĐ/${authority}`,
      });
    const good = level === 'EXCELLENT' || level === 'GOOD';
    if (cell.unit.category === 'HAMLET' && good && this.chunk.tier !== 'lagging' && random.chance(level === 'EXCELLENT' ? 0.9 : 0.5)) {
      await add('CLEAN_STRONG_COMPREHENSIVE', 'ĐU');
    }
    if (this.chunk.tier === 'excel' && good && random.chance(0.6)) await add('FOUR_GOOD', 'ĐU');
    if (level === 'EXCELLENT' && random.chance(0.4)) await add('EXEMPLARY_ONE_YEAR', 'HU');
    if (year === this.period.toYear && excellentYears >= 5) await add('EXEMPLARY_FIVE_YEARS', 'TU');
  }

  private async writeMemberRatings(year: number, decidedOn: Day): Promise<void> {
    const random = this.random;
    const yearEnd = day(year, 12, 31);
    const q = this.chunk.quality;
    const excellentShare = this.chunk.breaksExcellentCap ? 0.22 : 0.085;
    for (const member of this.members) {
      const stint = member.stints.find((s) => s.from <= yearEnd && (s.to === null || s.to > yearEnd));
      if (!stint) continue;
      const base = {
        id: this.ids.next('MemberRating'), memberId: member.id, cellId: stint.cellId, year, period: 'YEAR', periodIndex: 0,
        ruleVersion: ruleVersion(year), decidedOn,
      };
      const exempt = exemptOn(member, yearEnd);
      if (member.admittedOn > day(year, 6, 30) || exempt) {
        await this.writer.add(T.MemberRating, {
          ...base, selfAssessedLevel: null, proposedLevel: null, level: 'NOT_RATED', score: null,
          notRatedReason: exempt ? 'Được miễn sinh hoạt đảng' : 'Mới kết nạp, chưa đủ 6 tháng',
        });
        continue;
      }
      const level: RatingLevelValue = member.truantYears.has(year) ? 'NOT_COMPLETED'
        : random.weighted([['EXCELLENT', excellentShare], ['GOOD', 0.8 - excellentShare], ['COMPLETED', 0.06 + 0.12 * (1 - q)], ['NOT_COMPLETED', 0.005]] as const);
      const range = { EXCELLENT: [90, 100], GOOD: [75, 89], COMPLETED: [60, 74], NOT_COMPLETED: [40, 59] }[level];
      const self = level === 'NOT_COMPLETED' ? 'COMPLETED' : random.chance(0.15) ? levelOrder[Math.min(3, levelOrder.indexOf(level) + 1)]! : level;
      await this.writer.add(T.MemberRating, {
        ...base, selfAssessedLevel: self, proposedLevel: level, level, score: random.int(range[0]!, range[1]!), notRatedReason: null,
      });
    }
  }
}
