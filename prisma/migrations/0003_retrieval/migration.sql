-- AlterTable
ALTER TABLE "KnowledgeBase" ADD COLUMN     "embedder" JSONB NOT NULL DEFAULT '{"kind": "none"}';

-- CreateTable
CREATE TABLE "ChunkTerm" (
    "knowledgeBaseId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "chunkId" TEXT NOT NULL,
    "tf" INTEGER NOT NULL,
    "length" INTEGER NOT NULL,

    CONSTRAINT "ChunkTerm_pkey" PRIMARY KEY ("knowledgeBaseId","term","chunkId","tf","length")
);

-- CreateTable
CREATE TABLE "TermStat" (
    "knowledgeBaseId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "df" INTEGER NOT NULL,

    CONSTRAINT "TermStat_pkey" PRIMARY KEY ("knowledgeBaseId","term")
);

-- CreateTable
CREATE TABLE "CorpusStat" (
    "knowledgeBaseId" TEXT NOT NULL,
    "chunks" INTEGER NOT NULL,
    "tokens" BIGINT NOT NULL,

    CONSTRAINT "CorpusStat_pkey" PRIMARY KEY ("knowledgeBaseId")
);

-- CreateTable
CREATE TABLE "LsaModel" (
    "knowledgeBaseId" TEXT NOT NULL,
    "dimensions" INTEGER NOT NULL,
    "fittedChunks" INTEGER NOT NULL,
    "terms" TEXT[],
    "idf" BYTEA NOT NULL,
    "projection" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LsaModel_pkey" PRIMARY KEY ("knowledgeBaseId")
);

-- AddForeignKey
ALTER TABLE "TermStat" ADD CONSTRAINT "TermStat_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorpusStat" ADD CONSTRAINT "CorpusStat_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LsaModel" ADD CONSTRAINT "LsaModel_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma (hand-written below this line).

-- BM25 statistics follow every write of "Chunk": statement-level triggers see all rows of a bulk
-- write at once, so a createMany or COPY of thousands of chunks costs one aggregate per statement.
-- Statistics rows are written in (base, term) order so concurrent writers lock them in one order.
-- An update (edited text, a disabled chunk) removes the old terms and adds the new. Removal only
-- updates statistics rows: a base being deleted has already lost them by cascade.
CREATE FUNCTION groundwork_chunk_terms() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
      DELETE FROM "ChunkTerm" p
      USING (SELECT DISTINCT r."knowledgeBaseId", t.term, r.id FROM (%s) r CROSS JOIN LATERAL unnest(r.tokens) AS t(term)) gone
      WHERE p."knowledgeBaseId" = gone."knowledgeBaseId" AND p."term" = gone.term AND p."chunkId" = gone.id$q$, removed);
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
      INSERT INTO "ChunkTerm" ("knowledgeBaseId", "term", "chunkId", "tf", "length")
      SELECT a."knowledgeBaseId", t.term, a.id, count(*)::int, cardinality(a.tokens)
      FROM (%s) a CROSS JOIN LATERAL unnest(a.tokens) AS t(term)
      GROUP BY a."knowledgeBaseId", t.term, a.id, cardinality(a.tokens)$q$, added);
    EXECUTE format($q$
      INSERT INTO "TermStat" ("knowledgeBaseId", "term", "df")
      SELECT a."knowledgeBaseId", t.term, count(DISTINCT a.id)::int
      FROM (%s) a CROSS JOIN LATERAL unnest(a.tokens) AS t(term)
      GROUP BY a."knowledgeBaseId", t.term ORDER BY a."knowledgeBaseId", t.term
      ON CONFLICT ("knowledgeBaseId", "term") DO UPDATE SET "df" = "TermStat"."df" + excluded."df"$q$, added);
    EXECUTE format($q$
      INSERT INTO "CorpusStat" ("knowledgeBaseId", "chunks", "tokens")
      SELECT a."knowledgeBaseId", count(*)::int, sum(cardinality(a.tokens))
      FROM (%s) a WHERE cardinality(a.tokens) > 0
      GROUP BY a."knowledgeBaseId" ORDER BY a."knowledgeBaseId"
      ON CONFLICT ("knowledgeBaseId") DO UPDATE
        SET "chunks" = "CorpusStat"."chunks" + excluded."chunks", "tokens" = "CorpusStat"."tokens" + excluded."tokens"$q$, added);
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER "Chunk_terms_insert" AFTER INSERT ON "Chunk"
  REFERENCING NEW TABLE AS added_chunks FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunk_terms();
CREATE TRIGGER "Chunk_terms_update" AFTER UPDATE ON "Chunk"
  REFERENCING OLD TABLE AS removed_chunks NEW TABLE AS added_chunks FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunk_terms();
CREATE TRIGGER "Chunk_terms_delete" AFTER DELETE ON "Chunk"
  REFERENCING OLD TABLE AS removed_chunks FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunk_terms();

-- The terms of chunks written before this migration.
INSERT INTO "ChunkTerm" ("knowledgeBaseId", "term", "chunkId", "tf", "length")
SELECT c."knowledgeBaseId", t.term, c.id, count(*)::int, cardinality(c.tokens)
FROM "Chunk" c CROSS JOIN LATERAL unnest(c.tokens) AS t(term)
GROUP BY c."knowledgeBaseId", t.term, c.id, cardinality(c.tokens);
INSERT INTO "TermStat" ("knowledgeBaseId", "term", "df")
SELECT "knowledgeBaseId", "term", count(*)::int FROM "ChunkTerm" GROUP BY "knowledgeBaseId", "term";
INSERT INTO "CorpusStat" ("knowledgeBaseId", "chunks", "tokens")
SELECT "knowledgeBaseId", count(*)::int, sum(cardinality(tokens)) FROM "Chunk" WHERE cardinality(tokens) > 0 GROUP BY "knowledgeBaseId";

-- Dense vectors live in their own schema, beside "Chunk" rather than in it: an HNSW index needs a
-- fixed dimension and bases differ (USE 512, LSA 256, providers 384–1536), so each common dimension
-- gets a partial HNSW index over a cast, and any other dimension is searched exactly. schema.prisma
-- cannot declare such indexes; the separate schema keeps them out of the Prisma drift check.
CREATE SCHEMA IF NOT EXISTS retrieval;
CREATE TABLE retrieval.chunk_vector (
    chunk_id TEXT PRIMARY KEY REFERENCES "Chunk"("id") ON DELETE CASCADE,
    knowledge_base_id TEXT NOT NULL,
    dims INTEGER NOT NULL,
    embedding vector NOT NULL
);
CREATE INDEX chunk_vector_base_idx ON retrieval.chunk_vector (knowledge_base_id);
CREATE INDEX chunk_vector_hnsw_256 ON retrieval.chunk_vector USING hnsw ((embedding::vector(256)) vector_cosine_ops) WHERE dims = 256;
CREATE INDEX chunk_vector_hnsw_384 ON retrieval.chunk_vector USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE dims = 384;
CREATE INDEX chunk_vector_hnsw_512 ON retrieval.chunk_vector USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE dims = 512;
CREATE INDEX chunk_vector_hnsw_768 ON retrieval.chunk_vector USING hnsw ((embedding::vector(768)) vector_cosine_ops) WHERE dims = 768;
CREATE INDEX chunk_vector_hnsw_1024 ON retrieval.chunk_vector USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE dims = 1024;
CREATE INDEX chunk_vector_hnsw_1536 ON retrieval.chunk_vector USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE dims = 1536;
