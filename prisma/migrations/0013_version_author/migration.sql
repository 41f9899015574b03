-- Who published each version, as the audit log keeps its actors (id and name at the time, no foreign
-- key: a removed account's versions still say who published them). Versions published before this
-- migration have no author.
ALTER TABLE "PipelineVersion" ADD COLUMN "publishedById" TEXT;
ALTER TABLE "PipelineVersion" ADD COLUMN "publishedByName" TEXT NOT NULL DEFAULT '';
