// The templates of the admissions and supervision imports, by the name in their URL.
import { admissionTargetColumns } from './admission-target-import.js';
import { candidateColumns } from './candidate-import.js';
import type { ImportTemplate } from './import-templates.js';
import { visitColumns } from './visit-import.js';
import { workingGroupColumns } from './working-group-import.js';

/** `common`: the rules every template's instructions end with. */
export function admissionSupervisionTemplates(common: readonly string[]): Record<string, () => ImportTemplate> {
  return {
    'admission-targets': () => ({
      title: 'Chỉ tiêu kết nạp đảng viên',
      mutation: 'admissionTargetImport',
      notes: [
        'Mỗi dòng là chỉ tiêu kết nạp một năm của một tổ chức đảng: đơn vị nhập tệp hoặc một đơn vị trực thuộc, ghi bằng mã.',
        'Chỉ tiêu đã giao trước đó cho cùng đơn vị và năm được thay bằng chỉ tiêu trong tệp.',
        ...common,
      ],
      columns: admissionTargetColumns,
    }),
    candidates: () => ({
      title: 'Đối tượng kết nạp đảng',
      mutation: 'candidateImport',
      notes: [
        'Mỗi dòng là một quần chúng ưu tú (đối tượng kết nạp) với ngày của từng bước đã qua. Nhập cho một chi bộ hoặc cho một đảng bộ (mỗi dòng ghi mã chi bộ).',
        'Các bước theo thứ tự: học lớp nhận thức về Đảng, hoàn thiện hồ sơ, chi bộ ra nghị quyết, đảng ủy cơ sở ra nghị quyết, quyết định kết nạp, kết nạp; không bỏ bước, ngày sau không trước ngày trước.',
        'Có ngày kết nạp thì quần chúng trở thành đảng viên dự bị của chi bộ (chỉ cấp ủy được ghi). Dừng xem xét thì ghi ngày dừng và lý do.',
        ...common,
      ],
      columns: candidateColumns,
    }),
    'working-groups': () => ({
      title: 'Tổ công tác',
      mutation: 'workingGroupImport',
      notes: [
        'Mỗi dòng là một tổ công tác và các chi bộ tổ phụ trách từ một ngày. Các dòng cùng tên tổ và cùng cấp ủy thành lập là một tổ: dòng sau thêm chi bộ phụ trách.',
        'Số quyết định, ngày thành lập và thành viên ghi ở dòng đầu của tổ; các dòng sau để trống hoặc ghi giống.',
        ...common,
      ],
      columns: workingGroupColumns,
    }),
    visits: () => ({
      title: 'Dự sinh hoạt chi bộ',
      mutation: 'visitImport',
      notes: [
        'Mỗi dòng là một lần dự sinh hoạt: buổi sinh hoạt ghi bằng mã chi bộ và ngày họp (thêm giờ bắt đầu nếu chi bộ họp nhiều buổi trong ngày).',
        'Người dự là một tổ công tác phụ trách chi bộ (ghi tên tổ), hoặc một cấp ủy viên cấp trên (ghi cấp ủy và người dự).',
        ...common,
      ],
      columns: visitColumns,
    }),
  };
}
