-- Traces (issue 6): run outcomes, token totals, text search on questions, per-pipeline privacy,
-- and test sets saved from traces.

-- CreateEnum
CREATE TYPE "RunOutcome" AS ENUM ('answered', 'flagged', 'refused', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "Pipeline" ADD COLUMN "redactTraces" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "traceRetentionDays" INTEGER;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "outcome" "RunOutcome",
ADD COLUMN "tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "questionTrigrams" TEXT[];

-- Runs that ended before this migration get the outcome their status implies; none was verified.
UPDATE "Run" SET "outcome" = "status"::text::"RunOutcome" WHERE "status" <> 'running';

-- Lower-cased character trigrams of a text. PGlite ships pg_trgm only as an extension the client
-- must load, so the runs page's substring search keeps its own trigram array under a GIN index:
-- a search asks for rows holding every trigram of the term, then rechecks with ILIKE.
CREATE FUNCTION groundwork_trigrams(input text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT COALESCE(array_agg(DISTINCT substr(lower(input), i, 3)), ARRAY[]::text[])
  FROM generate_series(1, char_length(input) - 2) AS i
$fn$;

CREATE FUNCTION groundwork_run_question_trigrams() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."questionTrigrams" := groundwork_trigrams(NEW."question");
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "Run_question_trigrams" BEFORE INSERT OR UPDATE OF "question" ON "Run"
  FOR EACH ROW EXECUTE FUNCTION groundwork_run_question_trigrams();

UPDATE "Run" SET "questionTrigrams" = groundwork_trigrams("question");

-- AlterTable
ALTER TABLE "Span" ADD COLUMN "model" TEXT;

-- DropIndex
DROP INDEX "Run_pipelineId_startedAt_idx";

-- CreateIndex
CREATE INDEX "Run_pipelineId_startedAt_id_idx" ON "Run"("pipelineId", "startedAt" DESC, "id" DESC);
CREATE INDEX "Run_versionId_startedAt_id_idx" ON "Run"("versionId", "startedAt" DESC, "id" DESC);
CREATE INDEX "Run_apiKeyId_startedAt_id_idx" ON "Run"("apiKeyId", "startedAt" DESC, "id" DESC);
CREATE INDEX "Run_workspaceId_outcome_startedAt_id_idx" ON "Run"("workspaceId", "outcome", "startedAt" DESC, "id" DESC);
CREATE INDEX "Run_workspaceId_source_startedAt_id_idx" ON "Run"("workspaceId", "source", "startedAt" DESC, "id" DESC);
CREATE INDEX "Run_questionTrigrams_idx" ON "Run" USING GIN ("questionTrigrams");
CREATE INDEX "Span_workspaceId_startedAt_idx" ON "Span"("workspaceId", "startedAt");

-- CreateTable
CREATE TABLE "TestSet" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestCase" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "testSetId" TEXT NOT NULL,
    "pipelineId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "history" JSONB NOT NULL DEFAULT '[]',
    "expectedAnswer" TEXT NOT NULL DEFAULT '',
    "expectedCitations" JSONB NOT NULL DEFAULT '[]',
    "sourceRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestCase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TestSet_workspaceId_name_key" ON "TestSet"("workspaceId", "name");
CREATE INDEX "TestCase_testSetId_createdAt_idx" ON "TestCase"("testSetId", "createdAt");

-- AddForeignKey
ALTER TABLE "TestCase" ADD CONSTRAINT "TestCase_testSetId_fkey" FOREIGN KEY ("testSetId") REFERENCES "TestSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TestCase" ADD CONSTRAINT "TestCase_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
