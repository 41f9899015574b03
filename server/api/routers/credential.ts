// Model providers of the workspace (Settings → Model providers). The API key goes in and never comes
// back: lists and saves return its last characters at most.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { credentialInput } from "@/server/providers/credential-input";
import { CredentialNotFoundError, listCredentials, resolveCredential, saveCredential } from "@/server/providers/credential-store";
import { testConnection } from "@/server/providers/test-connection";
import { isUniqueViolation } from "../db-errors";
import { procedure, router } from "../trpc";

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
  list: procedure.query(({ ctx }) => listCredentials(ctx.db, ctx.workspaceId)),

  create: procedure.input(credentialInput).mutation(({ ctx, input }) => saveCredential(ctx.db, ctx.workspaceId, input).catch(nameTaken(input.name))),

  update: procedure
    .input(credentialInput.extend({ id: z.string().min(1) }))
    .mutation(({ ctx, input: { id, ...input } }) => saveCredential(ctx.db, ctx.workspaceId, input, { id }).catch(nameTaken(input.name))),

  delete: procedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.credential.deleteMany({ where: { id: input.id, workspaceId: ctx.workspaceId } });
    if (count === 0) notFound(new CredentialNotFoundError(input.id));
    return { id: input.id };
  }),

  testConnection: procedure.input(z.object({ id: z.string().min(1), model: z.string().trim().min(1, "Name a model to test") })).mutation(async ({ ctx, input }) => {
    const credential = await resolveCredential(ctx.db, ctx.workspaceId, input.id).catch(notFound);
    return testConnection(credential, input.model);
  }),
});
