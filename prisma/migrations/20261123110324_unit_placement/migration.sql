-- CreateTable
CREATE TABLE "UnitPlacement" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,

    CONSTRAINT "UnitPlacement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitPlacement_unitId_idx" ON "UnitPlacement"("unitId");

-- CreateIndex
CREATE INDEX "UnitPlacement_parentId_idx" ON "UnitPlacement"("parentId");

-- AddForeignKey
ALTER TABLE "UnitPlacement" ADD CONSTRAINT "UnitPlacement_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitPlacement" ADD CONSTRAINT "UnitPlacement_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A placement never ends before it starts.
ALTER TABLE "UnitPlacement" ADD CONSTRAINT "UnitPlacement_dates_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");

-- Units recorded before placements were kept stand where they stand now, since they were founded.
INSERT INTO "UnitPlacement" ("unitId", "parentId", "validFrom", "validTo")
SELECT "id", "parentId", "validFrom", NULL FROM "OrgUnit" ORDER BY "id";
