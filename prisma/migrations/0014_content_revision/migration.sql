-- A counter per knowledge base that moves whenever what a search can return changes: a chunk added,
-- removed or edited (text, tokens, metadata, enabled), or a document renamed. A process that keeps a
-- base's index in memory (server/knowledge/retrieval/memory-indexes.ts) serves a run from it only
-- when its counter equals the one the run reads. Kept on "CorpusStat", whose row the chunk
-- statistics trigger already locks in the same statements, so writers wait on no new lock.
ALTER TABLE "CorpusStat" ADD COLUMN "revision" BIGINT NOT NULL DEFAULT 0;

-- Not expressible in schema.prisma (hand-written below this line).

-- Statement triggers with transition tables: one bump per base per statement, however many rows.
-- plpgsql plans each statement on first execution, so a branch naming a transition table this
-- event lacks is never planned.
CREATE FUNCTION groundwork_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CorpusStat" ("knowledgeBaseId", "chunks", "tokens", "revision")
    SELECT DISTINCT a."knowledgeBaseId", 0, 0, 1 FROM added_rows a ORDER BY 1
    ON CONFLICT ("knowledgeBaseId") DO UPDATE SET "revision" = "CorpusStat"."revision" + 1;
    RETURN NULL;
  END IF;
  -- Rows removed or changed belong to bases that had rows inserted, so their CorpusStat row exists
  -- (a base being deleted loses it by cascade: nothing to bump).
  IF TG_OP = 'DELETE' THEN
    UPDATE "CorpusStat" s SET "revision" = s."revision" + 1
    WHERE s."knowledgeBaseId" IN (SELECT r."knowledgeBaseId" FROM removed_rows r);
  ELSIF TG_TABLE_NAME = 'Chunk' THEN
    UPDATE "CorpusStat" s SET "revision" = s."revision" + 1
    WHERE s."knowledgeBaseId" IN (
      SELECT unnest(ARRAY[o."knowledgeBaseId", n."knowledgeBaseId"])
      FROM removed_rows o JOIN added_rows n ON n.id = o.id
      WHERE (o.text, o.tokens, o.metadata, o.disabled, o."knowledgeBaseId", o."documentId")
            IS DISTINCT FROM (n.text, n.tokens, n.metadata, n.disabled, n."knowledgeBaseId", n."documentId"));
  ELSE
    UPDATE "CorpusStat" s SET "revision" = s."revision" + 1
    WHERE s."knowledgeBaseId" IN (
      SELECT n."knowledgeBaseId" FROM removed_rows o JOIN added_rows n ON n.id = o.id WHERE o.title IS DISTINCT FROM n.title);
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER "Chunk_revision_insert" AFTER INSERT ON "Chunk"
  REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION groundwork_bump_revision();
CREATE TRIGGER "Chunk_revision_update" AFTER UPDATE ON "Chunk"
  REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION groundwork_bump_revision();
CREATE TRIGGER "Chunk_revision_delete" AFTER DELETE ON "Chunk"
  REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION groundwork_bump_revision();
CREATE TRIGGER "Document_revision_update" AFTER UPDATE ON "Document"
  REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION groundwork_bump_revision();
