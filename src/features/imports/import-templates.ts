// The .xlsx template of each import: a sheet with the Vietnamese headings and a drop-down list
// on every column of enumerated values, a sheet "Hướng dẫn" saying what each column holds with
// an example row, and a sheet "Danh mục" holding the lists. The import reads exactly this.
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/write.js';
import type { ImportColumn } from './import-columns.js';
import { meetingColumns } from './meeting-import.js';
import { memberColumns } from './member-import.js';
import { memberRatingColumns } from './member-rating-import.js';
import { recognitionColumns } from './recognition-import.js';
import { unitColumns } from './unit-import.js';
import { unitRatingColumns } from './unit-rating-import.js';
import { INSTRUCTIONS_SHEET, LISTS_SHEET, MAX_IMPORT_ROWS } from './uploaded-table.js';
import { admissionSupervisionTemplates } from './admission-supervision-templates.js';

export interface ImportTemplate {
  /** The data sheet's name and the instructions' title, e.g. "Danh sách đảng viên". */
  title: string;
  /** The mutation that reads the file. */
  mutation: string;
  /** Rules of the file as a whole, for the instructions sheet. */
  notes: readonly string[];
  columns: ImportColumn[];
}

type TemplateSource = (db: Pick<Tx, 'criterion'>) => Promise<ImportTemplate> | ImportTemplate;

const common = [
  'Mỗi dòng là một bản ghi; dòng 1 là tên cột, giữ nguyên. Có thể bỏ các cột không bắt buộc.',
  'Tệp được nhập tất cả hoặc không dòng nào: nếu có dòng sai, kết quả liệt kê từng lỗi theo dòng và cột, chưa ghi gì.',
  'Gửi kèm dryRun: true để kiểm tra tệp mà không ghi.',
  `Ngày ghi dạng dd/mm/yyyy (hoặc ô ngày của Excel). Tối đa ${MAX_IMPORT_ROWS} dòng một tệp.`,
];

/** The templates by the name in their URL, /templates/{kind}.xlsx. */
export const importTemplates: Record<string, TemplateSource> = {
  members: () => ({
    title: 'Danh sách đảng viên',
    mutation: 'memberImport',
    notes: ['Nhập cho một chi bộ (không cần cột Mã chi bộ) hoặc cho một đảng bộ (mỗi dòng ghi mã chi bộ).', ...common],
    columns: memberColumns,
  }),
  meetings: async (db) => ({
    title: 'Sinh hoạt chi bộ',
    mutation: 'meetingImport',
    notes: [
      'Mỗi dòng là một buổi sinh hoạt. Nhập cho một chi bộ hoặc cho một đảng bộ (mỗi dòng ghi mã chi bộ).',
      'Điểm tiêu chí tính từ số người dự (ATTENDANCE) có thể để trống: điểm được tính từ danh sách vắng.',
      ...common,
    ],
    columns: await meetingColumns(db),
  }),
  'member-ratings': () => ({
    title: 'Xếp loại đảng viên',
    mutation: 'memberRatingImport',
    notes: [
      'Mỗi dòng là xếp loại một năm của một đảng viên, ghi số thẻ hoặc họ và tên. Mỗi đảng viên một lần mỗi năm.',
      'Nhập cho một chi bộ hoặc cho một đảng bộ (mỗi dòng ghi mã chi bộ nơi đảng viên sinh hoạt).',
      ...common,
    ],
    columns: memberRatingColumns,
  }),
  ...admissionSupervisionTemplates(common),
  units: () => ({
    title: 'Danh sách tổ chức đảng',
    mutation: 'unitImport',
    notes: [
      'Mỗi dòng là một tổ chức đảng. Mã tổ chức cấp trên là một tổ chức đã có hoặc một tổ chức ở dòng khác của tệp (trước hay sau đều được).',
      'Nhập cho một tổ chức (mọi tổ chức của tệp nằm trong tổ chức đó); quản trị viên toàn quốc nhập cả đảng bộ tỉnh (để trống mã cấp trên).',
      ...common,
    ],
    columns: unitColumns,
  }),
  'unit-ratings': () => ({
    title: 'Xếp loại tổ chức đảng',
    mutation: 'unitRatingImport',
    notes: [
      'Mỗi dòng là xếp loại một năm của một chi bộ hoặc đảng bộ, ghi mã tổ chức. Mỗi tổ chức một lần mỗi năm.',
      'Nhập cho một đảng bộ: mọi tổ chức của tệp thuộc đảng bộ đó (kể cả chính nó).',
      ...common,
    ],
    columns: unitRatingColumns,
  }),
  recognitions: () => ({
    title: 'Công nhận tổ chức đảng',
    mutation: 'recognitionImport',
    notes: [
      'Mỗi dòng là một danh hiệu được công nhận của một tổ chức trong một năm. Mỗi tổ chức một lần cho mỗi danh hiệu mỗi năm.',
      'Nhập cho một đảng bộ: mọi tổ chức của tệp thuộc đảng bộ đó (kể cả chính nó).',
      ...common,
    ],
    columns: recognitionColumns,
  }),
};

/** exceljs keeps a sheet's validations by address, ranges included; its typings omit the property. */
const rangeValidations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

const HEADING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const numberFormats: Record<ImportColumn['format'], string> = { text: '@', date: 'dd/mm/yyyy', time: '@', number: 'General' };

export async function templateWorkbook(template: ImportTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chibo';
  const data = workbook.addWorksheet(template.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const lists = workbook.addWorksheet(LISTS_SHEET);

  data.columns = template.columns.map((column) => ({
    header: column.headers[0] ?? column.key,
    key: column.key,
    width: Math.max(12, (column.headers[0] ?? column.key).length + 4),
    style: { numFmt: numberFormats[column.format] },
  }));
  const headings = data.getRow(1);
  headings.font = { bold: true };
  template.columns.forEach((column, index) => {
    const cell = headings.getCell(index + 1);
    cell.fill = HEADING_FILL;
    cell.numFmt = 'General';
    cell.note = `${column.required ? 'Bắt buộc. ' : ''}${column.hint}`;
  });

  // Each list in a column of its own on "Danh mục"; the data sheet's drop-downs point there
  // (a list written inline may not hold commas, and some labels do).
  let listColumn = 0;
  template.columns.forEach((column, index) => {
    if (!column.choices) return;
    listColumn++;
    lists.getCell(1, listColumn).value = column.headers[0] ?? column.key;
    lists.getCell(1, listColumn).font = { bold: true };
    column.choices.forEach((choice, row) => (lists.getCell(row + 2, listColumn).value = choice));
    lists.getColumn(listColumn).width = Math.max(14, ...column.choices.map((choice) => choice.length + 2));
    const letter = lists.getColumn(listColumn).letter;
    const target = data.getColumn(index + 1).letter;
    rangeValidations(data).add(`${target}2:${target}${MAX_IMPORT_ROWS + 1}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`'${LISTS_SHEET}'!$${letter}$2:$${letter}$${column.choices.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.headers[0] ?? column.key,
      error: `Chọn một giá trị trong danh sách: ${column.choices.join('; ')}`,
    });
  });

  instructions.columns = [{ width: 34 }, { width: 14 }, { width: 90 }];
  instructions.addRow([`Mẫu nhập: ${template.title}`]).font = { bold: true, size: 14 };
  instructions.addRow([`Điền vào trang «${data.name}», rồi tải lên bằng ${template.mutation} (tệp .xlsx hoặc CSV).`]);
  for (const note of template.notes) instructions.addRow([`• ${note}`]);
  instructions.addRow([]);
  const header = instructions.addRow(['Cột', 'Bắt buộc', 'Cách ghi']);
  header.font = { bold: true };
  for (const column of template.columns) {
    const accepted = column.choices ? ` Giá trị: ${column.choices.join('; ')}.` : '';
    instructions.addRow([column.headers[0] ?? column.key, column.required ? 'có' : 'không', `${column.hint}.${accepted}`]);
  }
  instructions.addRow([]);
  instructions.addRow(['Dòng ví dụ (chép sang trang dữ liệu, sửa mã chi bộ cho đúng):']).font = { bold: true };
  instructions.addRow(template.columns.map((column) => column.headers[0] ?? column.key)).font = { bold: true };
  const example = instructions.addRow(template.columns.map((column) => column.example));
  template.columns.forEach((column, index) => (example.getCell(index + 1).numFmt = numberFormats[column.format]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
