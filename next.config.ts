import type { NextConfig } from "next";

const config: NextConfig = {
  // WASM Postgres, the Prisma runtime and pg load native/wasm assets at run time: keep them unbundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
  ],
  typedRoutes: false,
};

export default config;
