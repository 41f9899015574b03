// The editor's pipeline, read on the server while the page streams: the browser gets the graph with
// the HTML instead of asking for it only after the editor's scripts have loaded and run (on a large
// graph that wait was most of the editor's fixed start-up cost).
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { consoleContext } from "@/server/auth/context";
import type { RouterOutputs } from "../../_trpc/outputs";

export type PipelineLoad =
  | { ok: true; data: RouterOutputs["pipeline"]["get"] }
  | { ok: false; code: TRPCError["code"]; message: string };

const createCaller = createCallerFactory(appRouter);

/** The same answer as the `pipeline.get` procedure, for the caller of this request; errors come back as values. */
export async function loadPipeline(id: string): Promise<PipelineLoad> {
  try {
    const ctx = await consoleContext(new Request("http://console.internal/", { headers: await headers() }));
    return { ok: true, data: await createCaller(ctx).pipeline.get({ id }) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
