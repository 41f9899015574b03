-- BM25 postings ordered by impact (see the comment on model ChunkTerm and server/knowledge/retrieval/bm25.ts).
ALTER TABLE "ChunkTerm" DROP CONSTRAINT "ChunkTerm_pkey";
ALTER TABLE "ChunkTerm" ADD COLUMN "impact" DOUBLE PRECISION;
UPDATE "ChunkTerm" p SET "impact" = p."tf" / (p."tf" + 0.9 * (0.6 + 0.4 * p."length" / greatest(s."tokens"::float8 / greatest(s."chunks", 1), 1)))
FROM "CorpusStat" s WHERE s."knowledgeBaseId" = p."knowledgeBaseId";
UPDATE "ChunkTerm" SET "impact" = 0 WHERE "impact" IS NULL;
ALTER TABLE "ChunkTerm" ALTER COLUMN "impact" SET NOT NULL;
ALTER TABLE "ChunkTerm" ADD CONSTRAINT "ChunkTerm_pkey" PRIMARY KEY ("chunkId", "term");

-- CreateIndex
CREATE INDEX "ChunkTerm_knowledgeBaseId_term_impact_chunkId_tf_length_idx" ON "ChunkTerm"("knowledgeBaseId", "term", "impact" DESC, "chunkId", "tf", "length");

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "cursor" TEXT,
ADD COLUMN     "progress" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "total" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "EmbeddingCache" (
    "knowledgeBaseId" TEXT NOT NULL,
    "embedder" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,

    CONSTRAINT "EmbeddingCache_pkey" PRIMARY KEY ("knowledgeBaseId","embedder","textHash")
);

-- AddForeignKey
ALTER TABLE "EmbeddingCache" ADD CONSTRAINT "EmbeddingCache_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma (hand-written below this line).

-- The statistics trigger of 0003_retrieval, now writing each posting's impact: BM25's tf part
-- tf / (tf + k1·(1 − b + b·length/avgdl)) with k1 = 0.9, b = 0.4 (defaultBm25) and the base's average
-- chunk length once this statement's chunks are counted — so CorpusStat is written before ChunkTerm.
-- The impact only orders a term's postings; scores are computed at query time from tf, length and the
-- statistics of that moment, so an average that drifts after a posting was written makes the order
-- slightly stale, never a score wrong. Removed chunks lose their postings by chunk id (the key).
CREATE OR REPLACE FUNCTION groundwork_chunk_terms() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed CONSTANT text := 'o.tokens IS DISTINCT FROM n.tokens OR o."knowledgeBaseId" <> n."knowledgeBaseId"';
  removed text;
  added text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    added := 'SELECT "knowledgeBaseId", id, tokens FROM added_chunks';
  ELSIF TG_OP = 'DELETE' THEN
    removed := 'SELECT "knowledgeBaseId", id, tokens FROM removed_chunks';
  ELSE
    removed := 'SELECT o."knowledgeBaseId", o.id, o.tokens FROM removed_chunks o JOIN added_chunks n ON n.id = o.id WHERE ' || changed;
    added := 'SELECT n."knowledgeBaseId", n.id, n.tokens FROM removed_chunks o JOIN added_chunks n ON n.id = o.id WHERE ' || changed;
  END IF;

  IF removed IS NOT NULL THEN
    EXECUTE format($q$
      DELETE FROM "ChunkTerm" p USING (%s) r WHERE p."chunkId" = r.id AND cardinality(r.tokens) > 0$q$, removed);
    EXECUTE format($q$
      UPDATE "TermStat" s SET "df" = s."df" - gone.df
      FROM (SELECT r."knowledgeBaseId", t.term, count(DISTINCT r.id)::int AS df
            FROM (%s) r CROSS JOIN LATERAL unnest(r.tokens) AS t(term)
            GROUP BY r."knowledgeBaseId", t.term ORDER BY r."knowledgeBaseId", t.term) gone
      WHERE s."knowledgeBaseId" = gone."knowledgeBaseId" AND s."term" = gone.term$q$, removed);
    EXECUTE format($q$
      DELETE FROM "TermStat" s
      USING (SELECT DISTINCT r."knowledgeBaseId", t.term FROM (%s) r CROSS JOIN LATERAL unnest(r.tokens) AS t(term)) gone
      WHERE s."knowledgeBaseId" = gone."knowledgeBaseId" AND s."term" = gone.term AND s."df" <= 0$q$, removed);
    EXECUTE format($q$
      UPDATE "CorpusStat" s SET "chunks" = s."chunks" - gone.chunks, "tokens" = s."tokens" - gone.tokens
      FROM (SELECT r."knowledgeBaseId", count(*)::int AS chunks, sum(cardinality(r.tokens)) AS tokens
            FROM (%s) r WHERE cardinality(r.tokens) > 0 GROUP BY r."knowledgeBaseId") gone
      WHERE s."knowledgeBaseId" = gone."knowledgeBaseId"$q$, removed);
  END IF;

  IF added IS NOT NULL THEN
    EXECUTE format($q$
      INSERT INTO "CorpusStat" ("knowledgeBaseId", "chunks", "tokens")
      SELECT a."knowledgeBaseId", count(*)::int, sum(cardinality(a.tokens))
      FROM (%s) a WHERE cardinality(a.tokens) > 0
      GROUP BY a."knowledgeBaseId" ORDER BY a."knowledgeBaseId"
      ON CONFLICT ("knowledgeBaseId") DO UPDATE
        SET "chunks" = "CorpusStat"."chunks" + excluded."chunks", "tokens" = "CorpusStat"."tokens" + excluded."tokens"$q$, added);
    EXECUTE format($q$
      INSERT INTO "TermStat" ("knowledgeBaseId", "term", "df")
      SELECT a."knowledgeBaseId", t.term, count(DISTINCT a.id)::int
      FROM (%s) a CROSS JOIN LATERAL unnest(a.tokens) AS t(term)
      GROUP BY a."knowledgeBaseId", t.term ORDER BY a."knowledgeBaseId", t.term
      ON CONFLICT ("knowledgeBaseId", "term") DO UPDATE SET "df" = "TermStat"."df" + excluded."df"$q$, added);
    EXECUTE format($q$
      INSERT INTO "ChunkTerm" ("knowledgeBaseId", "term", "chunkId", "tf", "length", "impact")
      SELECT g."knowledgeBaseId", g.term, g.id, g.tf, g.length,
             g.tf / (g.tf + 0.9 * (0.6 + 0.4 * g.length / greatest(s."tokens"::float8 / greatest(s."chunks", 1), 1)))
      FROM (SELECT a."knowledgeBaseId", t.term, a.id, count(*)::int AS tf, cardinality(a.tokens) AS length
            FROM (%s) a CROSS JOIN LATERAL unnest(a.tokens) AS t(term)
            GROUP BY a."knowledgeBaseId", t.term, a.id, cardinality(a.tokens)) g
      JOIN "CorpusStat" s ON s."knowledgeBaseId" = g."knowledgeBaseId"$q$, added);
  END IF;
  RETURN NULL;
END $fn$;
