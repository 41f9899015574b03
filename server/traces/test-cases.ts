// Trace → test case: a run's question (with its history, answer and citations as the expected
// result) saved into a named test set, and a saved case replayed on any version of its pipeline.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { extractAnswer } from "@/components/answer/extract-answer";
import { query as querySchema } from "@/nodes/ports";
import { parseStoredGraph } from "@/server/api/graph-json";
import type { Db } from "@/server/db/client";
import { runPipeline } from "@/server/runtime/run-pipeline";

export const saveRunInput = z.object({
  runId: z.string().min(1),
  testSetName: z.string().trim().min(1, "Name the test set").max(100, "Keep the test set's name under 100 characters"),
  /** The answer a correct run gives; defaults to this run's answer. */
  expectedAnswer: z.string().max(20_000).optional(),
});

export type ExpectedCitation = { marker: number; passageId: string; documentId: string; title: string; page?: number };

export async function saveRunAsTestCase(db: Db, workspaceId: string, input: z.output<typeof saveRunInput>) {
  const run = await db.run.findFirst({ where: { id: input.runId, workspaceId }, select: { id: true, pipelineId: true, input: true, output: true } });
  if (!run) throw new TRPCError({ code: "NOT_FOUND", message: `Run ${input.runId} does not exist in this workspace.` });
  const asked = querySchema.safeParse(run.input);
  if (!asked.success) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Run ${run.id} has no question to save.` });
  const answer = extractAnswer(run.output);
  const expectedCitations: ExpectedCitation[] = (answer?.citations ?? []).map((c) => ({
    marker: c.marker,
    passageId: c.passageId,
    documentId: c.source.documentId,
    title: c.source.title,
    ...(c.source.page !== undefined ? { page: c.source.page } : {}),
  }));
  const set = await db.testSet.upsert({
    where: { workspaceId_name: { workspaceId, name: input.testSetName } },
    create: { workspaceId, name: input.testSetName },
    update: {},
    select: { id: true, name: true },
  });
  const created = await db.testCase.create({
    data: {
      workspaceId,
      testSetId: set.id,
      pipelineId: run.pipelineId,
      question: asked.data.question,
      history: asked.data.history,
      expectedAnswer: input.expectedAnswer ?? answer?.text ?? "",
      expectedCitations,
      sourceRunId: run.id,
    },
    select: { id: true },
  });
  return { testSetId: set.id, testSetName: set.name, caseId: created.id };
}

/** Runs a saved case's question on `versionId` (a version of the case's pipeline; number 0 is the draft). */
export async function replayTestCase(db: Db, workspaceId: string, caseId: string, versionId: string) {
  const testCase = await db.testCase.findFirst({ where: { id: caseId, workspaceId }, select: { pipelineId: true, question: true, history: true } });
  if (!testCase) throw new TRPCError({ code: "NOT_FOUND", message: `Test case ${caseId} does not exist in this workspace.` });
  const version = await db.pipelineVersion.findFirst({ where: { id: versionId, workspaceId, pipelineId: testCase.pipelineId }, select: { id: true, number: true, graph: true } });
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `Version ${versionId} is not a version of this case's pipeline.` });
  const history = querySchema.shape.history.parse(testCase.history);
  const result = await runPipeline(db, {
    workspaceId,
    pipelineId: testCase.pipelineId,
    versionId: version.id,
    source: "editor",
    graph: parseStoredGraph(version.graph, `version ${version.number} of pipeline ${testCase.pipelineId}`),
    input: { question: testCase.question, history },
  });
  return { runId: result.runId, status: result.status };
}
