-- CreateEnum
CREATE TYPE "CriterionComputation" AS ENUM ('TYPED', 'ATTENDANCE');

-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "computation" "CriterionComputation" NOT NULL DEFAULT 'TYPED';

-- CreateTable
CREATE TABLE "AttendanceBand" (
    "id" SERIAL NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "points" DECIMAL(5,2) NOT NULL,
    "minPresentPercent" DECIMAL(5,2),
    "minPresentInclusive" BOOLEAN NOT NULL DEFAULT false,
    "maxUnexcusedAbsences" INTEGER,
    "source" TEXT NOT NULL,

    CONSTRAINT "AttendanceBand_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttendanceBand_criterionId_idx" ON "AttendanceBand"("criterionId");

-- AddForeignKey
ALTER TABLE "AttendanceBand" ADD CONSTRAINT "AttendanceBand_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rules the database keeps itself (Prisma's schema has no CHECKs).
ALTER TABLE "AttendanceBand"
  ADD CONSTRAINT "AttendanceBand_points_check" CHECK ("points" >= 0 AND "points" <= 100),
  ADD CONSTRAINT "AttendanceBand_present_check" CHECK ("minPresentPercent" IS NULL OR "minPresentPercent" BETWEEN 0 AND 100),
  ADD CONSTRAINT "AttendanceBand_unexcused_check" CHECK ("maxUnexcusedAbsences" IS NULL OR "maxUnexcusedAbsences" >= 0);

-- The central set's attendance criterion follows from the record, as its wording says:
-- «trên 85%, không có đảng viên vắng mặt không lý do». The guidance gives full marks when both
-- hold and names no partial points; half when only one of the two holds is this project's
-- reading, said so in the band's source. Assessments already stored keep the points they were
-- given: they were scored under the rule of their day.
UPDATE "Criterion" c SET "computation" = 'ATTENDANCE'
  FROM "CriteriaSet" cs
 WHERE cs."id" = c."criteriaSetId" AND cs."code" = 'TW-12-HD-2018' AND c."code" = 'ATTENDANCE';

INSERT INTO "AttendanceBand" ("criterionId", "points", "minPresentPercent", "minPresentInclusive", "maxUnexcusedAbsences", "source")
SELECT c."id", b."points", b."minPresentPercent", FALSE, b."maxUnexcusedAbsences", b."source"
  FROM "Criterion" c
  JOIN "CriteriaSet" cs ON cs."id" = c."criteriaSetId"
 CROSS JOIN (VALUES
   (20.00, 85.00, 0,
    'Hướng dẫn 12-HD/BTCTW (2018): «Đảng viên dự sinh hoạt trên 85%, không có đảng viên vắng mặt không lý do»'),
   (10.00, 85.00, NULL,
    'Hướng dẫn 12-HD/BTCTW (2018), điều kiện «dự sinh hoạt trên 85%»; nửa số điểm khi chỉ đạt điều kiện này là cách đọc của chibo (hướng dẫn không quy định điểm từng phần)'),
   (10.00, NULL, 0,
    'Hướng dẫn 12-HD/BTCTW (2018), điều kiện «không có đảng viên vắng mặt không lý do»; nửa số điểm khi chỉ đạt điều kiện này là cách đọc của chibo (hướng dẫn không quy định điểm từng phần)')
 ) AS b("points", "minPresentPercent", "maxUnexcusedAbsences", "source")
 WHERE cs."code" = 'TW-12-HD-2018' AND c."code" = 'ATTENDANCE';
