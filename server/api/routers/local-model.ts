// Local ONNX model folders of the workspace (Settings → Local models): registered by path, each checked
// on save (files present, loads in transformers.js, labels fit its task).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ModelFolderError } from "@/server/models/model-folder";
import { deleteLocalModel, listLocalModels, LocalModelNotFoundError, localModelInput, registerLocalModel } from "@/server/models/local-models";
import { isUniqueViolation } from "../db-errors";
import { adminProcedure, router, viewerProcedure } from "../trpc";

export const localModelRouter = router({
  list: viewerProcedure.query(({ ctx }) => listLocalModels(ctx.db, ctx.workspaceId)),

  register: adminProcedure.input(localModelInput).mutation(({ ctx, input }) =>
    registerLocalModel(ctx.db, ctx.workspaceId, input).catch((error: unknown) => {
      if (error instanceof ModelFolderError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A local model named "${input.name}" already exists.` });
      throw error;
    }),
  ),

  delete: adminProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    await deleteLocalModel(ctx.db, ctx.workspaceId, input.id).catch((error: unknown) => {
      if (error instanceof LocalModelNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
      throw error;
    });
    return { id: input.id };
  }),
});
