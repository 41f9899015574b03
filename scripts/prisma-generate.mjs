// Generates the Prisma client on install. Prisma 7's CLI downloads a native schema engine before
// any command, which this network forbids; `generate` does not use the engine, so any existing
// executable satisfies the check. Migrations are applied by server/db/migrate.ts instead.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(new URL("./schema-engine-stub.sh", import.meta.url));
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
