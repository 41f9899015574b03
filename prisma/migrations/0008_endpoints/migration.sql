-- Endpoints: a canary version beside the pinned one. Rate limits move from the endpoint to the key.
ALTER TABLE "Endpoint" DROP COLUMN "rateLimitPerMinute",
ADD COLUMN     "canaryVersionId" TEXT,
ADD COLUMN     "canaryPercent" INTEGER NOT NULL DEFAULT 0;

-- API keys: scope, per-minute rate limit and daily quota (null: none).
ALTER TABLE "ApiKey" ADD COLUMN     "allEndpoints" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "rateLimitPerMinute" INTEGER,
ADD COLUMN     "dailyQuota" INTEGER;

-- CreateTable
CREATE TABLE "ApiKeyEndpoint" (
    "apiKeyId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyEndpoint_pkey" PRIMARY KEY ("apiKeyId","endpointId")
);

-- CreateTable
CREATE TABLE "ApiKeyUsage" (
    "apiKeyId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "dayCount" INTEGER NOT NULL,
    "minuteStart" TIMESTAMP(3) NOT NULL,
    "minuteCount" INTEGER NOT NULL,

    CONSTRAINT "ApiKeyUsage_pkey" PRIMARY KEY ("apiKeyId","day")
);

-- CreateIndex
CREATE INDEX "ApiKeyEndpoint_endpointId_idx" ON "ApiKeyEndpoint"("endpointId");

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_canaryVersionId_fkey" FOREIGN KEY ("canaryVersionId") REFERENCES "PipelineVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyEndpoint" ADD CONSTRAINT "ApiKeyEndpoint_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyEndpoint" ADD CONSTRAINT "ApiKeyEndpoint_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyUsage" ADD CONSTRAINT "ApiKeyUsage_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
