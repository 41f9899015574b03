import { ready } from "@/server/bootstrap";
import { handleGetRun } from "@/server/traces/runs-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The workspace comes from the API key, not from a console session.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleGetRun(request, await ready(), id);
}
