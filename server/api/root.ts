import { accountRouter } from "./routers/account";
import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { credentialRouter } from "./routers/credential";
import { dashboardRouter } from "./routers/dashboard";
import { endpointRouter } from "./routers/endpoint";
import { knowledgeBaseRouter } from "./routers/knowledge-base";
import { memberRouter } from "./routers/member";
import { localModelRouter } from "./routers/local-model";
import { pipelineRouter } from "./routers/pipeline";
import { runRouter } from "./routers/run";
import { testSetRouter } from "./routers/test-set";
import { workspaceRouter } from "./routers/workspace";
import { router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  workspace: workspaceRouter,
  member: memberRouter,
  audit: auditRouter,
  pipeline: pipelineRouter,
  knowledgeBase: knowledgeBaseRouter,
  run: runRouter,
  testSet: testSetRouter,
  dashboard: dashboardRouter,
  apiKey: apiKeyRouter,
  endpoint: endpointRouter,
  credential: credentialRouter,
  localModel: localModelRouter,
});

export type AppRouter = typeof appRouter;
