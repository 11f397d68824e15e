// Every domain enumeration as a GraphQL enum, each value described with its Vietnamese label.
import type { EnumRef } from '@pothos/core';
import { builder } from '../builder.js';
import * as prismaEnums from '../generated/prisma/enums.js';
import { EXCELLENT_CAP_BASES, type ExcellentCapBase } from '../features/ratings/rating-rules.js';
import { labels } from '../text/labels.js';

type EnumName = keyof typeof labels;
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type ValueOf<Name extends EnumName> = (typeof prismaEnums)[Name][keyof (typeof prismaEnums)[Name]];

function domainEnum<Name extends EnumName>(name: Name, description: string): EnumRef<Types, ValueOf<Name>> {
  const vietnamese = labels[name] as Record<string, string>;
  const values = Object.fromEntries(
    Object.keys(prismaEnums[name]).map((value) => [value, { value, description: vietnamese[value] ?? value }]),
  );
  return builder.enumType(name as string, { description, values }) as unknown as EnumRef<Types, ValueOf<Name>>;
}

export const UnitKindEnum = domainEnum('UnitKind', 'Kind of party organisation (loại tổ chức đảng).');
export const UnitCategoryEnum = domainEnum('UnitCategory', 'Where a cell works (loại hình chi bộ).');
export const LineageKindEnum = domainEnum('LineageKind', 'How one unit became another.');
export const GenderEnum = domainEnum('Gender', 'Giới tính.');
export const MemberStatusEnum = domainEnum('MemberStatus', 'Status of a party member.');
export const ExemptionReasonEnum = domainEnum('ExemptionReason', 'Why a member is exempt from meetings.');
export const MeetingKindEnum = domainEnum('MeetingKind', 'Kind of meeting (loại sinh hoạt).');
export const AbsenceKindEnum = domainEnum('AbsenceKind', 'Whether an absence was excused.');
export const MeetingLevelEnum = domainEnum('MeetingLevel', 'Quality level of a meeting (mức chất lượng).');
export const CriterionComputationEnum = domainEnum(
  'CriterionComputation',
  'How a criterion’s points are found: typed by the assessor, or computed from the meeting’s record.',
);
export const AssessorKindEnum = domainEnum('AssessorKind', 'Who scored a meeting.');
export const PlanStatusEnum = domainEnum('PlanStatus', 'State of a thematic plan.');
export const RatingLevelEnum = domainEnum('RatingLevel', 'Rating level (mức xếp loại), current and legacy.');
export const RatingPeriodEnum = domainEnum('RatingPeriod', 'The period a rating covers.');
export const RecognitionProgrammeEnum = domainEnum('RecognitionProgramme', 'Programme a unit is recognised under.');
export const CandidateStageEnum = domainEnum('CandidateStage', 'Stage of an admission candidate.');
export const RoleEnum = domainEnum('Role', 'What a user may do.');
export const SnapshotStatusEnum = domainEnum('SnapshotStatus', 'State of an analytics snapshot.');

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
  description: 'What the cap on EXCELLENT members (20% by the rating rules) is a percentage of: two readings of one rule.',
  values: Object.fromEntries(EXCELLENT_CAP_BASES.map((value) => [value, { value, description: capBaseDescriptions[value] }])) as Record<
    ExcellentCapBase,
    { value: ExcellentCapBase; description: string }
  >,
});
