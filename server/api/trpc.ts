// tRPC set-up: context, transformer, readable input errors, and the procedure every router uses.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { RequestContext } from "@/server/auth/context";
import { describeIssues, formatIssues } from "./zod-issues";

const t = initTRPC.context<RequestContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Input errors carry each field's path, so a form can show every message beside its field.
    const issues = error.cause instanceof ZodError ? describeIssues(error.cause.issues) : null;
    return { ...shape, data: { ...shape.data, issues } };
  },
});

/** Zod's own message is a JSON dump; callers get one line naming each field instead. */
const readableInputErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "BAD_REQUEST" && result.error.cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: formatIssues(result.error.cause.issues), cause: result.error.cause });
  }
  return result;
});

export const router = t.router;
/** Every procedure acts within `ctx.workspaceId`; each query must be scoped by it. */
export const procedure = t.procedure.use(readableInputErrors);
export const createCallerFactory = t.createCallerFactory;

/**
 * The least role each procedure needs. Every procedure in a router is built from one of these, never
 * from the bare `procedure`, so the role check lives in one place (the accounts issue enforces it).
 */
export const viewerProcedure = procedure;
export const editorProcedure = procedure;
export const adminProcedure = procedure;
export const ownerProcedure = procedure;
