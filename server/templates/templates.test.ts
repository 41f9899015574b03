import { beforeAll, expect, it } from "vitest";
import { validateGraph } from "@/nodes/validate";
import type { Answer } from "@/nodes/ports";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { SpanRecord } from "@/server/runtime/events";
import { executeGraph } from "@/server/runtime/execute";
import { pipelineTemplates, templateIds } from "./catalogue";
import { createTestBases, type TestBases } from "./testing/knowledge-bases";

describeEachDatabase("pipeline templates", (getDb) => {
  let bases: TestBases;
  beforeAll(async () => {
    bases = await createTestBases(getDb());
  });

  const run = async (graph: ReturnType<(typeof pipelineTemplates)["strict"]>, question: string, history: Array<{ role: "user" | "assistant"; content: string }> = []) => {
    const spans: SpanRecord[] = [];
    const result = await executeGraph(graph, {
      runId: "run",
      workspaceId: bases.workspaceId,
      input: { question, history },
      knowledge: createKnowledgeStore(getDb(), bases.workspaceId),
      onSpan: (span) => spans.push(span),
    });
    return { result, spans, answer: result.output?.answer as Answer | undefined };
  };

  it.each(templateIds)("%s validates and answers offline from the seeded example, citing it", async (id) => {
    const graph = pipelineTemplates[id](bases.tenancyId);
    expect(validateGraph(graph)).toMatchObject({ ok: true });
    const { result, answer } = await run(graph, "How long does the landlord have to return my deposit?");
    expect(result.status).toBe("answered");
    expect(answer?.mode).toBe("offline");
    expect(answer?.citations.length).toBeGreaterThan(0);
    expect(answer?.citations.every((c) => c.source.title.length > 0)).toBe(true);
    expect(answer?.sentences.every((s) => s.markers.length > 0)).toBe(true);
    if (id === "strict") expect(result.output?.verdict).toMatchObject({ supported: true });
  });

  it("strict: refuses an out-of-domain question at the guard, without retrieving or generating", async () => {
    const { result, answer, spans } = await run(pipelineTemplates.strict(bases.tenancyId), "Which football team won the league in Paris?");
    expect(result.status).toBe("refused");
    expect(answer?.refusalReason).toMatch(/^Out of domain/);
    expect(spans.map((s) => s.nodeId).sort()).toEqual(["guard", "merge", "output", "question", "rewrite"]);
  });

  it("strict: makes a follow-up standalone before the guard judges it", async () => {
    const history = [
      { role: "user" as const, content: "What happens to my security deposit?" },
      { role: "assistant" as const, content: "It must be protected in a scheme." },
    ];
    const { result, spans } = await run(pipelineTemplates.strict(bases.tenancyId), "When do I get it back?", history);
    expect(spans.find((s) => s.nodeId === "rewrite")?.outputs).toMatchObject({ query: { question: expect.stringContaining("deposit") } });
    expect(result.status).toBe("answered");
  });
});
