// POST /api/pipelines/<id>/run: runs the saved draft for the editor and streams every RunEvent as SSE.
import { validateGraph } from "@/nodes/validate";
import type { RequestContext } from "@/server/auth/context";
import { runPipeline } from "@/server/runtime/run-pipeline";
import { jsonResponse } from "./json-response";
import { readRunRequest } from "./run-request";
import { eventStreamResponse } from "./sse";

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
