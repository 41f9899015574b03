// Walks appRouter the way the access tests need: every procedure by its dotted path, and a call of
// any of them through a caller, so a test can enumerate procedures instead of listing calls by hand.
import { appRouter } from "../root";
import type { testCaller } from "./test-caller";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
}

export function allProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo["type"] } }>;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({ path, type: procedure._def.type }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

type Caller = ReturnType<typeof testCaller>;

/** Calls `path` (e.g. "pipeline.get") on a caller with `input`. */
export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  if (typeof target !== "function") throw new Error(`No procedure at ${path}`);
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** The TRPCError code a call fails with, or "OK". */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return code;
    throw error;
  }
}
