-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "buildAttempt" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReportFileCopy" (
    "reportId" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "ReportFileCopy_pkey" PRIMARY KEY ("reportId","file")
);

-- AddForeignKey
ALTER TABLE "ReportFileCopy" ADD CONSTRAINT "ReportFileCopy_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Workbooks and pictures are compressed already: kept out of line without a second compression.
ALTER TABLE "ReportFileCopy" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
