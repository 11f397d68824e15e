-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PROVINCE', 'DISTRICT', 'GRASSROOTS', 'SUB_COMMITTEE', 'CELL');

-- CreateEnum
CREATE TYPE "UnitCategory" AS ENUM ('HAMLET', 'AGENCY', 'PUBLIC_SERVICE', 'ENTERPRISE', 'ARMED_FORCES', 'OTHER');

-- CreateEnum
CREATE TYPE "LineageKind" AS ENUM ('MERGE', 'SPLIT', 'RENAME', 'TRANSFER');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('PROBATIONARY', 'OFFICIAL', 'TRANSFERRED_OUT', 'DECEASED', 'REMOVED', 'EXPELLED');

-- CreateEnum
CREATE TYPE "ExemptionReason" AS ENUM ('AGE', 'HEALTH', 'WORK', 'OTHER');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('REGULAR', 'THEMATIC', 'COMBINED', 'EXTRAORDINARY');

-- CreateEnum
CREATE TYPE "AbsenceKind" AS ENUM ('EXCUSED', 'UNEXCUSED');

-- CreateEnum
CREATE TYPE "MeetingLevel" AS ENUM ('GOOD', 'FAIR', 'AVERAGE', 'POOR');

-- CreateEnum
CREATE TYPE "AssessorKind" AS ENUM ('CELL', 'WORKING_GROUP', 'SUPERIOR_COMMITTEE');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('REGISTERED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "RatingLevel" AS ENUM ('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED', 'LEGACY_CLEAN_STRONG_EXEMPLARY', 'LEGACY_CLEAN_STRONG', 'LEGACY_WEAK', 'LEGACY_QUALIFIED_EXCELLENT', 'LEGACY_QUALIFIED_GOOD', 'LEGACY_QUALIFIED', 'LEGACY_VIOLATION', 'NOT_RATED');

-- CreateEnum
CREATE TYPE "RatingPeriod" AS ENUM ('YEAR', 'QUARTER', 'TERM');

-- CreateEnum
CREATE TYPE "RecognitionProgramme" AS ENUM ('CLEAN_STRONG_COMPREHENSIVE', 'FOUR_GOOD', 'EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS', 'OTHER');

-- CreateEnum
CREATE TYPE "CandidateStage" AS ENUM ('POOL', 'TRAINED', 'DOSSIER', 'CELL_RESOLUTION', 'COMMITTEE_RESOLUTION', 'DECIDED', 'ADMITTED', 'DROPPED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'LEADER', 'STAFF', 'VIEWER');

-- CreateEnum
CREATE TYPE "SnapshotStatus" AS ENUM ('BUILDING', 'READY', 'FAILED', 'DELETED');

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "sortKey" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "category" "UnitCategory",
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitLineage" (
    "id" SERIAL NOT NULL,
    "kind" "LineageKind" NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "toUnitId" INTEGER NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "decisionNumber" TEXT,
    "note" TEXT,

    CONSTRAINT "UnitLineage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "partyCardNumber" TEXT,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "sortKey" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthDate" DATE NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "youthUnionMember" BOOLEAN NOT NULL DEFAULT false,
    "cellId" INTEGER NOT NULL,
    "admittedOn" DATE NOT NULL,
    "admittedByUnitId" INTEGER,
    "officialOn" DATE,
    "status" "MemberStatus" NOT NULL,
    "statusChangedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberAssignment" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "cellId" INTEGER NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,

    CONSTRAINT "MemberAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingExemption" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "reason" "ExemptionReason" NOT NULL,
    "note" TEXT,

    CONSTRAINT "MeetingExemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "heldOn" DATE NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "topic" TEXT NOT NULL,
    "preparedByCommittee" BOOLEAN NOT NULL DEFAULT false,
    "draftResolution" BOOLEAN NOT NULL DEFAULT false,
    "separateFromProfessional" BOOLEAN NOT NULL DEFAULT true,
    "minutesKept" BOOLEAN NOT NULL DEFAULT true,
    "speakerCount" INTEGER NOT NULL DEFAULT 0,
    "expectedCount" INTEGER NOT NULL,
    "presentCount" INTEGER NOT NULL,
    "regularMonthKey" INTEGER,
    "planItemId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAbsence" (
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" "AbsenceKind" NOT NULL,
    "reason" TEXT,

    CONSTRAINT "MeetingAbsence_pkey" PRIMARY KEY ("meetingId","memberId")
);

-- CreateTable
CREATE TABLE "CriteriaSet" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuedByUnitId" INTEGER,
    "decisionNumber" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,

    CONSTRAINT "CriteriaSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" SERIAL NOT NULL,
    "criteriaSetId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "maxPoints" DECIMAL(5,2) NOT NULL,
    "requiredForGood" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LevelBand" (
    "criteriaSetId" INTEGER NOT NULL,
    "level" "MeetingLevel" NOT NULL,
    "minScore" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "LevelBand_pkey" PRIMARY KEY ("criteriaSetId","level")
);

-- CreateTable
CREATE TABLE "MeetingAssessment" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "criteriaSetId" INTEGER NOT NULL,
    "assessor" "AssessorKind" NOT NULL,
    "assessorUnitId" INTEGER,
    "workingGroupId" INTEGER,
    "totalScore" DECIMAL(5,2) NOT NULL,
    "level" "MeetingLevel" NOT NULL,
    "scoredOn" DATE NOT NULL,

    CONSTRAINT "MeetingAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "assessmentId" INTEGER NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "points" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("assessmentId","criterionId")
);

-- CreateTable
CREATE TABLE "ThematicPlan" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'REGISTERED',
    "registeredOn" DATE NOT NULL,
    "approvedByUnitId" INTEGER,
    "decidedOn" DATE,

    CONSTRAINT "ThematicPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThematicPlanItem" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,

    CONSTRAINT "ThematicPlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingGroup" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "formedByUnitId" INTEGER NOT NULL,
    "formedOn" DATE NOT NULL,
    "dissolvedOn" DATE,

    CONSTRAINT "WorkingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingGroupMember" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "memberId" INTEGER,

    CONSTRAINT "WorkingGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingGroupAssignment" (
    "groupId" INTEGER NOT NULL,
    "cellId" INTEGER NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,

    CONSTRAINT "WorkingGroupAssignment_pkey" PRIMARY KEY ("groupId","cellId")
);

-- CreateTable
CREATE TABLE "MeetingVisit" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "workingGroupId" INTEGER,
    "visitorUnitId" INTEGER,
    "visitorName" TEXT NOT NULL,
    "comments" TEXT,
    "recommendations" TEXT,

    CONSTRAINT "MeetingVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitRating" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "period" "RatingPeriod" NOT NULL DEFAULT 'YEAR',
    "periodIndex" INTEGER NOT NULL DEFAULT 0,
    "selfAssessedLevel" "RatingLevel",
    "proposedLevel" "RatingLevel",
    "level" "RatingLevel" NOT NULL,
    "score" DECIMAL(5,2),
    "ruleVersion" TEXT NOT NULL,
    "notRatedReason" TEXT,
    "decidedByUnitId" INTEGER,
    "decidedOn" DATE,

    CONSTRAINT "UnitRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberRating" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "cellId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "period" "RatingPeriod" NOT NULL DEFAULT 'YEAR',
    "periodIndex" INTEGER NOT NULL DEFAULT 0,
    "selfAssessedLevel" "RatingLevel",
    "proposedLevel" "RatingLevel",
    "level" "RatingLevel" NOT NULL,
    "score" DECIMAL(5,2),
    "ruleVersion" TEXT NOT NULL,
    "notRatedReason" TEXT,
    "decidedOn" DATE,

    CONSTRAINT "MemberRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recognition" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "programme" "RecognitionProgramme" NOT NULL,
    "year" INTEGER NOT NULL,
    "registeredOn" DATE,
    "recognizedOn" DATE,
    "decisionNumber" TEXT,

    CONSTRAINT "Recognition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdmissionTarget" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" INTEGER NOT NULL,

    CONSTRAINT "AdmissionTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdmissionCandidate" (
    "id" SERIAL NOT NULL,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "sortKey" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthDate" DATE NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "youthUnionMember" BOOLEAN NOT NULL DEFAULT false,
    "cellId" INTEGER NOT NULL,
    "stage" "CandidateStage" NOT NULL DEFAULT 'POOL',
    "trainedOn" DATE,
    "cellResolutionOn" DATE,
    "mentorId" INTEGER,
    "droppedReason" TEXT,
    "memberId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdmissionCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateSponsor" (
    "candidateId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    CONSTRAINT "CandidateSponsor_pkey" PRIMARY KEY ("candidateId","memberId")
);

-- CreateTable
CREATE TABLE "CandidateStageChange" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "stage" "CandidateStage" NOT NULL,
    "changedOn" DATE NOT NULL,
    "note" TEXT,

    CONSTRAINT "CandidateStageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "scopeUnitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "apiKeyId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "status" "SnapshotStatus" NOT NULL DEFAULT 'BUILDING',
    "asOf" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "phase" TEXT,
    "rowsDone" BIGINT NOT NULL DEFAULT 0,
    "rowCounts" JSONB,
    "file" TEXT,
    "checksum" TEXT,
    "sizeBytes" BIGINT,
    "keep" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_code_key" ON "OrgUnit"("code");

-- CreateIndex
CREATE INDEX "OrgUnit_parentId_idx" ON "OrgUnit"("parentId");

-- CreateIndex
CREATE INDEX "OrgUnit_path_idx" ON "OrgUnit"("path");

-- CreateIndex
CREATE INDEX "OrgUnit_kind_idx" ON "OrgUnit"("kind");

-- CreateIndex
CREATE INDEX "OrgUnit_searchName_idx" ON "OrgUnit"("searchName");

-- CreateIndex
CREATE INDEX "OrgUnit_sortKey_idx" ON "OrgUnit"("sortKey");

-- CreateIndex
CREATE INDEX "UnitLineage_fromUnitId_idx" ON "UnitLineage"("fromUnitId");

-- CreateIndex
CREATE INDEX "UnitLineage_toUnitId_idx" ON "UnitLineage"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_partyCardNumber_key" ON "Member"("partyCardNumber");

-- CreateIndex
CREATE INDEX "Member_cellId_idx" ON "Member"("cellId");

-- CreateIndex
CREATE INDEX "Member_status_idx" ON "Member"("status");

-- CreateIndex
CREATE INDEX "Member_searchName_idx" ON "Member"("searchName");

-- CreateIndex
CREATE INDEX "Member_sortKey_idx" ON "Member"("sortKey");

-- CreateIndex
CREATE INDEX "Member_admittedOn_idx" ON "Member"("admittedOn");

-- CreateIndex
CREATE INDEX "MemberAssignment_memberId_idx" ON "MemberAssignment"("memberId");

-- CreateIndex
CREATE INDEX "MemberAssignment_cellId_fromDate_idx" ON "MemberAssignment"("cellId", "fromDate");

-- CreateIndex
CREATE INDEX "MeetingExemption_memberId_idx" ON "MeetingExemption"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_planItemId_key" ON "Meeting"("planItemId");

-- CreateIndex
CREATE INDEX "Meeting_cellId_year_month_idx" ON "Meeting"("cellId", "year", "month");

-- CreateIndex
CREATE INDEX "Meeting_year_month_idx" ON "Meeting"("year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_cellId_regularMonthKey_key" ON "Meeting"("cellId", "regularMonthKey");

-- CreateIndex
CREATE INDEX "MeetingAbsence_memberId_idx" ON "MeetingAbsence"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaSet_code_key" ON "CriteriaSet"("code");

-- CreateIndex
CREATE INDEX "CriteriaSet_issuedByUnitId_idx" ON "CriteriaSet"("issuedByUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_criteriaSetId_code_key" ON "Criterion"("criteriaSetId", "code");

-- CreateIndex
CREATE INDEX "MeetingAssessment_level_idx" ON "MeetingAssessment"("level");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAssessment_meetingId_assessor_key" ON "MeetingAssessment"("meetingId", "assessor");

-- CreateIndex
CREATE UNIQUE INDEX "ThematicPlan_cellId_year_key" ON "ThematicPlan"("cellId", "year");

-- CreateIndex
CREATE INDEX "ThematicPlanItem_planId_idx" ON "ThematicPlanItem"("planId");

-- CreateIndex
CREATE INDEX "WorkingGroup_formedByUnitId_idx" ON "WorkingGroup"("formedByUnitId");

-- CreateIndex
CREATE INDEX "WorkingGroupMember_groupId_idx" ON "WorkingGroupMember"("groupId");

-- CreateIndex
CREATE INDEX "WorkingGroupAssignment_cellId_idx" ON "WorkingGroupAssignment"("cellId");

-- CreateIndex
CREATE INDEX "MeetingVisit_meetingId_idx" ON "MeetingVisit"("meetingId");

-- CreateIndex
CREATE INDEX "MeetingVisit_workingGroupId_idx" ON "MeetingVisit"("workingGroupId");

-- CreateIndex
CREATE INDEX "UnitRating_year_level_idx" ON "UnitRating"("year", "level");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRating_unitId_year_period_periodIndex_key" ON "UnitRating"("unitId", "year", "period", "periodIndex");

-- CreateIndex
CREATE INDEX "MemberRating_cellId_year_idx" ON "MemberRating"("cellId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "MemberRating_memberId_year_period_periodIndex_key" ON "MemberRating"("memberId", "year", "period", "periodIndex");

-- CreateIndex
CREATE UNIQUE INDEX "Recognition_unitId_programme_year_key" ON "Recognition"("unitId", "programme", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AdmissionTarget_unitId_year_key" ON "AdmissionTarget"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AdmissionCandidate_memberId_key" ON "AdmissionCandidate"("memberId");

-- CreateIndex
CREATE INDEX "AdmissionCandidate_cellId_stage_idx" ON "AdmissionCandidate"("cellId", "stage");

-- CreateIndex
CREATE INDEX "AdmissionCandidate_sortKey_idx" ON "AdmissionCandidate"("sortKey");

-- CreateIndex
CREATE INDEX "CandidateStageChange_candidateId_idx" ON "CandidateStageChange"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "Snapshot_status_asOf_idx" ON "Snapshot"("status", "asOf");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_admittedByUnitId_fkey" FOREIGN KEY ("admittedByUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberAssignment" ADD CONSTRAINT "MemberAssignment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberAssignment" ADD CONSTRAINT "MemberAssignment_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingExemption" ADD CONSTRAINT "MeetingExemption_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_planItemId_fkey" FOREIGN KEY ("planItemId") REFERENCES "ThematicPlanItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAbsence" ADD CONSTRAINT "MeetingAbsence_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAbsence" ADD CONSTRAINT "MeetingAbsence_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriteriaSet" ADD CONSTRAINT "CriteriaSet_issuedByUnitId_fkey" FOREIGN KEY ("issuedByUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_criteriaSetId_fkey" FOREIGN KEY ("criteriaSetId") REFERENCES "CriteriaSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelBand" ADD CONSTRAINT "LevelBand_criteriaSetId_fkey" FOREIGN KEY ("criteriaSetId") REFERENCES "CriteriaSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAssessment" ADD CONSTRAINT "MeetingAssessment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAssessment" ADD CONSTRAINT "MeetingAssessment_criteriaSetId_fkey" FOREIGN KEY ("criteriaSetId") REFERENCES "CriteriaSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAssessment" ADD CONSTRAINT "MeetingAssessment_assessorUnitId_fkey" FOREIGN KEY ("assessorUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAssessment" ADD CONSTRAINT "MeetingAssessment_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "MeetingAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicPlan" ADD CONSTRAINT "ThematicPlan_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicPlan" ADD CONSTRAINT "ThematicPlan_approvedByUnitId_fkey" FOREIGN KEY ("approvedByUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicPlanItem" ADD CONSTRAINT "ThematicPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ThematicPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroup" ADD CONSTRAINT "WorkingGroup_formedByUnitId_fkey" FOREIGN KEY ("formedByUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupMember" ADD CONSTRAINT "WorkingGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupMember" ADD CONSTRAINT "WorkingGroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupAssignment" ADD CONSTRAINT "WorkingGroupAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupAssignment" ADD CONSTRAINT "WorkingGroupAssignment_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVisit" ADD CONSTRAINT "MeetingVisit_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVisit" ADD CONSTRAINT "MeetingVisit_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVisit" ADD CONSTRAINT "MeetingVisit_visitorUnitId_fkey" FOREIGN KEY ("visitorUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitRating" ADD CONSTRAINT "UnitRating_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitRating" ADD CONSTRAINT "UnitRating_decidedByUnitId_fkey" FOREIGN KEY ("decidedByUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRating" ADD CONSTRAINT "MemberRating_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRating" ADD CONSTRAINT "MemberRating_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdmissionTarget" ADD CONSTRAINT "AdmissionTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdmissionCandidate" ADD CONSTRAINT "AdmissionCandidate_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdmissionCandidate" ADD CONSTRAINT "AdmissionCandidate_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdmissionCandidate" ADD CONSTRAINT "AdmissionCandidate_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateSponsor" ADD CONSTRAINT "CandidateSponsor_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "AdmissionCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateSponsor" ADD CONSTRAINT "CandidateSponsor_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateStageChange" ADD CONSTRAINT "CandidateStageChange_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "AdmissionCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_scopeUnitId_fkey" FOREIGN KEY ("scopeUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Rules the database keeps itself, whatever writes to it (Prisma's schema has no CHECKs).
ALTER TABLE "OrgUnit"
  ADD CONSTRAINT "OrgUnit_validity_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom"),
  ADD CONSTRAINT "OrgUnit_cell_category_check" CHECK ("kind" <> 'CELL' OR "category" IS NOT NULL),
  ADD CONSTRAINT "OrgUnit_root_check" CHECK (("parentId" IS NULL) = ("depth" = 0));
ALTER TABLE "Member"
  ADD CONSTRAINT "Member_admitted_after_birth_check" CHECK ("admittedOn" > "birthDate"),
  ADD CONSTRAINT "Member_official_after_admission_check" CHECK ("officialOn" IS NULL OR "officialOn" >= "admittedOn");
ALTER TABLE "MemberAssignment"
  ADD CONSTRAINT "MemberAssignment_dates_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate");
ALTER TABLE "MeetingExemption"
  ADD CONSTRAINT "MeetingExemption_dates_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate");
ALTER TABLE "Meeting"
  ADD CONSTRAINT "Meeting_month_check" CHECK ("month" BETWEEN 1 AND 12),
  ADD CONSTRAINT "Meeting_year_check" CHECK ("year" BETWEEN 1930 AND 2200),
  ADD CONSTRAINT "Meeting_times_check" CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT "Meeting_counts_check" CHECK ("expectedCount" >= 0 AND "presentCount" BETWEEN 0 AND "expectedCount" AND "speakerCount" >= 0),
  ADD CONSTRAINT "Meeting_regular_month_check" CHECK (
    CASE WHEN "kind" IN ('REGULAR', 'COMBINED') THEN "regularMonthKey" = "year" * 100 + "month"
         ELSE "regularMonthKey" IS NULL END);
ALTER TABLE "Criterion"
  ADD CONSTRAINT "Criterion_max_points_check" CHECK ("maxPoints" > 0 AND "maxPoints" <= 100);
ALTER TABLE "LevelBand"
  ADD CONSTRAINT "LevelBand_min_score_check" CHECK ("minScore" BETWEEN 0 AND 100);
ALTER TABLE "MeetingAssessment"
  ADD CONSTRAINT "MeetingAssessment_total_check" CHECK ("totalScore" BETWEEN 0 AND 100);
ALTER TABLE "AssessmentScore"
  ADD CONSTRAINT "AssessmentScore_points_check" CHECK ("points" >= 0);
ALTER TABLE "ThematicPlan"
  ADD CONSTRAINT "ThematicPlan_year_check" CHECK ("year" BETWEEN 1930 AND 2200);
ALTER TABLE "ThematicPlanItem"
  ADD CONSTRAINT "ThematicPlanItem_quarter_check" CHECK ("quarter" BETWEEN 1 AND 4);
ALTER TABLE "UnitRating"
  ADD CONSTRAINT "UnitRating_score_check" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100),
  ADD CONSTRAINT "UnitRating_period_check" CHECK (
    ("period" = 'QUARTER' AND "periodIndex" BETWEEN 1 AND 4) OR ("period" <> 'QUARTER' AND "periodIndex" = 0));
ALTER TABLE "MemberRating"
  ADD CONSTRAINT "MemberRating_score_check" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100),
  ADD CONSTRAINT "MemberRating_period_check" CHECK (
    ("period" = 'QUARTER' AND "periodIndex" BETWEEN 1 AND 4) OR ("period" <> 'QUARTER' AND "periodIndex" = 0));
ALTER TABLE "AdmissionTarget"
  ADD CONSTRAINT "AdmissionTarget_target_check" CHECK ("target" >= 0),
  ADD CONSTRAINT "AdmissionTarget_year_check" CHECK ("year" BETWEEN 1930 AND 2200);

-- Sort keys order byte-wise (src/text/vietnamese.ts); the server's default collation would not.
ALTER TABLE "OrgUnit" ALTER COLUMN "sortKey" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "Member" ALTER COLUMN "sortKey" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "AdmissionCandidate" ALTER COLUMN "sortKey" SET DATA TYPE TEXT COLLATE "C";
