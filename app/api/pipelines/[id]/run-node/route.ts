import { consoleRoute } from "@/server/auth/context";
import { handleEditorNodeRun } from "@/server/api/editor-run";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRoute(request, "editor", (ctx) => handleEditorNodeRun(request, ctx, id));
}
