"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ChunkCard } from "@/components/knowledge/chunk-card";
import { LoadError, Loading } from "@/components/ui/load-states";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

/** A document's chunks in order; an edit is saved, re-analysed and searchable before the card closes. */
export function DocumentChunks({ documentId }: { documentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const chunks = useQuery(trpc.knowledgeBase.chunks.queryOptions({ documentId }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.chunks.queryKey({ documentId }) });
    // Search results of this base may now rank differently.
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.search.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.documents.pathKey() });
  };
  const update = useMutation(
    trpc.knowledgeBase.updateChunk.mutationOptions({
      onSuccess: () => {
        toast.success("Chunk saved and re-indexed");
        refresh();
      },
    }),
  );
  const setDisabled = useMutation(
    trpc.knowledgeBase.setChunkDisabled.mutationOptions({
      onSuccess: ({ disabled }) => {
        toast.success(disabled ? "Chunk disabled: no retriever returns it" : "Chunk enabled and re-indexed");
        refresh();
      },
    }),
  );

  if (chunks.isPending) return <Loading what="chunks" />;
  if (chunks.error) return <LoadError message={errorMessage(chunks.error)} onRetry={() => chunks.refetch()} />;
  if (chunks.data.length === 0) return <p className="text-sm text-muted-foreground">This document has no chunks (yet).</p>;
  return (
    <ol className="flex flex-col gap-3">
      {chunks.data.map((chunk) => (
        <ChunkCard
          key={chunk.id}
          chunk={chunk}
          saving={(update.isPending && update.variables?.id === chunk.id) || (setDisabled.isPending && setDisabled.variables?.id === chunk.id)}
          error={
            update.error && update.variables?.id === chunk.id
              ? errorMessage(update.error)
              : setDisabled.error && setDisabled.variables?.id === chunk.id
                ? errorMessage(setDisabled.error)
                : null
          }
          onSetDisabled={(disabled) => setDisabled.mutate({ id: chunk.id, disabled })}
          onSave={async (text) => {
            try {
              await update.mutateAsync({ id: chunk.id, text });
              return true;
            } catch {
              return false;
            }
          }}
        />
      ))}
    </ol>
  );
}
