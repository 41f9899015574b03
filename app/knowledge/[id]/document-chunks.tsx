"use client";

import { useQuery } from "@tanstack/react-query";
import { LoadError, Loading } from "@/components/ui/load-states";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

export function DocumentChunks({ documentId }: { documentId: string }) {
  const trpc = useTRPC();
  const chunks = useQuery(trpc.knowledgeBase.chunks.queryOptions({ documentId }));
  if (chunks.isPending) return <Loading what="chunks" />;
  if (chunks.error) return <LoadError message={errorMessage(chunks.error)} onRetry={() => chunks.refetch()} />;
  if (chunks.data.length === 0) return <p className="text-sm text-muted-foreground">This document has no chunks (yet).</p>;
  return (
    <ol className="flex flex-col gap-3">
      {chunks.data.map((chunk) => (
        <li key={chunk.id} data-testid="chunk" className="rounded-md border border-border bg-slate-50 px-3 py-2">
          <p className="mb-1 text-xs text-muted-foreground">
            #{chunk.ordinal + 1} · {chunk.tokenCount} tokens
          </p>
          <p className="whitespace-pre-wrap text-sm leading-relaxed">{chunk.text}</p>
        </li>
      ))}
    </ol>
  );
}
