// File imports (XLSX or CSV) over the GraphQL multipart request: all rows are written or none, and a
// rejected file answers every row's problems.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { ErrorInterface } from '../../graphql/errors.schema.js';
import { localId, optionalLocalId } from '../../graphql/ids.js';
import { ImportRejectedError, issueText, type RowIssue } from './import-rows.js';
import {
  importAdmissionTargetsFile,
  importCandidatesFile,
  importVisitsFile,
  importWorkingGroupsFile,
  importMeetingsFile,
  importMemberRatingsFile,
  importMembersFile,
  importRecognitionsFile,
  importUnitRatingsFile,
  importUnitsFile,
  type ImportSummary,
} from './imports.service.js';

const RowIssueRef = builder.objectRef<RowIssue>('ImportRowIssue').implement({
  description: 'A problem with one cell of an imported file, in Vietnamese.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: 'Row number as a spreadsheet shows it; the headings are row 1.' }),
    column: t.exposeString('column', { description: "The column's heading in the template (empty when the problem is the whole row's)." }),
    message: t.exposeString('message', { description: 'What is wrong, e.g. "không phải ngày hợp lệ (dd/mm/yyyy): «30/02/1985»".' }),
    text: t.string({
      description: 'The problem as one sentence naming row and column: "Dòng 5, cột «Ngày sinh»: không phải ngày hợp lệ …".',
      resolve: issueText,
    }),
  }),
});

builder.objectType(ImportRejectedError, {
  name: 'ImportRejected',
  description: 'Some rows of the file have problems: nothing was imported.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.exposeString('message'),
    rowCount: t.exposeInt('rowCount', { description: 'Rows in the file.' }),
    issues: t.field({ type: [RowIssueRef], description: 'Every problem found, by row and column (the first 1000).', resolve: (e) => e.issues }),
  }),
});

const ImportSummaryRef = builder.objectRef<ImportSummary>('ImportSummary').implement({
  description: 'A file imported whole, or checked whole by a dry run.',
  fields: (t) => ({
    imported: t.exposeInt('imported', { description: 'Rows written: every row of the file, or 0 in a dry run.' }),
    rowCount: t.exposeInt('rowCount', { description: 'Rows in the file (the headings aside).' }),
    dryRun: t.exposeBoolean('dryRun', { description: 'The rows were checked, not written.' }),
  }),
});

const ImportInput = builder.inputType('ImportInput', {
  description:
    'A file for a unit: an .xlsx workbook (the first sheet with rows; the templates at /templates/{kind}.xlsx) or a CSV ' +
    '(UTF-8 with or without BOM, or UTF-16 "Unicode text"; comma, semicolon or tab separated), with Vietnamese or English headings.',
  fields: (t) => ({
    unitId: t.id({ required: true, description: 'The unit the file is for: a cell, or a unit whose cells the rows name by code.' }),
    file: t.field({ type: 'File', required: true }),
    dryRun: t.boolean({
      required: false,
      description: 'Check every row as the import would, report every problem, and write nothing.',
    }),
  }),
});

const importErrors = { types: [ImportRejectedError, ...mutationErrors] };

builder.mutationFields((t) => ({
  memberImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import members (danh sách đảng viên), one a row: Mã chi bộ, Họ và tên, Giới tính (Nam/Nữ), Ngày sinh, Dân tộc, Ngày vào Đảng; ' +
      'optionally Số thẻ đảng viên, Ngày chính thức, Trạng thái (Chính thức/Dự bị), Ngày sinh hoạt tại chi bộ, Đoàn viên. ' +
      'Dates as dd/mm/yyyy or yyyy-mm-dd.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importMembersFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file, dryRun: input.dryRun }),
  }),
  meetingImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import meetings, one a row: Mã chi bộ, Loại sinh hoạt, Ngày sinh hoạt, Giờ bắt đầu, Giờ kết thúc, Nội dung; optionally Năm, Tháng, ' +
      'Chi ủy chuẩn bị, Có dự thảo nghị quyết, Tách riêng sinh hoạt chuyên môn, Có biên bản, Số ý kiến phát biểu, ' +
      'Vắng có lý do, Vắng không lý do (card numbers or full names separated by ";"), and "Điểm <criterion code>" per criterion.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importMeetingsFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file, dryRun: input.dryRun }),
  }),
  memberRatingImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import yearly ratings of members (xếp loại đảng viên), one a row, as memberRate does: Mã chi bộ, Số thẻ đảng viên or Họ và tên, ' +
      'Năm, Xếp loại (the Vietnamese label, e.g. "Hoàn thành tốt nhiệm vụ"); optionally Tự xếp loại, Chi bộ đề nghị, Điểm, ' +
      'Ngày quyết định, Lý do chưa xếp loại. Template: /templates/member-ratings.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      importMemberRatingsFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file, dryRun: input.dryRun }),
  }),
}));

// Admissions and supervision, each as its mutations check it.
const fileRequest = (input: typeof ImportInput.$inferInput, ctx: Parameters<typeof importMembersFile>[0]['ctx']) => ({
  ctx,
  unitId: localId(input.unitId, 'Unit', 'input.unitId'),
  file: input.file,
  dryRun: input.dryRun,
});

builder.mutationFields((t) => ({
  admissionTargetImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import admission targets (chỉ tiêu kết nạp), one a row, as admissionTargetSet (replacing a target set before): ' +
      'Mã tổ chức đảng (the file\'s unit or one under it), Năm, Chỉ tiêu kết nạp. Template: /templates/admission-targets.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importAdmissionTargetsFile(fileRequest(input, ctx)),
  }),
  candidateImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import candidates for admission (đối tượng kết nạp), one a row with the day of each stage reached, as candidateCreate, ' +
      'candidateAdvance stage by stage, then candidateDrop or candidateAdmit would: Mã chi bộ, Họ và tên, Giới tính, Ngày sinh, ' +
      'Dân tộc, Ngày vào diện quần chúng ưu tú; optionally Đoàn viên, a day per stage (Ngày học lớp nhận thức về Đảng, Ngày hoàn ' +
      'thiện hồ sơ, Ngày chi bộ ra nghị quyết, Ngày đảng ủy cơ sở ra nghị quyết, Ngày quyết định kết nạp, Ngày kết nạp or Ngày dừng ' +
      'xem xét with Lý do dừng xem xét), Cấp ủy quyết định kết nạp, Số thẻ đảng viên giúp đỡ, Số thẻ đảng viên giới thiệu. An ' +
      'admitted row makes a probationary member as candidateAdmit does, and only the roles of candidateAdmit may write one. ' +
      'Template: /templates/candidates.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importCandidatesFile(fileRequest(input, ctx)),
  }),
  workingGroupImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import working groups (tổ công tác) with the cells in their charge, as workingGroupCreate and workingGroupAssignCells: one ' +
      'row a group and cells from a day (Tên tổ công tác, Số quyết định, Mã cấp ủy thành lập, Ngày thành lập, Thành viên as ' +
      '"Họ tên (chức danh); …", Mã chi bộ phụ trách separated by ";", Phụ trách từ ngày); further rows of the same name and ' +
      'committee add cells. Template: /templates/working-groups.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importWorkingGroupsFile(fileRequest(input, ctx)),
  }),
  visitImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import visits to meetings (dự sinh hoạt), one a row, as visitRecord, the meeting named by Mã chi bộ and Ngày sinh hoạt ' +
      '(and Giờ bắt đầu when the cell met more than once that day): Tổ công tác (by name), or Cấp ủy của người dự with Người dự; ' +
      'optionally Nhận xét, Kiến nghị. Template: /templates/visits.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importVisitsFile(fileRequest(input, ctx)),
  }),
}));

const UnitImportInput = builder.inputType('UnitImportInput', {
  description:
    'A file of units, as ImportInput, for a unit’s subtree or for your own: without unitId a row may leave its parent empty ' +
    'only for a province, which only an ADMIN of the whole country creates (as unitCreate).',
  fields: (t) => ({
    unitId: t.id({
      required: false,
      description: 'The unit the file is for: every row’s unit is placed in its subtree, under it or under a unit of the file. Omit it to import provinces.',
    }),
    file: t.field({ type: 'File', required: true }),
    dryRun: t.boolean({
      required: false,
      description: 'Check every row as the import would, report every problem, and write nothing.',
    }),
  }),
});

builder.mutationFields((t) => ({
  unitImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import units (danh sách tổ chức đảng), one a row, as unitCreate does: Mã tổ chức, Tên tổ chức, Loại tổ chức (the Vietnamese ' +
      'label, e.g. "Chi bộ"), Ngày thành lập; optionally Loại hình (required for cells) and Mã tổ chức cấp trên — a unit already ' +
      'there or one on another row of the file, before or after it (parents are created first). Template: /templates/units.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: UnitImportInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      importUnitsFile({ ctx, unitId: optionalLocalId(input.unitId, 'Unit', 'input.unitId') ?? null, file: input.file, dryRun: input.dryRun }),
  }),
  unitRatingImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import yearly ratings of party organisations (xếp loại tổ chức đảng), one a row, as unitRate does: Mã tổ chức (a unit of ' +
      'the file’s unit’s subtree), Năm, Xếp loại (the Vietnamese label); optionally Tự xếp loại, Mức đề xuất, Điểm, Ngày quyết ' +
      'định, Mã cấp ủy quyết định, Lý do chưa xếp loại. Template: /templates/unit-ratings.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      importUnitRatingsFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file, dryRun: input.dryRun }),
  }),
  recognitionImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import recognitions (công nhận), one a row, as recognitionRecord does: Mã tổ chức (a unit of the file’s unit’s subtree), ' +
      'Danh hiệu (the Vietnamese label, e.g. "Chi bộ 4 tốt"), Năm; optionally Ngày đăng ký, Ngày công nhận, Số quyết định. ' +
      'Template: /templates/recognitions.xlsx.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      importRecognitionsFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file, dryRun: input.dryRun }),
  }),
}));
