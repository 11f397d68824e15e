-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

