// tRPC set-up: context, transformer, readable input errors, and the procedure every router uses.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { hasRole, roleRefusal, type Role } from "@/components/auth/roles";
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
/** No caller check: build procedures from the role builders below instead. */
export const procedure = t.procedure.use(readableInputErrors);
export const createCallerFactory = t.createCallerFactory;

/** A signed-in caller, whatever their role: account settings, the workspace list, creating a workspace. */
export const signedInProcedure = procedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to use the console." });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

function atLeast(minRole: Role) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.viewer.role, minRole)) throw new TRPCError({ code: "FORBIDDEN", message: roleRefusal(ctx.viewer.role, minRole) });
    return next({ ctx: { ...ctx, role: ctx.viewer.role as Role } });
  });
}

/**
 * The least role each procedure needs. Every procedure in a router is built from one of these, never
 * from the bare `procedure`: a caller not signed in gets UNAUTHORIZED, a role below gets FORBIDDEN
 * naming the role needed. server/api/role-matrix.test.ts lists every procedure's least role.
 */
export const viewerProcedure = atLeast("viewer");
export const editorProcedure = atLeast("editor");
export const adminProcedure = atLeast("admin");
export const ownerProcedure = atLeast("owner");
