-- CreateTable
CREATE TABLE "SnapshotChunk" (
    "snapshotId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "SnapshotChunk_pkey" PRIMARY KEY ("snapshotId","index")
);

-- AddForeignKey
ALTER TABLE "SnapshotChunk" ADD CONSTRAINT "SnapshotChunk_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A snapshot file is compressed already: kept out of line without a second compression.
ALTER TABLE "SnapshotChunk" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
