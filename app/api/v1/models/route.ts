import { ready } from "@/server/bootstrap";
import { handleModels } from "@/server/api/openai-compat/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleModels(request, await ready());
}
