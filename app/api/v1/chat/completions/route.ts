import { ready } from "@/server/bootstrap";
import { handleChatCompletions } from "@/server/api/openai-compat/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// OpenAI-compatible: `model` is the endpoint's slug; the workspace comes from the API key.
export async function POST(request: Request) {
  return handleChatCompletions(request, await ready());
}
