// The measures the general measure query answers (the catalogue of figures leaders and staff use),
// each with a Vietnamese label. A base measure is one SQL aggregate over the fact rows of one
// family (analytics/sql/measures/<family>.sql); a derived measure is computed from base
// measures after the families' rows are joined, so a share can divide figures of two families.
// The SQL here is fixed text chosen by enum name: no user text ever reaches it.
import { percent } from '../analytics.service.js';
import { termEdgeSql, termKeySql } from './terms.js';

export const dimensions = [
  'UNIT',
  'YEAR',
  'TERM',
  'QUARTER',
  'MONTH',
  'CELL_CATEGORY',
  'MEETING_KIND',
  'QUALITY_LEVEL',
  'RATING_LEVEL',
  'WORKING_GROUP',
  'CANDIDATE_STAGE',
] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionInfo: Record<Dimension, { label: string; description: string }> = {
  UNIT: { label: 'Đơn vị', description: 'The unit each figure falls under: each unit directly under the one asked for, or the unit of the level asked for (unitLevel).' },
  YEAR: { label: 'Năm', description: 'The year.' },
  TERM: {
    label: 'Nhiệm kỳ',
    description: 'The Party congress term, named by the years of its two congresses: "2020-2025" holds 2021–2025 (the congress year closes the term before). Each measure reads over the term’s years of the period asked for as it reads over years.',
  },
  QUARTER: { label: 'Quý', description: 'The quarter of the year (1–4); add YEAR for a series.' },
  MONTH: { label: 'Tháng', description: 'The month of the year (1–12) a meeting counts for; add YEAR for a series.' },
  CELL_CATEGORY: { label: 'Loại hình chi bộ', description: 'Where the cell works (ấp, cơ quan, sự nghiệp, doanh nghiệp, …).' },
  MEETING_KIND: { label: 'Loại sinh hoạt', description: 'Regular, thematic, combined or extraordinary.' },
  QUALITY_LEVEL: { label: 'Mức chất lượng buổi sinh hoạt', description: 'The level the cell scored a meeting at (tốt, khá, trung bình, kém); empty when unscored.' },
  RATING_LEVEL: { label: 'Mức xếp loại', description: 'The year’s rating level; empty for a cell with no rating recorded.' },
  WORKING_GROUP: { label: 'Tổ công tác', description: 'The working group that visited; empty for a committee member on their own.' },
  CANDIDATE_STAGE: { label: 'Bước kết nạp', description: 'The stage an admission candidate has reached.' },
};

/** The fact rows of analytics/sql/measures/<file>.sql, and what they can be broken down and filtered by. */
export interface Family {
  file: string;
  dimensions: readonly Dimension[];
  /** Has a period: the rows are limited to fromYear–toYear. */
  timed: boolean;
  /**
   * Which placed rows count in their group (columns of the row, its group_id, the CTEs `facts`
   * and `tree`), where a row's belonging to a group is not the whole rule: none, every row.
   */
  inGroup?: string;
}

const time = ['YEAR', 'TERM', 'QUARTER', 'MONTH'] as const;
export const families = {
  meetings: { file: 'meetings', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY', 'MEETING_KIND', 'QUALITY_LEVEL'] },
  cellMonths: { file: 'cell_months', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY'] },
  cellYears: { file: 'cell_years', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY', 'RATING_LEVEL'] },
  memberRatings: { file: 'member_ratings', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY', 'RATING_LEVEL'] },
  admissions: { file: 'admissions', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY'] },
  admissionsToCells: { file: 'admissions_to_cells', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY'] },
  visits: { file: 'visits', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY', 'WORKING_GROUP'] },
  planItems: { file: 'plan_items', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'QUARTER', 'CELL_CATEGORY'] },
  membersAtRisk: { file: 'members_at_risk', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY'] },
  recognitions: { file: 'recognitions', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY'] },
  memberChanges: { file: 'member_changes', timed: true, dimensions: ['UNIT', ...time, 'CELL_CATEGORY'] },
  memberYears: { file: 'member_years', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY'] },
  candidates: { file: 'candidates', timed: false, dimensions: ['UNIT', 'CELL_CATEGORY', 'CANDIDATE_STAGE'] },
  transfers: {
    file: 'transfers',
    timed: true,
    dimensions: ['UNIT', ...time, 'CELL_CATEGORY'],
    // A move between two cells of the group neither brings a member in nor takes one out.
    inGroup: `other_unit_id IS NULL OR NOT EXISTS (SELECT 1 FROM tree o WHERE o.unit_id = other_unit_id AND o.ancestor_id = group_id)`,
  },
  admissionTargets: {
    file: 'admission_targets',
    timed: true,
    dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY'],
    // A unit's own target covers its subtree (by the units' own parents, a merged unit under its
    // own): one below it, within the group, is part of it.
    inGroup: `NOT EXISTS (SELECT 1 FROM facts above
                            JOIN unit_ancestor x ON x.ancestor_id = above.unit_id AND x.unit_id = placed.unit_id AND x.levels_up > 0
                            JOIN tree y ON y.unit_id = above.unit_id AND y.ancestor_id = placed.group_id
                           WHERE above.year = placed.year)`,
  },
  unitYears: { file: 'unit_years', timed: true, dimensions: ['UNIT', 'YEAR', 'TERM', 'CELL_CATEGORY'] },
} satisfies Record<string, Family>;
export type FamilyName = keyof typeof families;

/** How a dimension reads from fact rows: the SQL of its value, and of its label where it has one. */
export const dimensionSql: Record<Exclude<Dimension, 'UNIT'>, { value: string; label?: string }> = {
  YEAR: { value: 'year' },
  TERM: { value: termKeySql },
  QUARTER: { value: 'quarter' },
  MONTH: { value: 'month' },
  CELL_CATEGORY: { value: 'cell_category' },
  MEETING_KIND: { value: 'meeting_kind' },
  QUALITY_LEVEL: { value: 'quality_level' },
  RATING_LEVEL: { value: 'rating_level' },
  WORKING_GROUP: { value: 'working_group_id', label: 'working_group_name' },
  CANDIDATE_STAGE: { value: 'candidate_stage' },
};

export type MeasureKind = 'COUNT' | 'PERCENT' | 'AVERAGE' | 'RATIO';

/**
 * How a measure reads over several years when YEAR is not among the dimensions: a flow adds its
 * years up, a stock is the headcount at the span's first or last edge (cells at the end of a
 * term are not five times the cells of a year), a share or mean is recomputed from the span's
 * added-up parts.
 */
export type OverYears = 'SUM' | 'START' | 'END' | 'RECOMPUTED';

interface MeasureText {
  label: string;
  description: string;
}
interface BaseMeasure extends MeasureText {
  family: FamilyName;
  kind: 'COUNT' | 'AVERAGE';
  sql: string;
  /** A count's condition on its family's rows (none: every row). */
  where?: string;
  /** A stock: counted at one edge of a span of years (the yearly rows still add up for shares). */
  stock?: 'START' | 'END';
}
interface DerivedMeasure extends MeasureText {
  kind: 'PERCENT' | 'RATIO';
  of: readonly [BaseName, BaseName];
  /** Narrower than the inputs' common dimensions, where a breakdown would mislead. */
  dimensions?: readonly Dimension[];
}

const count = (family: FamilyName, label: string, description: string, where?: string): BaseMeasure => ({
  family,
  kind: 'COUNT',
  label,
  description,
  sql: where ? `count(*) FILTER (WHERE ${where})` : 'count(*)',
  ...(where ? { where } : {}),
});
const stock = (edge: 'START' | 'END', measure: BaseMeasure): BaseMeasure => ({ ...measure, stock: edge });
const total = (family: FamilyName, column: string, label: string, description: string): BaseMeasure => ({
  family,
  kind: 'COUNT',
  label,
  description,
  // A sum of integers is HUGEINT in DuckDB, slow to carry and read: no count here nears 2^63.
  sql: `CAST(coalesce(sum(${column}), 0) AS BIGINT)`,
});

export const baseMeasures = {
  // Meetings (buổi sinh hoạt)
  MEETINGS: count('meetings', 'Số buổi sinh hoạt', 'Meetings held, of every kind.'),
  THEMATIC_MEETINGS: count('meetings', 'Số buổi sinh hoạt chuyên đề', 'Thematic or combined meetings held.', 'is_thematic'),
  SEPARATE_MEETINGS: count('meetings', 'Số buổi sinh hoạt riêng với họp chuyên môn', 'Meetings held apart from the professional meeting.', 'separate'),
  EXPECTED_ATTENDANCE: total('meetings', 'expected', 'Lượt đảng viên phải dự', 'Members expected, all meetings together (the exempt are not expected).'),
  PRESENT: total('meetings', 'present', 'Lượt đảng viên có mặt', 'Members present, all meetings together.'),
  EXCUSED_ABSENCES: total('meetings', 'excused', 'Lượt vắng có lý do', 'Absences with a reason.'),
  UNEXCUSED_ABSENCES: total('meetings', 'unexcused', 'Lượt vắng không lý do', 'Absences without a reason.'),
  SCORED_MEETINGS: count('meetings', 'Số buổi được chấm điểm', 'Meetings the cell scored.', 'score IS NOT NULL'),
  // Rounded to hundredths on the exact sum, half up (a double mean may sit just below the half).
  AVERAGE_SCORE: { family: 'meetings', kind: 'AVERAGE', sql: 'round(sum(score) * 100 / nullif(count(score), 0)) / 100', label: 'Điểm bình quân', description: 'Average score of the scored meetings, out of 100 (two decimals).' },
  MEETINGS_AT_THRESHOLD: count('meetings', 'Số buổi đạt từ ngưỡng điểm trở lên', 'Scored meetings at or above the threshold asked for (85 unless said).', 'score >= $threshold'),
  GOOD_MEETINGS: count('meetings', 'Số buổi đạt mức tốt', 'Meetings the cell scored GOOD (tốt).', "quality_level = 'GOOD'"),
  FAIR_MEETINGS: count('meetings', 'Số buổi đạt mức khá', 'Meetings scored FAIR (khá).', "quality_level = 'FAIR'"),
  AVERAGE_LEVEL_MEETINGS: count('meetings', 'Số buổi đạt mức trung bình', 'Meetings scored AVERAGE (trung bình).', "quality_level = 'AVERAGE'"),
  POOR_MEETINGS: count('meetings', 'Số buổi ở mức kém', 'Meetings scored POOR (kém).', "quality_level = 'POOR'"),
  VISITED_MEETINGS: count('meetings', 'Số buổi có cấp trên dự', 'Meetings attended by a working group or a committee member.', 'visits > 0'),
  // Regularity (nền nếp)
  CELL_MONTHS: count('cellMonths', 'Số tháng chi bộ phải sinh hoạt', 'Months in which a cell existed, up to the snapshot’s month: each should have a regular meeting.'),
  REGULAR_MONTHS: count('cellMonths', 'Số tháng có sinh hoạt thường kỳ', 'Of those, months with a regular or combined meeting.', 'regular'),
  CELL_QUARTERS: {
    family: 'cellMonths',
    kind: 'COUNT',
    sql: 'count(DISTINCT (unit_id, year, quarter))',
    label: 'Số quý chi bộ hoạt động',
    description: 'Quarters in which a cell existed: each should have a thematic meeting.',
  },
  // Cells and their ratings (xếp loại chi bộ)
  CELLS: stock('END', count('cellYears', 'Số chi bộ', 'Cells that existed in the year (a cell counts once a year); over several years, those of the last year.')),
  CELLS_DUE_TO_MEET: stock('END', count(
    'cellYears',
    'Số chi bộ phải sinh hoạt',
    'Cells that existed in a month counted (up to the snapshot’s month), each due a regular meeting that month.',
    'due_months > 0',
  )),
  CELLS_RATED: count('cellYears', 'Số chi bộ được xếp loại', 'Cells rated at a level.', "rating_level IS NOT NULL AND rating_level <> 'NOT_RATED'"),
  CELLS_RATING_MISSING: count('cellYears', 'Số chi bộ chưa có kết quả xếp loại', 'Cells with no rating recorded: reported, not counted as failures.', 'rating_level IS NULL'),
  CELLS_NOT_RATED: count('cellYears', 'Số chi bộ không xếp loại', 'Cells recorded as not rated, with a reason.', "rating_level = 'NOT_RATED'"),
  CELLS_EXCELLENT: count('cellYears', 'Số chi bộ hoàn thành xuất sắc nhiệm vụ', 'Cells rated EXCELLENT.', "rating_level = 'EXCELLENT'"),
  CELLS_GOOD: count('cellYears', 'Số chi bộ hoàn thành tốt nhiệm vụ', 'Cells rated GOOD.', "rating_level = 'GOOD'"),
  CELLS_GOOD_OR_BETTER: count('cellYears', 'Số chi bộ hoàn thành tốt nhiệm vụ trở lên', 'Cells rated GOOD or EXCELLENT.', 'good_or_better(rating_level)'),
  CELLS_COMPLETED: count('cellYears', 'Số chi bộ hoàn thành nhiệm vụ', 'Cells rated COMPLETED.', "rating_level = 'COMPLETED'"),
  CELLS_NOT_COMPLETED: count('cellYears', 'Số chi bộ không hoàn thành nhiệm vụ', 'Cells rated NOT_COMPLETED.', "rating_level = 'NOT_COMPLETED'"),
  CELLS_EXEMPLARY: count('cellYears', 'Số chi bộ trong sạch vững mạnh tiêu biểu', 'Cells recognised as exemplary (tiêu biểu, one or five years) for the year.', 'exemplary'),
  CELLS_EVERY_MONTH: count('cellYears', 'Số chi bộ sinh hoạt đều đặn hằng tháng', 'Cells with a regular meeting in every month they existed, up to the snapshot’s month.', 'every_month'),
  CELLS_VISITED: count('cellYears', 'Số chi bộ được cấp trên dự sinh hoạt', 'Cells with at least one meeting attended by a superior.', 'visited'),
  // Cells by the quality of their meetings over the year (chất lượng sinh hoạt chi bộ cả năm)
  CELLS_MEETINGS_SCORED: count('cellYears', 'Số chi bộ có buổi sinh hoạt được chấm điểm', 'Cells with at least one scored meeting in the year: the base of the yearly meeting-quality shares.', 'meeting_quality IS NOT NULL'),
  CELLS_MEETINGS_GOOD: count('cellYears', 'Số chi bộ có chất lượng sinh hoạt tốt', 'Cells whose meetings reached GOOD over the year: the band their average score of the year reaches under the bands of their criteria set.', "meeting_quality = 'GOOD'"),
  CELLS_MEETINGS_FAIR: count('cellYears', 'Số chi bộ có chất lượng sinh hoạt khá', 'Cells whose meetings reached FAIR over the year.', "meeting_quality = 'FAIR'"),
  CELLS_MEETINGS_AVERAGE: count('cellYears', 'Số chi bộ có chất lượng sinh hoạt trung bình', 'Cells whose meetings reached AVERAGE over the year.', "meeting_quality = 'AVERAGE'"),
  CELLS_MEETINGS_POOR: count('cellYears', 'Số chi bộ có chất lượng sinh hoạt kém', 'Cells whose meetings were POOR over the year.', "meeting_quality = 'POOR'"),
  // Members’ ratings (xếp loại đảng viên)
  MEMBERS_RATED: count('memberRatings', 'Số đảng viên được xếp loại', 'Members rated at a level.', "rating_level <> 'NOT_RATED'"),
  MEMBERS_EXCELLENT: count('memberRatings', 'Số đảng viên hoàn thành xuất sắc nhiệm vụ', 'Members rated EXCELLENT.', "rating_level = 'EXCELLENT'"),
  MEMBERS_GOOD: count('memberRatings', 'Số đảng viên hoàn thành tốt nhiệm vụ', 'Members rated GOOD.', "rating_level = 'GOOD'"),
  MEMBERS_GOOD_OR_BETTER: count('memberRatings', 'Số đảng viên hoàn thành tốt nhiệm vụ trở lên', 'Members rated GOOD or EXCELLENT.', 'good_or_better(rating_level)'),
  MEMBERS_COMPLETED: count('memberRatings', 'Số đảng viên hoàn thành nhiệm vụ', 'Members rated COMPLETED.', "rating_level = 'COMPLETED'"),
  MEMBERS_NOT_COMPLETED: count('memberRatings', 'Số đảng viên không hoàn thành nhiệm vụ', 'Members rated NOT_COMPLETED.', "rating_level = 'NOT_COMPLETED'"),
  MEMBERS_NOT_RATED: count('memberRatings', 'Số đảng viên không xếp loại', 'Members recorded as not rated for the year (new, ill, exempt), with a reason.', "rating_level = 'NOT_RATED'"),
  MEMBERS_AT_RISK: count('membersAtRisk', 'Số đảng viên vắng không lý do 3 tháng', 'Members absent without excuse in at least three months of the year (up for removal), counted in the cell of their last such absence.'),
  // Admissions (kết nạp)
  ADMITTED: count('admissions', 'Số đảng viên kết nạp', 'Members admitted, counted at the committee that decided their admission.'),
  ADMITTED_INTO_CELLS: count(
    'admissionsToCells',
    'Số đảng viên kết nạp vào chi bộ',
    'Members admitted, counted at the cell they joined (the same admissions as ADMITTED, placed where the member sits).',
  ),
  ADMITTED_WOMEN: count('admissions', 'Kết nạp: nữ', 'Of them, women.', 'woman'),
  ADMITTED_ETHNIC_MINORITIES: count('admissions', 'Kết nạp: người dân tộc thiểu số', 'Of them, of an ethnic minority (not Kinh).', 'ethnic_minority'),
  ADMITTED_YOUTH_UNION: count('admissions', 'Kết nạp: đoàn viên', 'Of them, Youth Union members.', 'youth_union'),
  ADMITTED_AGED_18_TO_30: count('admissions', 'Kết nạp: từ 18 đến 30 tuổi', 'Of them, aged 18 to 30 when admitted.', 'aged_18_to_30'),
  MEMBERS_AT_START: stock(
    'START',
    count('memberYears', 'Số đảng viên đầu kỳ', 'Members on 1 January of the year (over several years, of the first), in the cell they belonged to that day.', 'at_start'),
  ),
  MEMBERS_AT_END: stock(
    'END',
    count('memberYears', 'Số đảng viên cuối kỳ', 'Members on 31 December of the year (over several years, of the last), in the cell they belonged to that day.', 'NOT at_start'),
  ),
  ADMISSION_TARGET: total(
    'admissionTargets',
    'target',
    'Chỉ tiêu kết nạp đảng viên',
    'Members to admit by the targets set (chỉ tiêu kết nạp): a unit’s own target stands for its subtree; without one, the targets below it add up.',
  ),
  // The membership on 31 December (Biểu 3), in the cell each member belonged to that day.
  MEMBERS_WOMEN: stock('END', count('memberYears', 'Đảng viên cuối kỳ: nữ', 'Of the members on 31 December, women.', 'NOT at_start AND woman')),
  MEMBERS_ETHNIC_MINORITIES: stock('END', count('memberYears', 'Đảng viên cuối kỳ: dân tộc thiểu số', 'Of the members on 31 December, of an ethnic minority (not Kinh).', 'NOT at_start AND ethnic_minority')),
  MEMBERS_PROBATIONARY: stock('END', count('memberYears', 'Đảng viên cuối kỳ: dự bị', 'Of the members on 31 December, those not yet recognised as official.', 'NOT at_start AND probationary')),
  MEMBERS_AGED_UP_TO_30: stock('END', count('memberYears', 'Đảng viên cuối kỳ: đến 30 tuổi', 'Of the members on 31 December, aged 30 or under that day.', 'NOT at_start AND age <= 30')),
  MEMBERS_AGED_31_TO_40: stock('END', count('memberYears', 'Đảng viên cuối kỳ: từ 31 đến 40 tuổi', 'Of the members on 31 December, aged 31 to 40 that day.', 'NOT at_start AND age BETWEEN 31 AND 40')),
  MEMBERS_AGED_41_TO_50: stock('END', count('memberYears', 'Đảng viên cuối kỳ: từ 41 đến 50 tuổi', 'Of the members on 31 December, aged 41 to 50 that day.', 'NOT at_start AND age BETWEEN 41 AND 50')),
  MEMBERS_AGED_51_TO_60: stock('END', count('memberYears', 'Đảng viên cuối kỳ: từ 51 đến 60 tuổi', 'Of the members on 31 December, aged 51 to 60 that day.', 'NOT at_start AND age BETWEEN 51 AND 60')),
  MEMBERS_AGED_61_TO_70: stock('END', count('memberYears', 'Đảng viên cuối kỳ: từ 61 đến 70 tuổi', 'Of the members on 31 December, aged 61 to 70 that day.', 'NOT at_start AND age BETWEEN 61 AND 70')),
  MEMBERS_AGED_OVER_70: stock('END', count('memberYears', 'Đảng viên cuối kỳ: trên 70 tuổi', 'Of the members on 31 December, aged over 70 that day.', 'NOT at_start AND age > 70')),
  // Organisations at the start and end of a year (Biểu 5), kinds and parents as they are today.
  GRASSROOTS_AT_START: stock('START', count('unitYears', 'Số tổ chức cơ sở đảng đầu năm', 'Grassroots organisations (đảng bộ cơ sở and chi bộ cơ sở) on 1 January (over several years, of the first).', 'at_start AND grassroots')),
  GRASSROOTS_AT_END: stock('END', count('unitYears', 'Số tổ chức cơ sở đảng cuối năm', 'Grassroots organisations on 31 December (over several years, of the last).', 'NOT at_start AND grassroots')),
  GRASSROOTS_COMMITTEES_AT_START: stock('START', count('unitYears', 'Số đảng bộ cơ sở đầu năm', 'Grassroots committees (đảng bộ cơ sở) on 1 January.', "at_start AND kind = 'GRASSROOTS'")),
  GRASSROOTS_COMMITTEES_AT_END: stock('END', count('unitYears', 'Số đảng bộ cơ sở cuối năm', 'Grassroots committees on 31 December.', "NOT at_start AND kind = 'GRASSROOTS'")),
  GRASSROOTS_CELLS_AT_START: stock('START', count('unitYears', 'Số chi bộ cơ sở đầu năm', 'Cells that are grassroots organisations (directly under a district or province) on 1 January.', "at_start AND grassroots AND kind = 'CELL'")),
  GRASSROOTS_CELLS_AT_END: stock('END', count('unitYears', 'Số chi bộ cơ sở cuối năm', 'Cells that are grassroots organisations on 31 December.', "NOT at_start AND grassroots AND kind = 'CELL'")),
  SUB_COMMITTEES_AT_START: stock('START', count('unitYears', 'Số đảng bộ bộ phận đầu năm', 'Sub-committees (đảng bộ bộ phận) on 1 January.', "at_start AND kind = 'SUB_COMMITTEE'")),
  SUB_COMMITTEES_AT_END: stock('END', count('unitYears', 'Số đảng bộ bộ phận cuối năm', 'Sub-committees on 31 December.', "NOT at_start AND kind = 'SUB_COMMITTEE'")),
  CELLS_UNDER_COMMITTEES_AT_START: stock('START', count('unitYears', 'Số chi bộ trực thuộc đảng ủy cơ sở đầu năm', 'Cells under a grassroots committee (chi bộ trực thuộc) on 1 January.', 'at_start AND under_committee')),
  CELLS_UNDER_COMMITTEES_AT_END: stock('END', count('unitYears', 'Số chi bộ trực thuộc đảng ủy cơ sở cuối năm', 'Cells under a grassroots committee on 31 December.', 'NOT at_start AND under_committee')),
  CELLS_AT_START: stock('START', count('unitYears', 'Số chi bộ đầu năm', 'Cells of every kind on 1 January (CELLS counts those that existed any day of the year).', "at_start AND kind = 'CELL'")),
  CELLS_AT_END: stock('END', count('unitYears', 'Số chi bộ cuối năm', 'Cells of every kind on 31 December.', "NOT at_start AND kind = 'CELL'")),
  // Recognitions (công nhận), for the year they are for.
  RECOGNISED_CLEAN_STRONG: count('recognitions', 'Số tổ chức đảng được công nhận trong sạch vững mạnh toàn diện', 'Units recognised as clean, strong and comprehensive (trong sạch vững mạnh toàn diện) for the year.', "programme = 'CLEAN_STRONG_COMPREHENSIVE'"),
  RECOGNISED_FOUR_GOOD: count('recognitions', 'Số chi bộ được công nhận Chi bộ 4 tốt', 'Units recognised under “Chi bộ 4 tốt” for the year.', "programme = 'FOUR_GOOD'"),
  RECOGNISED_EXEMPLARY: count('recognitions', 'Số tổ chức đảng trong sạch vững mạnh tiêu biểu', 'Units recognised as exemplary (tiêu biểu), for one year or five years running.', "programme IN ('EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS')"),
  // The membership's ups and downs (tăng, giảm đảng viên), each at the member's cell that day.
  RECOGNISED_OFFICIAL: count('memberChanges', 'Số đảng viên được công nhận chính thức', 'Probationary members recognised as official members.', "change = 'RECOGNISED_OFFICIAL'"),
  MEMBERS_GONE: count('memberChanges', 'Số đảng viên giảm', 'Members transferred out of the store, deceased, removed, expelled or who left the Party.', "change NOT IN ('RECOGNISED_OFFICIAL', 'RESTORED')"),
  MEMBERS_TRANSFERRED_OUT: count('memberChanges', 'Giảm: chuyển sinh hoạt ra ngoài tỉnh', 'Members transferred out of the units this store holds (out of the province).', "change = 'TRANSFERRED_OUT'"),
  MEMBERS_DECEASED: count('memberChanges', 'Giảm: từ trần', 'Members who died.', "change = 'DECEASED'"),
  MEMBERS_REMOVED: count('memberChanges', 'Giảm: xóa tên', 'Members removed from the rolls (xóa tên).', "change = 'REMOVED'"),
  MEMBERS_EXPELLED: count('memberChanges', 'Giảm: khai trừ', 'Members expelled from the Party.', "change = 'EXPELLED'"),
  MEMBERS_LEFT_PARTY: count('memberChanges', 'Giảm: ra khỏi Đảng', 'Members who left the Party (xin ra khỏi Đảng).', "change = 'LEFT_PARTY'"),
  MEMBERS_RESTORED: count('memberChanges', 'Tăng: phục hồi đảng tịch', 'Members whose party membership was restored (phục hồi đảng tịch), at the cell they met in again.', "change = 'RESTORED'"),
  // Transfers (chuyển sinh hoạt đảng) by how far they reach (Biểu 1), at the cell each end; a
  // move between two cells of one group is no transfer of that group.
  TRANSFERS_IN: count('transfers', 'Tăng: chuyển sinh hoạt đến đơn vị', 'Members who transferred in: from another group of the store, or from outside it.', "direction = 'IN'"),
  TRANSFERS_IN_SAME_DISTRICT: count('transfers', 'Chuyển đến: cùng huyện', 'Of them, from within the same district.', "direction = 'IN' AND distance = 'SAME_DISTRICT'"),
  TRANSFERS_IN_SAME_PROVINCE: count('transfers', 'Chuyển đến: trong tỉnh (khác huyện)', 'Of them, from another district of the same province.', "direction = 'IN' AND distance = 'SAME_PROVINCE'"),
  TRANSFERS_IN_OTHER_PROVINCE: count('transfers', 'Chuyển đến: ngoài tỉnh', 'Of them, from another province.', "direction = 'IN' AND distance = 'OTHER_PROVINCE'"),
  TRANSFERS_OUT: count('transfers', 'Giảm: chuyển sinh hoạt đi khỏi đơn vị', 'Members who transferred out: to another group of the store, or out of the province.', "direction = 'OUT'"),
  TRANSFERS_OUT_SAME_DISTRICT: count('transfers', 'Chuyển đi: cùng huyện', 'Of them, within the same district.', "direction = 'OUT' AND distance = 'SAME_DISTRICT'"),
  TRANSFERS_OUT_SAME_PROVINCE: count('transfers', 'Chuyển đi: trong tỉnh (khác huyện)', 'Of them, to another district of the same province.', "direction = 'OUT' AND distance = 'SAME_PROVINCE'"),
  TRANSFERS_OUT_OTHER_PROVINCE: count('transfers', 'Chuyển đi: ngoài tỉnh', 'Of them, out of the province.', "direction = 'OUT' AND distance = 'OTHER_PROVINCE'"),
  CANDIDATES: count('candidates', 'Số đối tượng kết nạp', 'Admission candidates on the snapshot’s date (break down by CANDIDATE_STAGE for each stage).'),
  CANDIDATES_IN_PROGRESS: count('candidates', 'Số đối tượng đang trong quy trình kết nạp', 'Candidates on the snapshot’s date neither admitted nor dropped.', 'candidate_in_progress(candidate_stage)'),
  CANDIDATES_DECIDED: count('candidates', 'Số đối tượng đã có quyết định kết nạp', 'Candidates on the snapshot’s date with a decision to admit (DECIDED).', "candidate_stage = 'DECIDED'"),
  // Supervision (kiểm tra, giám sát)
  VISITS: count('visits', 'Lượt dự sinh hoạt', 'Visits to meetings by working groups and committee members.'),
  PLAN_ITEMS: count('planItems', 'Số chuyên đề đăng ký', 'Topics of approved thematic plans.'),
  PLAN_ITEMS_HELD: count('planItems', 'Số chuyên đề đã sinh hoạt', 'Of them, held as a thematic meeting.', 'held'),
} satisfies Record<string, BaseMeasure>;
export type BaseName = keyof typeof baseMeasures;

const share = (of: readonly [BaseName, BaseName], label: string, description: string, dims?: readonly Dimension[]): DerivedMeasure => ({
  kind: 'PERCENT',
  of,
  label,
  description,
  ...(dims ? { dimensions: dims } : {}),
});

export const derivedMeasures = {
  ATTENDANCE_PERCENT: share(['PRESENT', 'EXPECTED_ATTENDANCE'], 'Tỷ lệ đảng viên dự sinh hoạt (%)', 'Present, % of expected.'),
  SEPARATE_PERCENT: share(['SEPARATE_MEETINGS', 'MEETINGS'], 'Tỷ lệ buổi sinh hoạt riêng (%)', 'Meetings held apart from professional ones, % of meetings.'),
  AT_THRESHOLD_PERCENT: share(['MEETINGS_AT_THRESHOLD', 'SCORED_MEETINGS'], 'Tỷ lệ buổi đạt từ ngưỡng điểm (%)', 'Scored meetings at or above the threshold, %.'),
  GOOD_PERCENT: share(['GOOD_MEETINGS', 'SCORED_MEETINGS'], 'Tỷ lệ buổi đạt mức tốt (%)', 'Scored meetings at level GOOD, %.'),
  FAIR_PERCENT: share(['FAIR_MEETINGS', 'SCORED_MEETINGS'], 'Tỷ lệ buổi đạt mức khá (%)', 'Scored meetings at level FAIR, %.'),
  AVERAGE_LEVEL_PERCENT: share(['AVERAGE_LEVEL_MEETINGS', 'SCORED_MEETINGS'], 'Tỷ lệ buổi mức trung bình (%)', 'Scored meetings at level AVERAGE, %.'),
  POOR_PERCENT: share(['POOR_MEETINGS', 'SCORED_MEETINGS'], 'Tỷ lệ buổi mức kém (%)', 'Scored meetings at level POOR, %.'),
  VISITED_MEETINGS_PERCENT: share(['VISITED_MEETINGS', 'MEETINGS'], 'Tỷ lệ buổi có cấp trên dự (%)', 'Meetings with a superior present, %.'),
  REGULAR_PERCENT: share(['REGULAR_MONTHS', 'CELL_MONTHS'], 'Tỷ lệ tháng có sinh hoạt thường kỳ (%)', 'Cell-months with a regular meeting, %.'),
  THEMATIC_PER_CELL_QUARTER: {
    kind: 'RATIO',
    of: ['THEMATIC_MEETINGS', 'CELL_QUARTERS'],
    label: 'Số chuyên đề bình quân mỗi chi bộ mỗi quý',
    description: 'Thematic meetings per cell per quarter (two decimals); at least 1 is the rule.',
    dimensions: ['UNIT', 'YEAR', 'TERM', 'QUARTER', 'CELL_CATEGORY'],
  },
  CELLS_GOOD_OR_BETTER_PERCENT: share(['CELLS_GOOD_OR_BETTER', 'CELLS_RATED'], 'Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên (%)', 'Cells rated GOOD or better, % of the cells rated.'),
  CELLS_EXCELLENT_PERCENT: share(['CELLS_EXCELLENT', 'CELLS_RATED'], 'Tỷ lệ chi bộ hoàn thành xuất sắc nhiệm vụ (%)', 'Cells rated EXCELLENT, % of the cells rated.'),
  CELLS_EXEMPLARY_PERCENT: share(['CELLS_EXEMPLARY', 'CELLS'], 'Tỷ lệ chi bộ trong sạch vững mạnh tiêu biểu (%)', 'Exemplary cells, % of the cells.'),
  CELLS_EVERY_MONTH_PERCENT: share(['CELLS_EVERY_MONTH', 'CELLS_DUE_TO_MEET'], 'Tỷ lệ chi bộ sinh hoạt đều đặn (%)', 'Cells that met every month, % of the cells due to meet.'),
  CELLS_VISITED_PERCENT: share(['CELLS_VISITED', 'CELLS'], 'Tỷ lệ chi bộ được cấp trên dự sinh hoạt (%)', 'Cells visited, % of the cells.'),
  CELLS_MEETINGS_GOOD_PERCENT: share(['CELLS_MEETINGS_GOOD', 'CELLS_MEETINGS_SCORED'], 'Tỷ lệ chi bộ có chất lượng sinh hoạt tốt (%)', 'Cells whose meetings reached GOOD over the year, % of the cells with scored meetings.'),
  CELLS_MEETINGS_FAIR_PERCENT: share(['CELLS_MEETINGS_FAIR', 'CELLS_MEETINGS_SCORED'], 'Tỷ lệ chi bộ có chất lượng sinh hoạt khá (%)', 'Cells whose meetings reached FAIR over the year, % of the cells with scored meetings.'),
  MEMBERS_GOOD_OR_BETTER_PERCENT: share(['MEMBERS_GOOD_OR_BETTER', 'MEMBERS_RATED'], 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên (%)', 'Members rated GOOD or better, % of the members rated.'),
  MEMBERS_EXCELLENT_PERCENT: share(['MEMBERS_EXCELLENT', 'MEMBERS_RATED'], 'Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ (%)', 'Members rated EXCELLENT, % of the members rated.'),
  MEMBERS_GOOD_PERCENT: share(['MEMBERS_GOOD', 'MEMBERS_RATED'], 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ (%)', 'Members rated GOOD, % of the members rated.'),
  MEMBERS_COMPLETED_PERCENT: share(['MEMBERS_COMPLETED', 'MEMBERS_RATED'], 'Tỷ lệ đảng viên hoàn thành nhiệm vụ (%)', 'Members rated COMPLETED, % of the members rated.'),
  MEMBERS_NOT_COMPLETED_PERCENT: share(['MEMBERS_NOT_COMPLETED', 'MEMBERS_RATED'], 'Tỷ lệ đảng viên không hoàn thành nhiệm vụ (%)', 'Members rated NOT_COMPLETED, % of the members rated.'),
  CELLS_GOOD_PERCENT: share(['CELLS_GOOD', 'CELLS_RATED'], 'Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ (%)', 'Cells rated GOOD, % of the cells rated.'),
  CELLS_COMPLETED_PERCENT: share(['CELLS_COMPLETED', 'CELLS_RATED'], 'Tỷ lệ chi bộ hoàn thành nhiệm vụ (%)', 'Cells rated COMPLETED, % of the cells rated.'),
  CELLS_NOT_COMPLETED_PERCENT: share(['CELLS_NOT_COMPLETED', 'CELLS_RATED'], 'Tỷ lệ chi bộ không hoàn thành nhiệm vụ (%)', 'Cells rated NOT_COMPLETED, % of the cells rated.'),
  ADMITTED_OF_TARGET_PERCENT: share(['ADMITTED', 'ADMISSION_TARGET'], 'Tỷ lệ kết nạp so với chỉ tiêu (%)', 'Members admitted, % of the admission target.'),
  MEMBERS_EXCELLENT_OF_GOOD_PERCENT: share(
    ['MEMBERS_EXCELLENT', 'MEMBERS_GOOD'],
    'Tỷ lệ xuất sắc so với hoàn thành tốt (%)',
    'Members rated EXCELLENT, % of those rated GOOD alone: the cap (20%) under its GOOD reading, within a grassroots organisation (unitLevel GRASSROOTS).',
    ['UNIT', 'YEAR', 'TERM'],
  ),
  MEMBERS_EXCELLENT_OF_GOOD_OR_BETTER_PERCENT: share(
    ['MEMBERS_EXCELLENT', 'MEMBERS_GOOD_OR_BETTER'],
    'Tỷ lệ xuất sắc so với hoàn thành tốt nhiệm vụ trở lên (%)',
    'Members rated EXCELLENT, % of those rated GOOD or better: the cap (20%) under its GOOD_OR_BETTER reading, the default, within a grassroots organisation (unitLevel GRASSROOTS).',
    ['UNIT', 'YEAR', 'TERM'],
  ),
  PLAN_ITEMS_HELD_PERCENT: share(['PLAN_ITEMS_HELD', 'PLAN_ITEMS'], 'Tỷ lệ chuyên đề đã sinh hoạt (%)', 'Planned thematic topics held, %.'),
} satisfies Record<string, DerivedMeasure>;
export type DerivedName = keyof typeof derivedMeasures;

export type Measure = BaseName | DerivedName;
export const measures = [...Object.keys(baseMeasures), ...Object.keys(derivedMeasures)] as Measure[];

export const isBase = (measure: Measure): measure is BaseName => measure in baseMeasures;

export function measureInfo(measure: Measure): { label: string; description: string; kind: MeasureKind; overYears: OverYears; dimensions: readonly Dimension[] } {
  if (isBase(measure)) {
    const base: BaseMeasure = baseMeasures[measure];
    const overYears = base.stock ?? (base.kind === 'AVERAGE' ? 'RECOMPUTED' : 'SUM');
    return { label: base.label, description: base.description, kind: base.kind, overYears, dimensions: families[base.family].dimensions };
  }
  const derived: DerivedMeasure = derivedMeasures[measure];
  const [a, b] = derived.of.map((name): readonly Dimension[] => families[baseMeasures[name].family].dimensions);
  const common = a!.filter((dimension) => b!.includes(dimension));
  return {
    label: derived.label,
    description: derived.description,
    kind: derived.kind,
    overYears: 'RECOMPUTED',
    dimensions: derived.dimensions ? common.filter((dimension) => derived.dimensions!.includes(dimension)) : common,
  };
}

/** The base measures a set of measures is computed from. */
export function baseMeasuresOf(wanted: readonly Measure[]): BaseName[] {
  return [...new Set(wanted.flatMap((measure) => (isBase(measure) ? [measure] : [...derivedMeasures[measure].of])))];
}

/**
 * The aggregate of a stock at its edge of the span asked for ($from_year or $to_year), read
 * beside its yearly sum; null for a measure that is not a stock. By TERM, the edge is each
 * term's within the span.
 */
export function stockSql(name: BaseName, byTerm = false): string | null {
  const base: BaseMeasure = baseMeasures[name];
  if (!base.stock) return null;
  const edge = byTerm ? termEdgeSql(base.stock) : base.stock === 'START' ? '$from_year' : '$to_year';
  return `count(*) FILTER (WHERE year = ${edge}${base.where ? ` AND (${base.where})` : ''})`;
}

/**
 * The value of a measure from the base figures of one row; `stocks`, where given, holds the
 * stocks counted at the span's edge, which a stock shows instead of its yearly sum.
 */
export function measureValue(measure: Measure, base: Partial<Record<BaseName, number | null>>, stocks: Partial<Record<BaseName, number | null>> = {}): number | null {
  if (isBase(measure)) {
    const value = stocks[measure] ?? base[measure] ?? (baseMeasures[measure].kind === 'COUNT' ? 0 : null);
    return baseMeasures[measure].kind === 'AVERAGE' && value !== null ? Math.round(value * 100) / 100 : value;
  }
  const derived: DerivedMeasure = derivedMeasures[measure];
  const part = base[derived.of[0]] ?? 0;
  const whole = base[derived.of[1]] ?? 0;
  if (derived.kind === 'PERCENT') return percent(part, whole);
  return whole > 0 ? Math.round((part * 100) / whole) / 100 : null;
}
