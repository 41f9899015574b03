import { ready } from "@/server/bootstrap";
import { handleListRuns } from "@/server/traces/runs-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The workspace comes from the API key, not from a console session.
export async function GET(request: Request) {
  return handleListRuns(request, await ready());
}
