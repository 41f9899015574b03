import { apiKeyRouter } from "./routers/api-key";
import { credentialRouter } from "./routers/credential";
import { endpointRouter } from "./routers/endpoint";
import { knowledgeBaseRouter } from "./routers/knowledge-base";
import { pipelineRouter } from "./routers/pipeline";
import { runRouter } from "./routers/run";
import { router } from "./trpc";

export const appRouter = router({
  pipeline: pipelineRouter,
  knowledgeBase: knowledgeBaseRouter,
  run: runRouter,
  apiKey: apiKeyRouter,
  endpoint: endpointRouter,
  credential: credentialRouter,
});

export type AppRouter = typeof appRouter;
