// The term report (báo cáo nhiệm kỳ) and the yearly report (báo cáo năm) of a unit, read from a
// snapshot through the measure engine only: every figure in a table is one value of runMeasures,
// so a report says exactly what `measures` says on the same snapshot. The term-total column is
// the engine's reading of the span (stocks at its edge, flows summed, shares recomputed).
import { ValidationError, type FieldIssue } from '../../errors.js';
import { message } from '../../text/messages.js';
import { labels } from '../../text/labels.js';
import type { SnapshotSource } from '../analytics/analytics.service.js';
import { measureInfo, measureValue, type Measure } from '../analytics/measures/catalogue.js';
import { MAX_YEARS, runMeasures, type MeasureRequest, type MeasureRow } from '../analytics/measures/measure-query.js';
import type { CellFormat, ReportCell, ReportChart, ReportDocument, ReportKind, ReportSection, ReportTable } from './report-model.js';

export interface ReportRequest {
  kind: ReportKind;
  unitId: number;
  /** The term's first year; a yearly report compares toYear with the year before. */
  fromYear: number;
  toYear: number;
  /** Group by the structure on this day (ISO date) instead of today's. */
  structureOn: string | null;
}

/** The five years of a term ending in `toYear`. */
export const TERM_YEARS = 5;

/** What each row counts (đơn vị tính), as the statistics forms print it. */
const measureUnit: Partial<Record<Measure, string>> = {
  CELLS: 'chi bộ',
  CELLS_DUE_TO_MEET: 'chi bộ',
  MEMBERS_AT_START: 'đảng viên',
  MEMBERS_AT_END: 'đảng viên',
  ADMITTED: 'đảng viên',
  ADMITTED_INTO_CELLS: 'đảng viên',
  ADMITTED_WOMEN: 'đảng viên',
  ADMITTED_ETHNIC_MINORITIES: 'đảng viên',
  ADMITTED_YOUTH_UNION: 'đảng viên',
  ADMITTED_AGED_18_TO_30: 'đảng viên',
  RECOGNISED_OFFICIAL: 'đảng viên',
  MEMBERS_GONE: 'đảng viên',
  MEMBERS_TRANSFERRED_OUT: 'đảng viên',
  MEMBERS_DECEASED: 'đảng viên',
  MEMBERS_REMOVED: 'đảng viên',
  MEMBERS_EXPELLED: 'đảng viên',
  MEMBERS_AT_RISK: 'đảng viên',
  MEMBERS_LEFT_PARTY: 'đảng viên',
  MEMBERS_RESTORED: 'đảng viên',
  TRANSFERS_IN: 'đảng viên',
  TRANSFERS_IN_SAME_DISTRICT: 'đảng viên',
  TRANSFERS_IN_SAME_PROVINCE: 'đảng viên',
  TRANSFERS_IN_OTHER_PROVINCE: 'đảng viên',
  TRANSFERS_OUT: 'đảng viên',
  TRANSFERS_OUT_SAME_DISTRICT: 'đảng viên',
  TRANSFERS_OUT_SAME_PROVINCE: 'đảng viên',
  TRANSFERS_OUT_OTHER_PROVINCE: 'đảng viên',
  ADMISSION_TARGET: 'đảng viên',
  MEMBERS_WOMEN: 'đảng viên',
  MEMBERS_ETHNIC_MINORITIES: 'đảng viên',
  MEMBERS_PROBATIONARY: 'đảng viên',
  MEMBERS_AGED_UP_TO_30: 'đảng viên',
  MEMBERS_AGED_31_TO_40: 'đảng viên',
  MEMBERS_AGED_41_TO_50: 'đảng viên',
  MEMBERS_AGED_51_TO_60: 'đảng viên',
  MEMBERS_AGED_61_TO_70: 'đảng viên',
  MEMBERS_AGED_OVER_70: 'đảng viên',
  MEMBERS_COMPLETED: 'đảng viên',
  MEMBERS_NOT_RATED: 'đảng viên',
  CELLS_GOOD: 'chi bộ',
  GRASSROOTS_AT_START: 'tổ chức',
  GRASSROOTS_AT_END: 'tổ chức',
  GRASSROOTS_COMMITTEES_AT_START: 'đảng bộ',
  GRASSROOTS_COMMITTEES_AT_END: 'đảng bộ',
  GRASSROOTS_CELLS_AT_START: 'chi bộ',
  GRASSROOTS_CELLS_AT_END: 'chi bộ',
  SUB_COMMITTEES_AT_START: 'đảng bộ',
  SUB_COMMITTEES_AT_END: 'đảng bộ',
  CELLS_UNDER_COMMITTEES_AT_START: 'chi bộ',
  CELLS_UNDER_COMMITTEES_AT_END: 'chi bộ',
  CELLS_AT_START: 'chi bộ',
  CELLS_AT_END: 'chi bộ',
  CELLS_RATED: 'chi bộ',
  CELLS_EXCELLENT: 'chi bộ',
  CELLS_GOOD_OR_BETTER: 'chi bộ',
  CELLS_COMPLETED: 'chi bộ',
  CELLS_NOT_COMPLETED: 'chi bộ',
  CELLS_NOT_RATED: 'chi bộ',
  CELLS_RATING_MISSING: 'chi bộ',
  MEMBERS_RATED: 'đảng viên',
  MEMBERS_EXCELLENT: 'đảng viên',
  MEMBERS_GOOD: 'đảng viên',
  MEMBERS_GOOD_OR_BETTER: 'đảng viên',
  MEMBERS_NOT_COMPLETED: 'đảng viên',
  CELLS_MEETINGS_SCORED: 'chi bộ',
  CELLS_MEETINGS_GOOD: 'chi bộ',
  CELLS_MEETINGS_FAIR: 'chi bộ',
  CELLS_MEETINGS_AVERAGE: 'chi bộ',
  CELLS_MEETINGS_POOR: 'chi bộ',
  CELLS_EVERY_MONTH: 'chi bộ',
  CELLS_VISITED: 'chi bộ',
  CELLS_EXEMPLARY: 'chi bộ',
  MEETINGS: 'buổi',
  SCORED_MEETINGS: 'buổi',
  GOOD_MEETINGS: 'buổi',
  FAIR_MEETINGS: 'buổi',
  AVERAGE_LEVEL_MEETINGS: 'buổi',
  POOR_MEETINGS: 'buổi',
  THEMATIC_MEETINGS: 'buổi',
  VISITED_MEETINGS: 'buổi',
  EXPECTED_ATTENDANCE: 'lượt',
  PRESENT: 'lượt',
  VISITS: 'lượt',
  AVERAGE_SCORE: 'điểm',
  THEMATIC_PER_CELL_QUARTER: 'buổi/chi bộ/quý',
  PLAN_ITEMS: 'chuyên đề',
  PLAN_ITEMS_HELD: 'chuyên đề',
  RECOGNISED_CLEAN_STRONG: 'tổ chức',
  RECOGNISED_FOUR_GOOD: 'chi bộ',
  RECOGNISED_EXEMPLARY: 'tổ chức',
};

interface SectionSpec {
  key: string;
  title: string;
  tableTitle: string;
  measures: Measure[];
}

const sectionSpecs: SectionSpec[] = [
  {
    key: 'to-chuc',
    title: 'Tổ chức đảng',
    tableTitle: 'Tổ chức cơ sở đảng và chi bộ',
    measures: [
      'GRASSROOTS_AT_START',
      'GRASSROOTS_AT_END',
      'GRASSROOTS_COMMITTEES_AT_START',
      'GRASSROOTS_COMMITTEES_AT_END',
      'GRASSROOTS_CELLS_AT_START',
      'GRASSROOTS_CELLS_AT_END',
      'SUB_COMMITTEES_AT_START',
      'SUB_COMMITTEES_AT_END',
      'CELLS_UNDER_COMMITTEES_AT_START',
      'CELLS_UNDER_COMMITTEES_AT_END',
      'CELLS_AT_START',
      'CELLS_AT_END',
      'CELLS',
      'CELLS_DUE_TO_MEET',
    ],
  },
  {
    key: 'dang-vien',
    title: 'Đảng viên',
    tableTitle: 'Đảng viên: đầu kỳ, tăng, giảm, cuối kỳ',
    measures: [
      'MEMBERS_AT_START',
      'ADMITTED_INTO_CELLS',
      'TRANSFERS_IN',
      'TRANSFERS_IN_SAME_DISTRICT',
      'TRANSFERS_IN_SAME_PROVINCE',
      'TRANSFERS_IN_OTHER_PROVINCE',
      'MEMBERS_RESTORED',
      'RECOGNISED_OFFICIAL',
      'MEMBERS_GONE',
      'MEMBERS_DECEASED',
      'MEMBERS_REMOVED',
      'MEMBERS_EXPELLED',
      'MEMBERS_LEFT_PARTY',
      'MEMBERS_TRANSFERRED_OUT',
      'TRANSFERS_OUT',
      'TRANSFERS_OUT_SAME_DISTRICT',
      'TRANSFERS_OUT_SAME_PROVINCE',
      'TRANSFERS_OUT_OTHER_PROVINCE',
      'MEMBERS_AT_END',
    ],
  },
  {
    key: 'co-cau',
    title: 'Cơ cấu đảng viên',
    tableTitle: 'Đảng viên cuối kỳ: nữ, dân tộc thiểu số, dự bị, độ tuổi',
    measures: [
      'MEMBERS_AT_END',
      'MEMBERS_WOMEN',
      'MEMBERS_ETHNIC_MINORITIES',
      'MEMBERS_PROBATIONARY',
      'MEMBERS_AGED_UP_TO_30',
      'MEMBERS_AGED_31_TO_40',
      'MEMBERS_AGED_41_TO_50',
      'MEMBERS_AGED_51_TO_60',
      'MEMBERS_AGED_61_TO_70',
      'MEMBERS_AGED_OVER_70',
    ],
  },
  {
    key: 'xep-loai',
    title: 'Xếp loại',
    tableTitle: 'Kết quả xếp loại chất lượng tổ chức đảng và đảng viên',
    measures: [
      'CELLS_RATED',
      'CELLS_EXCELLENT',
      'CELLS_GOOD',
      'CELLS_GOOD_OR_BETTER',
      'CELLS_COMPLETED',
      'CELLS_NOT_COMPLETED',
      'CELLS_NOT_RATED',
      'CELLS_RATING_MISSING',
      'CELLS_EXCELLENT_PERCENT',
      'CELLS_GOOD_PERCENT',
      'CELLS_GOOD_OR_BETTER_PERCENT',
      'CELLS_COMPLETED_PERCENT',
      'CELLS_NOT_COMPLETED_PERCENT',
      'MEMBERS_RATED',
      'MEMBERS_EXCELLENT',
      'MEMBERS_GOOD',
      'MEMBERS_GOOD_OR_BETTER',
      'MEMBERS_COMPLETED',
      'MEMBERS_NOT_COMPLETED',
      'MEMBERS_NOT_RATED',
      'MEMBERS_EXCELLENT_PERCENT',
      'MEMBERS_GOOD_PERCENT',
      'MEMBERS_GOOD_OR_BETTER_PERCENT',
      'MEMBERS_COMPLETED_PERCENT',
      'MEMBERS_NOT_COMPLETED_PERCENT',
    ],
  },
  {
    key: 'sinh-hoat',
    title: 'Chất lượng sinh hoạt',
    tableTitle: 'Chất lượng sinh hoạt chi bộ',
    measures: [
      'CELLS_MEETINGS_SCORED',
      'CELLS_MEETINGS_GOOD',
      'CELLS_MEETINGS_FAIR',
      'CELLS_MEETINGS_AVERAGE',
      'CELLS_MEETINGS_POOR',
      'CELLS_MEETINGS_GOOD_PERCENT',
      'CELLS_MEETINGS_FAIR_PERCENT',
      'MEETINGS',
      'SCORED_MEETINGS',
      'GOOD_MEETINGS',
      'FAIR_MEETINGS',
      'AVERAGE_LEVEL_MEETINGS',
      'POOR_MEETINGS',
      'GOOD_PERCENT',
      'AVERAGE_SCORE',
      'CELLS_EVERY_MONTH',
      'CELLS_EVERY_MONTH_PERCENT',
      'REGULAR_PERCENT',
      'THEMATIC_MEETINGS',
      'THEMATIC_PER_CELL_QUARTER',
      'PLAN_ITEMS',
      'PLAN_ITEMS_HELD',
      'PLAN_ITEMS_HELD_PERCENT',
      'EXPECTED_ATTENDANCE',
      'PRESENT',
      'ATTENDANCE_PERCENT',
    ],
  },
  {
    key: 'ket-nap',
    title: 'Kết nạp đảng viên',
    tableTitle: 'Kết nạp đảng viên',
    measures: ['ADMISSION_TARGET', 'ADMITTED', 'ADMITTED_OF_TARGET_PERCENT', 'ADMITTED_WOMEN', 'ADMITTED_ETHNIC_MINORITIES', 'ADMITTED_YOUTH_UNION', 'ADMITTED_AGED_18_TO_30'],
  },
  {
    key: 'giam-sat',
    title: 'Kiểm tra, giám sát',
    tableTitle: 'Cấp trên dự sinh hoạt chi bộ',
    measures: ['VISITS', 'VISITED_MEETINGS', 'VISITED_MEETINGS_PERCENT', 'CELLS_VISITED', 'CELLS_VISITED_PERCENT', 'MEMBERS_AT_RISK'],
  },
  {
    key: 'cong-nhan',
    title: 'Công nhận',
    tableTitle: 'Tổ chức đảng được công nhận',
    measures: ['RECOGNISED_CLEAN_STRONG', 'RECOGNISED_FOUR_GOOD', 'RECOGNISED_EXEMPLARY', 'CELLS_EXEMPLARY', 'CELLS_EXEMPLARY_PERCENT'],
  },
];

/** The measures the units are compared on, and the one they are ranked by. */
export const COMPARED_MEASURES: Measure[] = [
  'CELLS',
  'MEMBERS_AT_END',
  'ADMITTED',
  'CELLS_MEETINGS_GOOD_PERCENT',
  'CELLS_GOOD_OR_BETTER_PERCENT',
  'MEMBERS_GOOD_OR_BETTER_PERCENT',
  'ATTENDANCE_PERCENT',
];
export const RANKED_BY: Measure = 'CELLS_MEETINGS_GOOD_PERCENT';

/** The label of the organisation row no single measure holds (counted from the engine's rows). */
export const GRASSROOTS_LABEL = 'Số tổ chức cơ sở đảng có chi bộ';

/** Rows of the statistics forms (Hướng dẫn 11-HD/BTCTW) that no measure of the catalogue answers yet. */
export const MISSING_ROWS = [
  'Biểu 1: đảng viên bị xóa tên chia theo dự bị, chính thức',
  'Biểu 2: đảng viên kết nạp theo nghề nghiệp, trình độ; kết nạp lại; tổ chức cơ sở đảng không còn quần chúng để kết nạp',
  'Biểu 3: đảng viên theo tôn giáo, nghề nghiệp, trình độ, thời kỳ vào Đảng (hồ sơ đảng viên chưa có các thông tin này)',
  'Biểu 5: tổ chức cơ sở đảng theo loại hình (chỉ tiêu có theo loại hình chi bộ, báo cáo chưa có bảng này)',
  'Biểu 6: xếp loại tổ chức cơ sở đảng (chỉ có xếp loại chi bộ và đảng viên)',
  'Kiểm tra, giám sát: số cuộc kiểm tra, giám sát theo chương trình; đảng viên bị kỷ luật',
];

const formatOf = (measure: Measure): CellFormat => {
  const kind = measureInfo(measure).kind;
  return kind === 'PERCENT' ? 'percent' : kind === 'COUNT' ? 'count' : 'decimal';
};
const text = (value: string): ReportCell => ({ value, format: 'text' });

/**
 * A count of a yearly state — cells or members by the year's rating or meeting quality — added
 * up over a term counts unit-years, not units (300 "cells" for 60 cells over five years): its
 * term-total cell stays empty, and the recomputed share beside it carries the term.
 */
export function isYearlyState(measure: Measure): boolean {
  const info = measureInfo(measure);
  return info.kind === 'COUNT' && info.overYears === 'SUM' && info.dimensions.includes('RATING_LEVEL');
}

/** 2 December 2026, 07:05 in Vietnam: "02/12/2026 07:05". */
export function vietnamDateTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** Checks a request; every problem names its field. */
export function checkReportRequest(request: ReportRequest): void {
  const problems: FieldIssue[] = [];
  if (!Number.isInteger(request.fromYear) || request.fromYear < 1930 || request.fromYear > 2200) problems.push({ field: 'fromYear', message: message('YEAR_RANGE') });
  if (!Number.isInteger(request.toYear) || request.toYear < request.fromYear || request.toYear - request.fromYear >= MAX_YEARS) {
    problems.push({ field: 'toYear', message: message('YEAR_SPAN', { from: 'fromYear', max: MAX_YEARS }) });
  }
  if (request.structureOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(request.structureOn)) problems.push({ field: 'structureOn', message: message('ISO_DATE') });
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The years a report shows: the term's, or the year before and the year. */
export function reportYears(request: ReportRequest): number[] {
  const from = request.kind === 'YEAR' ? request.toYear - 1 : request.fromYear;
  return Array.from({ length: request.toYear - from + 1 }, (_, index) => from + index);
}

/** Reads the report of a unit from a snapshot (the source binds the viewer's scope). */
export async function buildReport(source: SnapshotSource, request: ReportRequest, unit: { id: number; code: string; name: string }): Promise<ReportDocument> {
  checkReportRequest(request);
  const years = reportYears(request);
  const fromYear = years[0]!;
  const toYear = request.toYear;
  const base = { unitId: unit.id, fromYear, toYear, structureOn: request.structureOn, dimensions: [] } satisfies Partial<MeasureRequest>;
  const ask = (extra: Partial<MeasureRequest> & Pick<MeasureRequest, 'measures'>) => runMeasures(source, { ...base, ...extra });

  const structure = request.structureOn
    ? `theo cơ cấu tổ chức ngày ${request.structureOn.split('-').reverse().join('/')}`
    : 'theo cơ cấu tổ chức hiện nay';
  const { snapshot } = source;
  const sourceLine = `Nguồn: bản chụp số liệu "${snapshot.label}" (số ${snapshot.id}), chốt lúc ${vietnamDateTime(snapshot.asOf)}; ${structure}.`;

  const yearHeadings =
    request.kind === 'TERM'
      ? [...years.map((year) => `Năm ${year}`), `Cả nhiệm kỳ ${fromYear}–${toYear}`]
      : [`Năm nay (${toYear})`, `Cùng kỳ năm trước (${toYear - 1})`, 'Tỷ lệ so với cùng kỳ (%)'];
  const headings = ['Chỉ tiêu', 'Đơn vị tính', ...yearHeadings];
  const widths = [58, 14, ...yearHeadings.map((heading) => Math.max(12, heading.length + 2))];

  /** One row per measure: its yearly values and the term's, or this year, last year and the ratio. */
  const measureRows = async (measures: Measure[]): Promise<{ rows: ReportCell[][]; byYear: Map<number, MeasureRow> }> => {
    const yearly = await ask({ measures, dimensions: ['YEAR'] });
    const byYear = new Map(yearly.map((row) => [Number(row.keys[0]!.value), row]));
    const span = request.kind === 'TERM' ? (await ask({ measures }))[0]! : null;
    const rows = measures.map((measure, index): ReportCell[] => {
      const format = formatOf(measure);
      const value = (year: number) => byYear.get(year)?.values[index] ?? measureValue(measure, {});
      const label = [text(measureInfo(measure).label), text(measureUnit[measure] ?? (format === 'percent' ? '%' : ''))];
      if (span) return [...label, ...years.map((year) => ({ value: value(year), format })), { value: isYearlyState(measure) ? null : (span.values[index] ?? null), format }];
      const now = value(toYear);
      const before = value(toYear - 1);
      return [...label, { value: now, format }, { value: before, format }, { value: format === 'percent' ? null : ratio(now, before), format: 'percent' }];
    });
    return { rows, byYear };
  };

  const sections: ReportSection[] = [];
  const charts = new Map<string, ReportChart[]>();
  const tablesOf = new Map<string, ReportTable[]>();
  const yearLabels = years.map(String);

  for (const spec of sectionSpecs) {
    const { rows, byYear } = await measureRows(spec.measures);
    const tables: ReportTable[] = [];
    if (spec.key === 'to-chuc') rows.unshift(await grassrootsRow(ask, request.kind, years));
    tables.push({ key: spec.key, title: spec.tableTitle, headings, rows, widths });
    if (spec.key === 'to-chuc') tables.push(await cellsByCategory(ask, request.kind, years, headings, widths));
    tablesOf.set(spec.key, tables);
    const series = (measure: Measure) => ({
      name: measureInfo(measure).label,
      values: years.map((year) => byYear.get(year)?.values[spec.measures.indexOf(measure)] ?? measureValue(measure, {})),
    });
    if (spec.key === 'dang-vien') {
      charts.set(spec.key, [
        { key: 'dang-vien-xu-huong', title: 'Đảng viên cuối năm qua các năm', kind: 'trend', categories: yearLabels, series: [series('MEMBERS_AT_END')], axisLabel: 'đảng viên' },
      ]);
    }
    if (spec.key === 'sinh-hoat') {
      charts.set(spec.key, [
        {
          key: 'sinh-hoat-muc',
          title: 'Chi bộ theo mức chất lượng sinh hoạt cả năm',
          kind: 'stacked',
          categories: yearLabels,
          series: (['CELLS_MEETINGS_GOOD', 'CELLS_MEETINGS_FAIR', 'CELLS_MEETINGS_AVERAGE', 'CELLS_MEETINGS_POOR'] as const).map((measure, index) => ({
            ...series(measure),
            name: ['Tốt', 'Khá', 'Trung bình', 'Kém'][index]!,
          })),
          axisLabel: 'chi bộ',
        },
      ]);
    }
    if (spec.key === 'ket-nap') {
      charts.set(spec.key, [{ key: 'ket-nap-xu-huong', title: 'Kết nạp đảng viên qua các năm', kind: 'trend', categories: yearLabels, series: [series('ADMITTED')], axisLabel: 'đảng viên' }]);
    }
  }
  charts.set('xep-loai', [await ratingLevelsChart(ask, years)]);

  for (const spec of sectionSpecs) {
    sections.push({ key: spec.key, title: spec.title, tables: tablesOf.get(spec.key)!, charts: charts.get(spec.key) ?? [] });
  }
  const compared = await comparedUnits(ask, toYear);
  sections.push({ key: 'so-sanh', title: 'So sánh đơn vị trực thuộc', tables: [compared.table], charts: [compared.chart] });

  const title =
    request.kind === 'TERM'
      ? `Báo cáo số liệu nhiệm kỳ ${fromYear}–${toYear} – ${unit.name}`
      : `Báo cáo số liệu năm ${toYear} – ${unit.name}`;
  return {
    kind: request.kind,
    title,
    unit,
    fromYear,
    toYear,
    snapshot: { id: snapshot.id, label: snapshot.label, asOf: snapshot.asOf },
    structure,
    source: sourceLine,
    sections,
    missing: MISSING_ROWS,
  };
}

type Ask = (extra: Partial<MeasureRequest> & Pick<MeasureRequest, 'measures'>) => Promise<MeasureRow[]>;

/** This year against last, in percent with one decimal; none when last year counted nothing. */
export function ratio(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before <= 0) return null;
  return Math.round((now * 1000) / before) / 10;
}

/**
 * Grassroots organisations (tổ chức cơ sở đảng) with a cell in the year: the engine's CELLS
 * grouped by grassroots organisation, counting the groups with a cell. Over the term, at its end.
 */
async function grassrootsRow(ask: Ask, kind: ReportKind, years: number[]): Promise<ReportCell[]> {
  const yearly = await ask({ measures: ['CELLS'], dimensions: ['UNIT', 'YEAR'], unitLevel: 'GRASSROOTS' });
  const count = (year: number) => yearly.filter((row) => Number(row.keys[1]!.value) === year && (row.values[0] ?? 0) > 0).length;
  const label = [text(GRASSROOTS_LABEL), text('tổ chức')];
  const last = years[years.length - 1]!;
  if (kind === 'TERM') return [...label, ...years.map((year) => ({ value: count(year), format: 'count' as const })), { value: count(last), format: 'count' }];
  return [...label, { value: count(last), format: 'count' }, { value: count(last - 1), format: 'count' }, { value: ratio(count(last), count(last - 1)), format: 'percent' }];
}

/** Cells by where they work (loại hình), each year; over the term, those of its last year. */
async function cellsByCategory(ask: Ask, kind: ReportKind, years: number[], headings: string[], widths: number[]): Promise<ReportTable> {
  const yearly = await ask({ measures: ['CELLS'], dimensions: ['YEAR', 'CELL_CATEGORY'] });
  const categories = Object.keys(labels.UnitCategory) as (keyof typeof labels.UnitCategory)[];
  const value = (year: number, category: string) =>
    yearly.find((row) => Number(row.keys[0]!.value) === year && row.keys[1]!.value === category)?.values[0] ?? 0;
  const span = kind === 'TERM' ? await ask({ measures: ['CELLS'], dimensions: ['CELL_CATEGORY'] }) : [];
  const last = years[years.length - 1]!;
  const rows = categories
    .filter((category) => yearly.some((row) => row.keys[1]!.value === category))
    .map((category): ReportCell[] => {
      const label = [text(`Chi bộ ${labels.UnitCategory[category].toLowerCase()}`), text('chi bộ')];
      if (kind === 'TERM') {
        const term = span.find((row) => row.keys[0]!.value === category)?.values[0] ?? 0;
        return [...label, ...years.map((year) => ({ value: value(year, category), format: 'count' as const })), { value: term, format: 'count' }];
      }
      return [...label, { value: value(last, category), format: 'count' }, { value: value(last - 1, category), format: 'count' }, { value: ratio(value(last, category), value(last - 1, category)), format: 'percent' }];
    });
  return { key: 'chi-bo-loai-hinh', title: 'Chi bộ theo loại hình', headings, rows, widths };
}

/** Cells by their yearly rating level, for the stacked bars: the engine's CELLS_RATED by RATING_LEVEL. */
async function ratingLevelsChart(ask: Ask, years: number[]): Promise<ReportChart> {
  const rows = await ask({ measures: ['CELLS_RATED'], dimensions: ['YEAR', 'RATING_LEVEL'] });
  const levels = [...new Set(rows.map((row) => row.keys[1]!.value).filter((level): level is string => typeof level === 'string' && level !== 'NOT_RATED'))];
  const order = Object.keys(labels.RatingLevel);
  levels.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    key: 'xep-loai-chi-bo',
    title: 'Chi bộ theo mức xếp loại chất lượng',
    kind: 'stacked',
    categories: years.map(String),
    series: levels.map((level) => ({
      name: labels.RatingLevel[level as keyof typeof labels.RatingLevel] ?? level,
      values: years.map((year) => rows.find((row) => Number(row.keys[0]!.value) === year && row.keys[1]!.value === level)?.values[0] ?? 0),
    })),
    axisLabel: 'chi bộ',
  };
}

/**
 * Standard competition ranks (1 for the largest; equal values share a rank, the next rank
 * skips): units with no value have no rank.
 */
export function competitionRanks(values: (number | null)[]): (number | null)[] {
  return values.map((value) => (value === null ? null : 1 + values.filter((other) => other !== null && other > value).length));
}

/** The units directly under the unit on the latest year, with their rank. */
async function comparedUnits(ask: Ask, year: number): Promise<{ table: ReportTable; chart: ReportChart }> {
  const rows = await ask({ measures: COMPARED_MEASURES, dimensions: ['UNIT'], fromYear: year, toYear: year });
  const rankedIndex = COMPARED_MEASURES.indexOf(RANKED_BY);
  const ranks = competitionRanks(rows.map((row) => row.values[rankedIndex] ?? null));
  const headings = ['TT', 'Đơn vị', ...COMPARED_MEASURES.map((measure) => measureInfo(measure).label), `Xếp hạng theo ${measureInfo(RANKED_BY).label.replace(' (%)', '').toLowerCase()}`];
  const table: ReportTable = {
    key: 'so-sanh-don-vi',
    title: `So sánh các đơn vị trực thuộc năm ${year}`,
    headings,
    widths: [5, 36, ...COMPARED_MEASURES.map(() => 16), 16],
    rows: rows.map((row, index) => [
      { value: index + 1, format: 'count' },
      text(row.unit?.unitName ?? '—'),
      ...row.values.map((value, column) => ({ value, format: formatOf(COMPARED_MEASURES[column]!) })),
      { value: ranks[index] ?? null, format: 'count' },
    ]),
  };
  const chart: ReportChart = {
    key: 'so-sanh-don-vi',
    title: `${measureInfo(RANKED_BY).label.replace(' (%)', '')} năm ${year}`,
    kind: 'compared',
    categories: rows.map((row) => row.unit?.unitName ?? '—'),
    series: [{ name: measureInfo(RANKED_BY).label, values: rows.map((row) => row.values[rankedIndex] ?? null) }],
    axisLabel: '%',
  };
  return { table, chart };
}
