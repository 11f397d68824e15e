-- CreateEnum
CREATE TYPE "TransferDistance" AS ENUM ('SAME_DISTRICT', 'SAME_PROVINCE', 'OTHER_PROVINCE');

-- AlterEnum
ALTER TYPE "MemberStatus" ADD VALUE 'LEFT_PARTY';

-- AlterTable
ALTER TABLE "MemberAssignment" ADD COLUMN     "transferDistance" "TransferDistance",
ADD COLUMN     "transferredInFrom" TEXT;

-- CreateTable
CREATE TABLE "MembershipRestoration" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "cellId" INTEGER NOT NULL,
    "restoredOn" DATE NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "previousStatus" "MemberStatus" NOT NULL,
    "previousStatusOn" DATE NOT NULL,
    "decisionNumber" TEXT,

    CONSTRAINT "MembershipRestoration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MembershipRestoration_assignmentId_key" ON "MembershipRestoration"("assignmentId");

-- CreateIndex
CREATE INDEX "MembershipRestoration_memberId_idx" ON "MembershipRestoration"("memberId");

-- CreateIndex
CREATE INDEX "MembershipRestoration_cellId_idx" ON "MembershipRestoration"("cellId");

-- AddForeignKey
ALTER TABLE "MembershipRestoration" ADD CONSTRAINT "MembershipRestoration_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipRestoration" ADD CONSTRAINT "MembershipRestoration_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipRestoration" ADD CONSTRAINT "MembershipRestoration_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "MemberAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Moves already recorded between two cells of the store: the distance read from the two cells'
-- ancestry (a district above both: same district; else a province above both: same province).
UPDATE "MemberAssignment" a
   SET "transferDistance" = CASE
         WHEN EXISTS (SELECT 1 FROM "OrgUnit" d WHERE d.kind = 'DISTRICT' AND f.path LIKE d.path || '%' AND t.path LIKE d.path || '%') THEN 'SAME_DISTRICT'::"TransferDistance"
         WHEN EXISTS (SELECT 1 FROM "OrgUnit" p WHERE p.kind = 'PROVINCE' AND f.path LIKE p.path || '%' AND t.path LIKE p.path || '%') THEN 'SAME_PROVINCE'::"TransferDistance"
         ELSE 'OTHER_PROVINCE'::"TransferDistance"
       END
  FROM "MemberAssignment" prev, "OrgUnit" f, "OrgUnit" t
 WHERE prev."memberId" = a."memberId" AND prev."toDate" = a."fromDate" AND prev.id <> a.id
   AND f.id = prev."cellId" AND t.id = a."cellId";
