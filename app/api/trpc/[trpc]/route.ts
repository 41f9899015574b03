import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { requestContext } from "@/server/auth/context";
import { appRouter } from "@/server/api/root";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => requestContext(request),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
