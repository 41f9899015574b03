-- Local ONNX model folders registered by path (rerankers, NLI models, embedders for transformers.js).
CREATE TABLE "LocalModel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalModel_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "LocalModel_workspaceId_name_key" ON "LocalModel"("workspaceId", "name");

ALTER TABLE "LocalModel" ADD CONSTRAINT "LocalModel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The offline domain guard's threshold fitted per knowledge base, and what the base was when fitted.
ALTER TABLE "KnowledgeBase" ADD COLUMN "guardThreshold" DOUBLE PRECISION,
ADD COLUMN "guardFingerprint" TEXT;
