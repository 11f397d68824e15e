-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('TERM', 'YEAR');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('RUNNING', 'READY', 'FAILED', 'DELETED');

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "unitId" INTEGER NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER NOT NULL,
    "structureOn" DATE,
    "formats" TEXT[],
    "status" "ReportStatus" NOT NULL DEFAULT 'RUNNING',
    "filesDone" INTEGER NOT NULL DEFAULT 0,
    "filesTotal" INTEGER NOT NULL DEFAULT 0,
    "files" JSONB,
    "title" TEXT,
    "error" TEXT,
    "keep" BOOLEAN NOT NULL DEFAULT false,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Report_unitId_idx" ON "Report"("unitId");

