import { consoleRoute } from "@/server/auth/context";
import { handleEditorRun } from "@/server/api/editor-run";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRoute(request, "editor", (ctx) => handleEditorRun(request, ctx, id));
}
