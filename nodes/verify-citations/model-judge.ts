// The provider-mode support check: an LLM judge reads each sentence with the passages it cites and
// labels it entailment / neutral / contradiction with a confidence, in one structured call per answer.
import { z } from "zod";
import { fillPrompt, type ProviderRef } from "@/nodes/model-config";
import { verdictLabel } from "@/nodes/ports";
import type { ModelProviders } from "@/server/providers/model-providers";

const judgement = z.object({
  verdicts: z.array(z.object({ index: z.number().int().min(1), label: verdictLabel, score: z.number().min(0).max(1) })),
});

export interface JudgeItem {
  sentence: string;
  passages: string[];
}

export async function judgeWithModel(
  providers: ModelProviders,
  ref: ProviderRef,
  prompt: string,
  items: JudgeItem[],
  signal?: AbortSignal,
): Promise<Array<{ label: z.output<typeof verdictLabel>; score: number }>> {
  if (items.length === 0) return [];
  const listed = items
    .map((item, i) => `Sentence ${i + 1}: ${item.sentence}\n${item.passages.map((p, j) => `  Passage ${i + 1}.${j + 1}: ${p}`).join("\n") || "  (no passage cited)"}`)
    .join("\n\n");
  const reply = await providers.structured(
    ref,
    judgement.refine((j) => items.every((_, i) => j.verdicts.some((v) => v.index === i + 1)), {
      message: `Give one verdict for each sentence, index 1 to ${items.length}`,
    }),
    [{ role: "user", content: fillPrompt(prompt, { items: listed }) }],
    { signal },
  );
  const byIndex = new Map(reply.verdicts.map((v) => [v.index, { label: v.label, score: v.score }]));
  // The refinement above made the model give one verdict per sentence.
  return items.map((_, i) => byIndex.get(i + 1)!);
}
