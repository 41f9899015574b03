-- DropIndex
DROP INDEX "Span_runId_startedAt_idx";

-- AlterTable
ALTER TABLE "Span" ADD COLUMN     "ordinal" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Span_runId_ordinal_idx" ON "Span"("runId", "ordinal");
