// Every domain enumeration as a GraphQL enum, each value described with its Vietnamese label.
import type { EnumRef } from '@pothos/core';
import { builder } from '../builder.js';
import * as prismaEnums from '../generated/prisma/enums.js';
import { EXCELLENT_CAP_BASES, type ExcellentCapBase } from '../features/ratings/rating-rules.js';
import { labels } from '../text/labels.js';

type EnumName = keyof typeof labels;
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type ValueOf<Name extends EnumName> = (typeof prismaEnums)[Name][keyof (typeof prismaEnums)[Name]];

/**
 * How a reader takes an enumeration's values, in Vietnamese: `ordered` says what the order of
 * `values` (the Prisma enum's, which the schema file prints alphabetically) means; `meanings`
 * adds to a value's label where the label alone does not say what it stands for.
 */
interface EnumReading {
  ordered?: string;
  unordered?: string;
  meanings?: Record<string, string>;
}

function domainEnum<Name extends EnumName>(name: Name, description: string, reading: EnumReading): EnumRef<Types, ValueOf<Name>> {
  const vietnamese = labels[name] as Record<string, string>;
  const keys = Object.keys(prismaEnums[name]);
  const values = Object.fromEntries(
    keys.map((value, index) => {
      const label = vietnamese[value] ?? value;
      const meaning = reading.meanings?.[value];
      const place = reading.ordered ? ` (thứ ${index + 1}/${keys.length})` : '';
      return [value, { value, description: `${label}${place}.${meaning ? ` ${meaning}` : ''}` }];
    }),
  );
  const order = reading.ordered
    ? `Thứ tự: ${reading.ordered} — ${keys.join(' → ')}.`
    : `Không có thứ bậc: ${reading.unordered ?? 'các giá trị chỉ được liệt kê'}.`;
  return builder.enumType(name as string, { description: `${description} ${order}`, values }) as unknown as EnumRef<Types, ValueOf<Name>>;
}

export const UnitKindEnum = domainEnum('UnitKind', 'Kind of party organisation (loại tổ chức đảng).', {
  ordered: 'từ cấp trên xuống cấp dưới',
  meanings: { CELL: 'Cấp thấp nhất, nơi đảng viên sinh hoạt; chỉ chi bộ có đảng viên và cuộc sinh hoạt.' },
});
export const UnitCategoryEnum = domainEnum('UnitCategory', 'Where a cell works (loại hình chi bộ).', { unordered: 'loại hình nơi chi bộ hoạt động' });
export const LineageKindEnum = domainEnum('LineageKind', 'How one unit became another (biến động tổ chức).', { unordered: 'cách một tổ chức trở thành tổ chức khác' });
export const GenderEnum = domainEnum('Gender', 'Giới tính.', {
  unordered: 'giới tính của đảng viên, quần chúng',
  meanings: { MALE: 'Giới tính nam.', FEMALE: 'Giới tính nữ.' },
});
export const MemberStatusEnum = domainEnum('MemberStatus', 'Status of a party member (tình trạng đảng viên).', {
  ordered: 'đang sinh hoạt trước (dự bị, rồi chính thức), sau đó các trường hợp rời danh sách',
  meanings: {
    PROBATIONARY: 'Đang sinh hoạt; trong 12 tháng dự bị kể từ ngày vào Đảng.',
    OFFICIAL: 'Đang sinh hoạt; đã được công nhận đảng viên chính thức.',
    TRANSFERRED_OUT: 'Không còn sinh hoạt tại tỉnh: đã chuyển sinh hoạt đảng ra ngoài.',
    DECEASED: 'Không còn sinh hoạt.',
    REMOVED: 'Không còn sinh hoạt: bị xóa tên khỏi danh sách đảng viên.',
    EXPELLED: 'Không còn sinh hoạt: bị kỷ luật khai trừ.',
    LEFT_PARTY: 'Không còn sinh hoạt: đã ra khỏi Đảng (xin ra khỏi Đảng); có thể được phục hồi đảng tịch.',
  },
});
export const TransferDistanceEnum = domainEnum('TransferDistance', 'How far a transfer reaches (phạm vi chuyển sinh hoạt đảng), as Biểu 1 counts it.', {
  ordered: 'từ gần đến xa',
  meanings: {
    SAME_DISTRICT: 'Hai chi bộ cùng một đảng bộ huyện.',
    SAME_PROVINCE: 'Khác huyện, cùng một đảng bộ tỉnh.',
    OTHER_PROVINCE: 'Từ tỉnh khác đến, hoặc đi tỉnh khác.',
  },
});
export const ExemptionReasonEnum = domainEnum('ExemptionReason', 'Why a member is exempt from meetings (lý do miễn sinh hoạt).', {
  unordered: 'lý do đảng viên được miễn sinh hoạt, miễn công tác',
});
export const MeetingKindEnum = domainEnum('MeetingKind', 'Kind of meeting (loại sinh hoạt).', {
  unordered: 'thường kỳ và kết hợp chiếm suất sinh hoạt của tháng; chuyên đề và bất thường thì không',
});
export const AbsenceKindEnum = domainEnum('AbsenceKind', 'Whether an absence was excused (loại vắng mặt).', { unordered: 'có lý do hay không có lý do' });
export const MeetingLevelEnum = domainEnum('MeetingLevel', 'Quality level of a meeting (mức chất lượng).', { ordered: 'từ mức cao nhất xuống thấp nhất' });
export const CriterionComputationEnum = domainEnum(
  'CriterionComputation',
  'How a criterion’s points are found: typed by the assessor, or computed from the meeting’s record (cách tính điểm tiêu chí).',
  { unordered: 'người chấm nhập điểm, hoặc điểm được tính từ biên bản cuộc sinh hoạt' },
);
export const AssessorKindEnum = domainEnum('AssessorKind', 'Who scored a meeting (cấp chấm điểm).', { ordered: 'từ chi bộ tự chấm lên các cấp kiểm tra bên trên' });
export const PlanStatusEnum = domainEnum('PlanStatus', 'State of a thematic plan (trạng thái kế hoạch chuyên đề).', {
  ordered: 'kế hoạch được đăng ký trước, rồi được cấp trên phê duyệt hoặc không phê duyệt',
});
export const RatingLevelEnum = domainEnum('RatingLevel', 'Rating level (mức xếp loại), current and legacy.', {
  ordered: 'các mức hiện hành (từ năm 2018) từ cao xuống thấp, rồi các mức cũ (trước 2018) từ cao xuống thấp, cuối cùng là chưa xếp loại',
  meanings: { NOT_RATED: 'Không xếp loại trong kỳ (mới vào Đảng, ốm đau, …); ghi kèm lý do.' },
});
export const RatingPeriodEnum = domainEnum('RatingPeriod', 'The period a rating covers (kỳ xếp loại).', {
  unordered: 'năm, quý hoặc cả nhiệm kỳ; mỗi kỳ được xếp loại riêng',
});
export const RecognitionProgrammeEnum = domainEnum('RecognitionProgramme', 'Programme a unit is recognised under (danh hiệu, phong trào).', {
  unordered: 'các danh hiệu độc lập với nhau',
});
export const CandidateStageEnum = domainEnum('CandidateStage', 'Stage of an admission candidate (bước kết nạp).', {
  ordered:
    'các bước kết nạp, từng bước một theo thứ tự; DROPPED (dừng xem xét) có thể xảy ra ở bất kỳ bước nào trước khi kết nạp, ADMITTED và DROPPED là bước cuối',
  meanings: {
    POOL: 'Quần chúng được chi bộ đưa vào nguồn, có đảng viên giúp đỡ.',
    TRAINED: 'Đã có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (có giá trị 5 năm).',
    DOSSIER: 'Đang hoàn thiện hồ sơ: lý lịch, thẩm tra, nhận xét của đoàn thể và nơi cư trú.',
    CELL_RESOLUTION: 'Chi bộ họp, biểu quyết đề nghị kết nạp.',
    COMMITTEE_RESOLUTION: 'Đảng ủy cơ sở xét và đề nghị cấp có thẩm quyền.',
    DECIDED: 'Cấp ủy có thẩm quyền đã ra quyết định kết nạp; chờ lễ kết nạp.',
    ADMITTED: 'Đã tổ chức lễ kết nạp: trở thành đảng viên dự bị.',
    DROPPED: 'Dừng xem xét kết nạp.',
  },
});
export const RoleEnum = domainEnum('Role', 'What a user may do (vai trò người dùng).', { ordered: 'từ nhiều quyền nhất đến ít quyền nhất' });
export const SnapshotStatusEnum = domainEnum('SnapshotStatus', 'State of an analytics snapshot (trạng thái bản chụp dữ liệu).', {
  ordered: 'vòng đời của bản chụp: đang tạo, rồi sẵn sàng hoặc lỗi, cuối cùng là đã xóa',
});

const capBaseDescriptions: Record<ExcellentCapBase, string> = {
  GOOD:
    'Of the members rated GOOD alone (số hoàn thành tốt nhiệm vụ): the words of the rating rules (Quy định 132-QĐ/TW, ' +
    '2018; 124-QĐ/TW, 2023: «không vượt quá 20% số được xếp loại "Hoàn thành tốt nhiệm vụ"») taken literally. The ' +
    'stricter reading: it flags every organisation GOOD_OR_BETTER flags, and may flag more.',
  GOOD_OR_BETTER:
    'Of the members rated GOOD or EXCELLENT (hoàn thành tốt nhiệm vụ trở lên): the same words read as committees apply ' +
    'them, the excellent being chosen from among those who earned GOOD and counted within them in their reports ' +
    '(«… xếp loại hoàn thành tốt nhiệm vụ, trong đó hoàn thành xuất sắc …»). The default.',
};

export const ExcellentCapBaseEnum = builder.enumType('ExcellentCapBase', {
  description:
    'What the cap on EXCELLENT members (20% by the rating rules) is a percentage of: two readings of one rule. ' +
    'Không có thứ bậc: hai cách hiểu cùng một quy định về tỷ lệ hoàn thành xuất sắc nhiệm vụ.',
  values: Object.fromEntries(EXCELLENT_CAP_BASES.map((value) => [value, { value, description: capBaseDescriptions[value] }])) as Record<
    ExcellentCapBase,
    { value: ExcellentCapBase; description: string }
  >,
});
