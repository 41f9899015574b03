import { ready } from "@/server/bootstrap";
import { handlePublishedRun } from "@/server/api/published-run";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The workspace comes from the API key, not from a console session.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handlePublishedRun(request, await ready(), slug);
}
