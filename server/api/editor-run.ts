// POST /api/pipelines/<id>/run: runs the saved draft for the editor and streams every RunEvent as SSE;
// POST /api/pipelines/<id>/run-node: the same for one node of it.
import { z } from "zod";
import { validateGraph } from "@/nodes/validate";
import type { RequestContext } from "@/server/auth/context";
import { GraphInvalidError, NodeInputsError, planNodeRun, type PartialPlan } from "@/server/runtime/execute";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { parseStoredGraph } from "./graph-json";
import { jsonResponse } from "./json-response";
import { megabytes, readBody } from "./read-body";
import { MAX_RUN_BODY_BYTES, readRunRequest, runRequestBody } from "./run-request";
import { eventStreamResponse } from "./sse";
import { describeIssues, formatIssues } from "./zod-issues";

export async function handleEditorRun(request: Request, ctx: RequestContext, pipelineId: string): Promise<Response> {
  const read = await readRunRequest(request);
  if (!read.ok) return jsonResponse(read.status, { error: read.error, ...(read.issues ? { issues: read.issues } : {}) });

  const draft = await ctx.db.pipelineVersion.findFirst({
    where: { pipelineId, number: 0, workspaceId: ctx.workspaceId },
    select: { id: true, graph: true },
  });
  if (!draft) return jsonResponse(404, { error: `Pipeline ${pipelineId} does not exist in this workspace.` });

  // The stored JSON is checked as a save checks it; an unreadable draft comes back as problems, not a crash.
  const check = validateGraph(draft.graph);
  if (!check.ok) {
    return jsonResponse(400, {
      error: `The saved draft has ${check.problems.length} problem(s); fix them and save before running.`,
      problems: check.problems,
    });
  }

  return eventStreamResponse(request.signal, async (send, signal) => {
    await runPipeline(ctx.db, {
      workspaceId: ctx.workspaceId,
      pipelineId,
      versionId: draft.id,
      source: "editor",
      graph: check.graph,
      input: read.body,
      signal,
      onEvent: (event) => send(event.type, event),
    });
  });
}

export const nodeRunBody = runRequestBody.extend({
  nodeId: z.string().min(1).max(100),
  /** The node's inputs as the editor pins them (from the last run, perhaps edited); absent: run the nodes before it too. */
  inputs: z.record(z.string(), z.unknown()).optional(),
});

/**
 * POST /api/pipelines/<id>/run-node: runs one node of the saved draft, on pinned inputs or after the
 * nodes upstream of it, and streams its RunEvents as SSE. Traced like a whole run (a Run of source
 * "editor" with a span per node that ran), so a trial can be read on the runs page afterwards.
 */
export async function handleEditorNodeRun(request: Request, ctx: RequestContext, pipelineId: string): Promise<Response> {
  const read = await readBody(request, MAX_RUN_BODY_BYTES);
  if (!read.ok) return jsonResponse(413, { error: `The request body is larger than ${megabytes(MAX_RUN_BODY_BYTES)}.` });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (error) {
    return jsonResponse(400, { error: `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)}).` });
  }
  const body = nodeRunBody.safeParse(json);
  if (!body.success) {
    return jsonResponse(400, { error: `Invalid request body: ${formatIssues(body.error.issues, "body")}`, issues: describeIssues(body.error.issues) });
  }

  const draft = await ctx.db.pipelineVersion.findFirst({
    where: { pipelineId, number: 0, workspaceId: ctx.workspaceId },
    select: { id: true, graph: true },
  });
  if (!draft) return jsonResponse(404, { error: `Pipeline ${pipelineId} does not exist in this workspace.` });

  const graph = parseStoredGraph(draft.graph, `pipeline ${pipelineId}`);
  let plan: PartialPlan;
  try {
    const { nodeId, inputs } = body.data;
    plan = planNodeRun(graph, { nodeId, ...(inputs ? { inputs } : {}) });
  } catch (error) {
    if (error instanceof GraphInvalidError) {
      return jsonResponse(400, { error: `This node cannot run: ${error.problems.length} problem(s) in it or before it.`, problems: error.problems });
    }
    if (error instanceof NodeInputsError) return jsonResponse(400, { error: error.message });
    throw error;
  }

  const { question, history } = body.data;
  return eventStreamResponse(request.signal, async (send, signal) => {
    await runPipeline(ctx.db, {
      workspaceId: ctx.workspaceId,
      pipelineId,
      versionId: draft.id,
      source: "editor",
      graph,
      plan,
      input: { question, history },
      signal,
      onEvent: (event) => send(event.type, event),
    });
  });
}
