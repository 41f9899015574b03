// The trace API: GET /api/v1/runs (the runs page's filters as query parameters, keyset `cursor`)
// and GET /api/v1/runs/<id> (one run's trace), for an API key of the workspace. Errors are JSON
// with a precise message: 401 for a missing or bad key, 400 for a bad parameter, 404 for a run the
// key's workspace does not have.
import { verifyBearer } from "@/server/auth/api-keys";
import type { Db } from "@/server/db/client";
import { jsonResponse } from "@/server/api/json-response";
import { describeIssues, formatIssues } from "@/server/api/zod-issues";
import { getRunTrace } from "./get-run";
import { BadCursorError, listRuns } from "./list-runs";
import { runFilters } from "./run-filters";

const KNOWN_PARAMS = new Set(Object.keys(runFilters.shape));

async function authorize(request: Request, db: Db): Promise<{ workspaceId: string } | Response> {
  const authorization = request.headers.get("authorization");
  const key = await verifyBearer(db, authorization);
  if (key.ok) return { workspaceId: key.workspaceId };
  const challenge = authorization ? 'Bearer realm="groundwork", error="invalid_token"' : 'Bearer realm="groundwork"';
  return jsonResponse(401, { error: key.reason }, { "www-authenticate": challenge });
}

export async function handleListRuns(request: Request, db: Db): Promise<Response> {
  const auth = await authorize(request, db);
  if (auth instanceof Response) return auth;
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!KNOWN_PARAMS.has(name)) {
      return jsonResponse(400, { error: `Unknown query parameter "${name}"; use ${[...KNOWN_PARAMS].join(", ")}.` });
    }
    if (name in query) return jsonResponse(400, { error: `The query parameter "${name}" is given twice.` });
    query[name] = value;
  }
  const filters = runFilters.safeParse(query);
  if (!filters.success) {
    return jsonResponse(400, { error: formatIssues(filters.error.issues, "query"), issues: describeIssues(filters.error.issues) });
  }
  try {
    const page = await listRuns(db, auth.workspaceId, filters.data);
    return jsonResponse(200, { data: page.items, nextCursor: page.nextCursor });
  } catch (error) {
    if (error instanceof BadCursorError) return jsonResponse(400, { error: error.message });
    throw error;
  }
}

export async function handleGetRun(request: Request, db: Db, id: string): Promise<Response> {
  const auth = await authorize(request, db);
  if (auth instanceof Response) return auth;
  const run = await getRunTrace(db, auth.workspaceId, id);
  // Another workspace's run is reported exactly like a missing one.
  if (!run) return jsonResponse(404, { error: `No run ${id} in this API key's workspace.` });
  return jsonResponse(200, run);
}
