// `npm run report:pictures [-- --out analytics/report-pictures] [--keep DIR]`: pictures of the
// demo's term report as a reader sees it. It seeds the demo province into an in-memory store
// (the configured store is not opened), builds a snapshot in a temporary folder, writes the term
// report 2021–2025, opens the workbook and the Word document in LibreOffice (headless, converted
// to PDF), renders chosen pages to PNG at 80 dpi with poppler and writes them, with two of the
// report's charts, into --out. --keep DIR also keeps the report's files and both PDFs there.
// Needs `soffice` (LibreOffice) and poppler's `pdftoppm` on PATH.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { storeContext } from '../access/viewer-store.js';
import { useDatabase } from '../db/client.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { generateReport } from '../features/reports/generate-report.js';
import { convertToPdf, findSoffice, pdfPagePng, pdfPages, pdfText } from '../features/reports/office-render.js';
import { chartHeight, chartSvg, CHART_WIDTH, svgToPng } from '../features/reports/render-charts.js';
import { createSnapshot, whenBuilt, whenBuildsDone } from '../features/snapshots/snapshots.service.js';
import { DEMO_SCALE, DEMO_SEED } from '../seed/demo.js';
import { seedProvince } from '../seed/seed-province.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'analytics/report-pictures' }, keep: { type: 'string' } } });
const outDir = path.resolve(values.out!);

/** The pages shown: which file, the first page whose text holds `find`, the picture's name. */
const PAGES = [
  { from: 'docx', find: 'BÁO CÁO SỐ LIỆU', name: 'docx-trang-dau' },
  { from: 'docx', find: 'So sánh các đơn vị trực thuộc', name: 'docx-so-sanh-don-vi' },
  { from: 'docx', find: 'Phụ lục 2', name: 'docx-phu-luc' },
  { from: 'xlsx', find: 'Chất lượng sinh hoạt chi bộ', name: 'xlsx-chat-luong-sinh-hoat' },
  { from: 'xlsx', find: 'So sánh các đơn vị trực thuộc', name: 'xlsx-so-sanh-don-vi' },
] as const;
/** The charts shown, by key, drawn at their own size (the report's PNG is twice it, for print). */
const CHARTS = ['xep-loai-chi-bo', 'so-sanh-don-vi'];

const soffice = await findSoffice();
if (!soffice) {
  console.error('LibreOffice is not installed (no soffice on PATH). On Debian/Ubuntu, as root:\n  apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc poppler-utils fonts-liberation2');
  process.exit(2);
}

const work = values.keep ? path.resolve(values.keep) : await mkdtemp(path.join(os.tmpdir(), 'chibo-report-pictures-'));
await mkdir(work, { recursive: true });
process.env.CHIBO_SNAPSHOT_DIR = path.join(work, 'snapshots');
const database = await openDatabase({ inMemory: true });
try {
  useDatabase(database);
  await migrateDatabase(database);
  console.log(`Seeding the demo province (${DEMO_SCALE} cells, seed ${DEMO_SEED}) into an in-memory store…`);
  await seedProvince(database, { scale: DEMO_SCALE, seed: DEMO_SEED });
  const created = await createSnapshot({ ctx: storeContext(database, null), input: { label: 'Số liệu mẫu' }, query: {} });
  await whenBuilt(created.id);
  const snapshot = await database.prisma.snapshot.findUniqueOrThrow({ where: { id: created.id } });
  if (snapshot.status !== 'READY') throw new Error(`the snapshot failed: ${snapshot.error}`);
  const province = await database.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null }, orderBy: { id: 'asc' } });

  const folder = path.join(work, 'bao-cao');
  const { report } = await generateReport(
    { snapshot, scopeUnitId: null },
    { kind: 'TERM', unitId: province.id, fromYear: 2021, toYear: 2025, structureOn: null },
    ['xlsx', 'docx'],
    folder,
  );
  console.log(`${report.title}: opening the workbook and the Word document in LibreOffice…`);
  const [xlsxPdf, docxPdf] = await convertToPdf(soffice, [path.join(folder, 'bao-cao.xlsx'), path.join(folder, 'bao-cao.docx')], work);
  const pdfs = { xlsx: xlsxPdf!, docx: docxPdf! };
  const pageCounts = { xlsx: await pdfPages(pdfs.xlsx), docx: await pdfPages(pdfs.docx) };
  console.log(`  bao-cao.xlsx: ${pageCounts.xlsx} pages, bao-cao.docx: ${pageCounts.docx} pages`);

  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) if (name.endsWith('.png')) await rm(path.join(outDir, name));
  for (const { from, find, name } of PAGES) {
    let page = 1;
    while (page <= pageCounts[from] && !(await pdfText(pdfs[from], page)).includes(find)) page++;
    if (page > pageCounts[from]) throw new Error(`no page of bao-cao.${from} shows "${find}"`);
    await pdfPagePng(pdfs[from], page, path.join(outDir, name));
    console.log(`  ${path.join(values.out!, `${name}.png`)}  (bao-cao.${from}, page ${page} of ${pageCounts[from]})`);
  }
  const charts = report.sections.flatMap((section) => section.charts);
  for (const key of CHARTS) {
    const chart = charts.find((candidate) => candidate.key === key);
    if (!chart) throw new Error(`the report has no chart ${key}`);
    await writeFile(path.join(outDir, `bieu-do-${key}.png`), svgToPng(chartSvg(chart), 1));
    console.log(`  ${path.join(values.out!, `bieu-do-${key}.png`)}  (${CHART_WIDTH}×${chartHeight(chart)})`);
  }
  if (values.keep) console.log(`The report's files and its PDFs are kept in ${work}`);
} finally {
  await whenBuildsDone();
  await database.close();
  if (!values.keep) await rm(work, { recursive: true, force: true });
}
