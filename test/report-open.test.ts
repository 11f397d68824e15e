// The report's workbook and Word document opened as a reader opens them: LibreOffice (headless)
// converts each to PDF, and the PDF's text (poppler) must hold the report's Vietnamese words —
// every word of every table heading and row label, the section and table titles — so a
// column cut off the printed page, a glyph the fonts lack or a file LibreOffice cannot open
// fails. Skipped without LibreOffice; CI installs it (.ci/run), and there a missing one fails.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/features/reports/report-definitions.js';
import type { ReportDocument } from '../src/features/reports/report-model.js';
import { convertToPdf, findSoffice, pdfPages, pdfText } from '../src/features/reports/office-render.js';
import { neutraliseText } from '../src/features/reports/neutralise.js';
import { writeReportFiles } from '../src/features/reports/write-report-files.js';
import { storeContext } from '../src/access/viewer-store.js';
import { createSnapshot, whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { useFreshDatabase } from './support/database.js';
import { wholeStore } from './support/store.js';

const soffice = await findSoffice();
if (!soffice) {
  console.warn('The LibreOffice report test is skipped: no soffice on PATH (apt-get install --no-install-recommends libreoffice-writer libreoffice-calc poppler-utils fonts-liberation2).');
}

/** The words of a text as pdftotext gives them back: NFC, split on white space and en dashes (a cell may wrap after one), outer punctuation dropped. */
const wordsOf = (text: string) =>
  text
    .normalize('NFC')
    .split(/[\s–]+/u)
    .map((word) => word.replace(/^[("“'‘]+|[)"”'’.,;:]+$/gu, ''))
    .filter((word) => word.length > 0);

describe.skipIf(!soffice && process.env.CI !== 'true')('the report opened in LibreOffice', () => {
  const store = useFreshDatabase();
  let work: string;
  let report: ReportDocument;
  const pdf = { xlsx: '', docx: '' };

  beforeAll(async () => {
    if (!soffice) throw new Error('LibreOffice (soffice) is not installed; CI installs it in .ci/run');
    work = await mkdtemp(path.join(os.tmpdir(), 'chibo-report-open-'));
    process.env.CHIBO_SNAPSHOT_DIR = path.join(work, 'snapshots');
    await seedProvince(store.current(), { scale: 12, seed: 3 });
    const created = await createSnapshot({ ctx: storeContext(store.current(), null), input: { label: 'Số liệu đại hội' }, query: {} });
    await whenBuilt(created.id);
    const snapshot = await wholeStore().snapshot.findUniqueOrThrow({ where: { id: created.id } });
    expect(snapshot.status, snapshot.error ?? '').toBe('READY');
    const province = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } });
    report = await buildReport(
      { snapshot, scopeUnitId: null },
      { kind: 'TERM', unitId: province.id, fromYear: 2021, toYear: 2025, structureOn: null },
      { id: province.id, code: province.code, name: province.name },
    );
    const folder = path.join(work, 'bao-cao');
    await writeReportFiles(report, ['xlsx', 'docx'], folder);
    const [xlsx, docx] = await convertToPdf(soffice, [path.join(folder, 'bao-cao.xlsx'), path.join(folder, 'bao-cao.docx')], work);
    Object.assign(pdf, { xlsx, docx });
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Every word the tables show as text: titles, headings, row labels and units; the section titles too where they are printed (not a sheet's name). */
  const tableWords = (sectionTitles: boolean) =>
    report.sections.flatMap((section) => [
      ...(sectionTitles ? wordsOf(section.title) : []),
      ...section.tables.flatMap((table) => [
        ...wordsOf(table.title),
        ...table.headings.flatMap((heading) => wordsOf(neutraliseText(heading))),
        ...table.rows.flatMap((cells) => cells.flatMap((cell) => (typeof cell.value === 'string' ? wordsOf(neutraliseText(cell.value)) : []))),
      ]),
    ]);

  it('prints the workbook: a page at least for every sheet, every word of its tables on them', async () => {
    // A sheet a section, the charts' sheet and the notes.
    expect(await pdfPages(pdf.xlsx)).toBeGreaterThanOrEqual(report.sections.length + 2);
    const printed = new Set(wordsOf(await pdfText(pdf.xlsx)));
    const missing = [...new Set(tableWords(false))].filter((word) => !printed.has(word));
    expect(missing, 'words of the tables not found in the printed workbook').toEqual([]);
    for (const word of wordsOf(report.title)) expect(printed, `title word ${word}`).toContain(word);
    for (const chart of report.sections.flatMap((section) => section.charts)) {
      for (const word of wordsOf(chart.title)) expect(printed, `chart title word ${word}`).toContain(word);
    }
  });

  it('prints the Word document: every word of its tables, and an appendix a chart', async () => {
    const charts = report.sections.flatMap((section) => section.charts);
    // The tables, then a page a chart.
    expect(await pdfPages(pdf.docx)).toBeGreaterThan(charts.length);
    const text = await pdfText(pdf.docx);
    const printed = new Set(wordsOf(text));
    const missing = [...new Set(tableWords(true))].filter((word) => !printed.has(word));
    expect(missing, 'words of the tables not found in the printed document').toEqual([]);
    for (let number = 1; number <= charts.length; number++) expect(text).toContain(`Phụ lục ${number}`);
    for (const line of report.missing) for (const word of wordsOf(line)) expect(printed, `note word ${word}`).toContain(word);
  });
});
