import { consoleRoute } from "@/server/auth/context";
import { handleDocumentUpload } from "@/server/api/upload-documents";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRoute(request, "editor", (ctx) => handleDocumentUpload(request, ctx, id));
}
