// Counts a model call's tokens into the node's span, from whatever the provider reported: LangChain's
// usage metadata on the message (OpenAI, Ollama, streamed or not), else the legacy llmOutput totals.
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { LLMResult } from "@langchain/core/outputs";

export interface TokenSink {
  addTokens(count: { input?: number; output?: number }): void;
}

interface Usage {
  input_tokens?: number;
  output_tokens?: number;
}

export function usageOf(result: LLMResult): { input: number; output: number } | null {
  let input = 0;
  let output = 0;
  let found = false;
  for (const generations of result.generations) {
    const usage = (generations[0] as { message?: { usage_metadata?: Usage } } | undefined)?.message?.usage_metadata;
    if (!usage) continue;
    found = true;
    input += usage.input_tokens ?? 0;
    output += usage.output_tokens ?? 0;
  }
  if (found) return { input, output };
  const legacy = (result.llmOutput?.tokenUsage ?? result.llmOutput?.estimatedTokenUsage) as { promptTokens?: number; completionTokens?: number } | undefined;
  return legacy ? { input: legacy.promptTokens ?? 0, output: legacy.completionTokens ?? 0 } : null;
}

export class TokenCounter extends BaseCallbackHandler {
  name = "groundwork_token_counter";

  constructor(private readonly sink: TokenSink) {
    super();
  }

  override handleLLMEnd(result: LLMResult): void {
    const usage = usageOf(result);
    if (usage) this.sink.addTokens(usage);
  }
}
