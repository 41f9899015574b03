import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Runs search PostgreSQL unless a test turns in-memory indexes on: an index read in the
    // background would otherwise make which path a test takes depend on timing.
    env: { GROUNDWORK_MEMORY_INDEX_CHUNKS: "0" },
  },
});
