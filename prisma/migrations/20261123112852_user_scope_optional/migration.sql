-- AlterTable
ALTER TABLE "User" ALTER COLUMN "scopeUnitId" DROP NOT NULL;

