// Model providers of the workspace (Settings → Model providers). The API key goes in and never comes
// back: lists and saves return its last characters at most.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { credentialInput } from "@/server/providers/credential-input";
import { CredentialNotFoundError, listCredentials, resolveCredential, saveCredential } from "@/server/providers/credential-store";
import { testConnection } from "@/server/providers/test-connection";
import { isUniqueViolation } from "../db-errors";
import { auditCall } from "@/server/audit/record";
import { adminProcedure, viewerProcedure, router } from "../trpc";

function notFound(error: unknown): never {
  if (error instanceof CredentialNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
  throw error;
}

function nameTaken(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A model provider named "${name}" already exists.` });
    return notFound(error);
  };
}

export const credentialRouter = router({
  list: viewerProcedure.query(({ ctx }) => listCredentials(ctx.db, ctx.workspaceId)),

  create: adminProcedure.input(credentialInput).mutation(async ({ ctx, input }) => {
    const saved = await saveCredential(ctx.db, ctx.workspaceId, input).catch(nameTaken(input.name));
    await auditCall(ctx, "credential.created", { type: "credential", id: saved.id, detail: { name: saved.name, provider: saved.provider } });
    return saved;
  }),

  update: adminProcedure
    .input(credentialInput.extend({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input: { id, ...input } }) => {
      const saved = await saveCredential(ctx.db, ctx.workspaceId, input, { id }).catch(nameTaken(input.name));
      await auditCall(ctx, "credential.updated", { type: "credential", id, detail: { name: saved.name, keyChanged: input.apiKey !== undefined } });
      return saved;
    }),

  delete: adminProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.credential.deleteMany({ where: { id: input.id, workspaceId: ctx.workspaceId } });
    if (count === 0) notFound(new CredentialNotFoundError(input.id));
    await auditCall(ctx, "credential.deleted", { type: "credential", id: input.id });
    return { id: input.id };
  }),

  testConnection: adminProcedure.input(z.object({ id: z.string().min(1), model: z.string().trim().min(1, "Name a model to test") })).mutation(async ({ ctx, input }) => {
    const credential = await resolveCredential(ctx.db, ctx.workspaceId, input.id).catch(notFound);
    return testConnection(credential, input.model);
  }),
});
