-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "secretHint" TEXT NOT NULL DEFAULT '';
