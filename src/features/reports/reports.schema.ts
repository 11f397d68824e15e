// Reports in GraphQL: reportCreate starts one and answers at once; node(id:) follows it; once
// READY it lists its files with their sizes and download URLs (GET /reports/<id>/<file>).
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { globalId, localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { REPORT_DOWNLOAD_PREFIX } from './report-downloads.js';
import { createReport, deleteReport, keepReport, recoverInterruptedReports, reportFiles, runningProgress } from './reports.service.js';
import { contentTypes, reportFormats, type ReportFile } from './write-report-files.js';

const ReportKindEnum = builder.enumType('ReportKind', {
  description: 'Which report (loại báo cáo). Thứ tự: không mang nghĩa.',
  values: {
    TERM: { description: 'Báo cáo nhiệm kỳ: mỗi năm một cột và cột cả nhiệm kỳ (a column a year and the term’s total).' },
    YEAR: { description: 'Báo cáo năm: năm nay so với cùng kỳ năm trước, như các biểu thống kê (the year against the year before).' },
  } as const,
});

const ReportStatusEnum = builder.enumType('ReportStatus', {
  description: 'State of a report (trạng thái báo cáo). Thứ tự: vòng đời của báo cáo: đang lập, rồi sẵn sàng hoặc lỗi, cuối cùng là đã xóa.',
  values: {
    RUNNING: { description: 'Đang lập: being read and written.' },
    READY: { description: 'Sẵn sàng: its files can be downloaded.' },
    FAILED: { description: 'Lỗi: it could not be made; `error` says why ("interrupted: …" when the process making it stopped).' },
    DELETED: { description: 'Đã xóa: its files are gone.' },
  } as const,
});

const ReportFormatEnum = builder.enumType('ReportFormat', {
  description: 'A kind of file a report is written as (định dạng tệp). Thứ tự: không mang nghĩa.',
  values: {
    XLSX: { value: 'xlsx', description: 'Sổ tính Excel: mỗi phần một trang tính, biểu đồ bên cạnh bảng (a sheet a section).' },
    DOCX: { value: 'docx', description: 'Văn bản Word: các bảng, biểu đồ thành phụ lục (tables, charts as appendices).' },
    CSV: { value: 'csv', description: 'Mỗi bảng một tệp CSV (UTF-8 có BOM, để Excel hiện đúng tiếng Việt).' },
    SVG: { value: 'svg', description: 'Mỗi biểu đồ một tệp SVG (each chart as SVG).' },
    PNG: { value: 'png', description: 'Mỗi biểu đồ một ảnh PNG (each chart as PNG).' },
  } as const satisfies Record<string, { value: (typeof reportFormats)[number]; description: string }>,
});

const ReportFileRef = builder.objectRef<{ reportId: number; file: ReportFile }>('ReportFile').implement({
  description: 'One file of a READY report.',
  fields: (t) => ({
    name: t.string({ description: 'The file’s name in the report (ASCII).', resolve: ({ file }) => file.file }),
    title: t.string({ description: 'The Vietnamese name it downloads as.', resolve: ({ file }) => file.title }),
    format: t.field({ type: ReportFormatEnum, resolve: ({ file }) => file.format }),
    contentType: t.string({ resolve: ({ file }) => contentTypes[file.format] }),
    sizeBytes: t.int({ resolve: ({ file }) => file.sizeBytes }),
    url: t.string({
      description: 'Where to GET it, with the same Authorization header as GraphQL.',
      resolve: ({ reportId, file }) => `${REPORT_DOWNLOAD_PREFIX}${encodeURIComponent(globalId('Report', reportId))}/${file.file}`,
    }),
  }),
});

builder.prismaNode('Report', {
  description: 'A term or yearly report of a unit, made from a snapshot (aggregates only).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    kind: t.expose('kind', { type: ReportKindEnum }),
    status: t.expose('status', { type: ReportStatusEnum }),
    unitId: t.id({ description: 'The Unit the report is about.', resolve: (r) => globalId('Unit', r.unitId) }),
    snapshotId: t.id({ description: 'The Snapshot it was read from.', resolve: (r) => globalId('Snapshot', r.snapshotId) }),
    fromYear: t.exposeInt('fromYear'),
    toYear: t.exposeInt('toYear'),
    structureOn: t.expose('structureOn', { type: 'Date', nullable: true, description: 'The day whose unit structure groups the units; today’s when null.' }),
    title: t.exposeString('title', { nullable: true, description: 'The report’s Vietnamese title, once READY.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it FAILED.' }),
    keep: t.exposeBoolean('keep', { description: 'Kept reports cannot be deleted.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    filesDone: t.int({ description: 'Files written so far.', resolve: (r) => runningProgress(r.id)?.done ?? r.filesDone }),
    filesTotal: t.int({ description: 'Files to write (0 until the report knows).', resolve: (r) => runningProgress(r.id)?.total ?? r.filesTotal }),
    files: t.field({
      type: [ReportFileRef],
      description: 'Once READY: its files, with sizes and download URLs.',
      resolve: (r) => (r.status === 'READY' ? reportFiles(r.files).map((file) => ({ reportId: r.id, file })) : []),
    }),
  }),
});

builder.queryFields((t) => ({
  reports: t.prismaConnection({
    type: 'Report',
    cursor: 'id',
    description: 'Reports about units of your subtree, the newest first (deleted ones left out). A report whose making process is gone reads FAILED ("interrupted: …").',
    resolve: async (query, _root, _args, ctx) => {
      await recoverInterruptedReports();
      return ctx.db.report.findMany({ ...query, where: { status: { not: 'DELETED' } }, orderBy: [{ id: 'desc' }] });
    },
    totalCount: (_root, _args, ctx) => ctx.db.report.count({ where: { status: { not: 'DELETED' } } }),
  }),
}));

const ReportCreateInput = builder.inputType('ReportCreateInput', {
  description: 'A report to make from a snapshot.',
  fields: (t) => ({
    kind: t.field({ type: ReportKindEnum, defaultValue: 'TERM' }),
    unitId: t.id({ required: true, description: 'The unit the report is about (in your subtree).' }),
    fromYear: t.int({ description: 'The term’s first year; by default five years ending with toYear. Ignored by YEAR.' }),
    toYear: t.int({ required: true, description: 'The term’s last year, or the year of a yearly report.' }),
    formats: t.field({ type: [ReportFormatEnum], required: true }),
    structureOn: t.field({ type: 'Date', description: 'Group by the unit structure of this day; today’s when omitted.' }),
    snapshot: t.id({ description: 'The snapshot to read; the newest READY one when omitted.' }),
  }),
});

const ReportIdInput = builder.inputType('ReportIdInput', { description: 'A report to delete.', fields: (t) => ({ id: t.id({ required: true }) }) });
const ReportKeepInput = builder.inputType('ReportKeepInput', {
  description: 'Whether a report is kept from deletion.',
  fields: (t) => ({ id: t.id({ required: true }), keep: t.boolean({ required: true }) }),
});

builder.mutationFields((t) => ({
  reportCreate: t.prismaField({
    type: 'Report',
    description: 'Start making a report; it answers at once with the RUNNING report. Reports hold aggregates only: any role may make one of its subtree.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ReportCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createReport({
        ctx,
        query,
        input: {
          kind: input.kind ?? 'TERM',
          unitId: localId(input.unitId, 'Unit', 'input.unitId'),
          fromYear: input.fromYear ?? null,
          toYear: input.toYear,
          formats: input.formats,
          structureOn: input.structureOn ? input.structureOn.toISOString().slice(0, 10) : null,
          snapshotId: optionalLocalId(input.snapshot, 'Snapshot', 'input.snapshot') ?? null,
        },
      }),
  }),
  reportKeep: t.prismaField({
    type: 'Report',
    description: 'Keep a report (or stop keeping it).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ReportKeepInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => keepReport({ ctx, query, id: localId(input.id, 'Report', 'input.id'), keep: input.keep }),
  }),
  reportDelete: t.prismaField({
    type: 'Report',
    description: 'Delete a report’s files; its row stays as DELETED.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ReportIdInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => deleteReport({ ctx, query, id: localId(input.id, 'Report', 'input.id') }),
  }),
}));
