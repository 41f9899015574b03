import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { parseBaseUrl } from "@/server/auth/auth-config";
import { consoleContext } from "@/server/auth/context";
import { csrfRefusal } from "@/server/auth/csrf";
import { appRouter } from "@/server/api/root";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(request: Request) {
  // Cookie-authenticated mutations must come from the console's own pages.
  const refusal = csrfRefusal(request, parseBaseUrl(process.env.GROUNDWORK_BASE_URL));
  if (refusal) return Response.json({ error: { message: refusal, data: { code: "FORBIDDEN", httpStatus: 403 } } }, { status: 403 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // Who calls, in which workspace, with which role: procedures refuse what their builder does not allow.
    createContext: () => consoleContext(request),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
