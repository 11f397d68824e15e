// A report as the writers (XLSX, DOCX, CSV, charts) receive it: sections of tables and charts
// with every heading already in Vietnamese and every figure already read from a snapshot.

/** How a cell reads: text, a count, a share in percent (80.2 → "80,2%"), or a decimal figure. */
export type CellFormat = 'text' | 'count' | 'percent' | 'decimal';

export interface ReportCell {
  value: string | number | null;
  format: CellFormat;
}

export interface ReportTable {
  /** File-name-safe key, unique in the report (CSV files are named by it). */
  key: string;
  title: string;
  headings: string[];
  rows: ReportCell[][];
  /** The width of each column in characters, for the spreadsheet. */
  widths: number[];
}

export type ChartKind = 'trend' | 'stacked' | 'compared';

export interface ReportChart {
  key: string;
  title: string;
  kind: ChartKind;
  /** The categories along the axis (years, or units). */
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** What the values count, shown on the axis. */
  axisLabel: string;
}

export interface ReportSection {
  key: string;
  /** At most 31 characters: it names the spreadsheet's sheet. */
  title: string;
  tables: ReportTable[];
  charts: ReportChart[];
}

export type ReportKind = 'TERM' | 'YEAR';

export interface ReportDocument {
  kind: ReportKind;
  title: string;
  unit: { id: number; code: string; name: string };
  fromYear: number;
  toYear: number;
  snapshot: { id: number; label: string; asOf: Date };
  /** Which unit structure the units are grouped by, in Vietnamese. */
  structure: string;
  /** The line every table carries: the snapshot and the structure. */
  source: string;
  sections: ReportSection[];
  /** Rows of the statistics forms that no measure of the catalogue answers. */
  missing: string[];
}
