-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

