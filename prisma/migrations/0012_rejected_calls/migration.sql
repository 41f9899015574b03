-- Calls to a published endpoint refused before they ran (400, 401 with a known key, 403, 404 of a
-- disabled endpoint, 413, 429) leave a Run too, so every call is traced with its key's id: outcome
-- "rejected", the status the caller got, the reason in "error".
ALTER TYPE "RunOutcome" ADD VALUE 'rejected';

ALTER TABLE "Run" ADD COLUMN "statusCode" INTEGER;
