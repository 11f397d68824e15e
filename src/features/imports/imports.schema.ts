// CSV imports over the GraphQL multipart request: all rows are written or none, and a
// rejected file answers every row's problems.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { ErrorInterface } from '../../graphql/errors.schema.js';
import { localId } from '../../graphql/ids.js';
import { ImportRejectedError, type RowIssue } from './import-rows.js';
import { importMeetingsFile, importMembersFile, type ImportSummary } from './imports.service.js';

const RowIssueRef = builder.objectRef<RowIssue>('ImportRowIssue').implement({
  description: 'A problem with one cell of an imported file.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: 'Line number as a spreadsheet shows it; the header is line 1.' }),
    column: t.exposeString('column', { description: 'The column header, as the file names it.' }),
    message: t.exposeString('message'),
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
  description: 'A file imported whole.',
  fields: (t) => ({ imported: t.exposeInt('imported', { description: 'Rows written.' }) }),
});

const ImportInput = builder.inputType('ImportInput', {
  description: 'A CSV file (UTF-8; comma, semicolon or tab separated; Vietnamese or English headers) for a unit.',
  fields: (t) => ({
    unitId: t.id({ required: true, description: 'The unit the file is for: a cell, or a unit whose cells the rows name by code.' }),
    file: t.field({ type: 'File', required: true }),
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
    resolve: (_root, { input }, ctx) => importMembersFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file }),
  }),
  meetingImport: t.field({
    type: ImportSummaryRef,
    description:
      'Import meetings, one a row: Mã chi bộ, Loại sinh hoạt, Ngày sinh hoạt, Giờ bắt đầu, Giờ kết thúc, Nội dung; optionally Năm, Tháng, ' +
      'Chi ủy chuẩn bị, Có dự thảo nghị quyết, Tách riêng sinh hoạt chuyên môn, Có biên bản, Số ý kiến phát biểu, ' +
      'Vắng có lý do, Vắng không lý do (card numbers or full names separated by ";"), and "Điểm <criterion code>" per criterion.',
    errors: importErrors,
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importMeetingsFile({ ctx, unitId: localId(input.unitId, 'Unit', 'input.unitId'), file: input.file }),
  }),
}));
