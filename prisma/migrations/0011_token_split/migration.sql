-- Input (prompt) and output (completion) tokens kept apart, per span and summed per run, so cost is
-- priced at each side's list price. Rows written before this keep 0 / 0 beside their `tokens` total:
-- their split is unknown and their cost stays an estimate at an assumed mix.
ALTER TABLE "Run" ADD COLUMN "inputTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "outputTokens" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Span" ADD COLUMN "inputTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "outputTokens" INTEGER NOT NULL DEFAULT 0;
