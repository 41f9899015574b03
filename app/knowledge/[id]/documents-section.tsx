"use client";

import { useQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import { useState } from "react";
import { DocumentFilters, type DocumentFilter } from "@/components/knowledge/document-filters";
import { DocumentsTable, type DocumentRowView } from "@/components/knowledge/documents-table";
import { Pager } from "@/components/knowledge/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError, Loading } from "@/components/ui/load-states";
import type { RouterOutputs } from "../../_trpc/outputs";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

const PAGE = 50;

type Progress = RouterOutputs["knowledgeBase"]["progress"];

function filterCounts(progress: Progress | undefined): Record<DocumentFilter, number> {
  const by = progress?.byStatus;
  if (!by) return { all: 0, pending: 0, ready: 0, failed: 0 };
  return { all: progress.total, pending: by.queued + by.parsing + by.chunking + by.indexing, ready: by.ready, failed: by.failed };
}

/** A base's documents a page at a time, by status and name; rows follow ingestion while it runs. */
export function DocumentsSection({
  knowledgeBaseId,
  progress,
  following,
  openId,
  onOpen,
  onDelete,
  onReindex,
}: {
  knowledgeBaseId: string;
  progress: Progress | undefined;
  /** An upload or a re-index is under way: keep the rows fresh. */
  following: boolean;
  openId: string | null;
  onOpen: (document: DocumentRowView) => void;
  onDelete: (document: DocumentRowView) => void;
  onReindex: (document: DocumentRowView) => void;
}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<DocumentFilter>("all");
  const [query, setQuery] = useState("");
  const [offset, setOffset] = useState(0);
  const page = useQuery({
    ...trpc.knowledgeBase.documents.queryOptions({ id: knowledgeBaseId, status, query: query.trim(), offset, limit: PAGE }),
    placeholderData: (previous) => previous,
    // Its own rows decide too: the progress poll may see the last document settle before this page does.
    refetchInterval: (q) => (following || q.state.data?.rows.some((doc) => doc.status !== "ready" && doc.status !== "failed") ? 1500 : false),
  });

  if ((progress?.total ?? 0) === 0 && page.data?.total === 0) {
    return <EmptyState icon={FileText} title="No documents yet" description="Uploaded files are split into chunks and indexed for retrieval." />;
  }
  return (
    <section aria-label="Documents">
      <DocumentFilters
        status={status}
        counts={filterCounts(progress)}
        query={query}
        onStatus={(next) => {
          setStatus(next);
          setOffset(0);
        }}
        onQuery={(next) => {
          setQuery(next);
          setOffset(0);
        }}
      />
      {page.isPending ? (
        <Loading what="documents" />
      ) : page.error ? (
        <LoadError message={errorMessage(page.error)} onRetry={() => page.refetch()} />
      ) : page.data.rows.length === 0 ? (
        <p className="rounded-md border border-border bg-white px-4 py-6 text-center text-sm text-muted-foreground">No document matches this filter.</p>
      ) : (
        <>
          <DocumentsTable documents={page.data.rows} openId={openId} onOpen={onOpen} onDelete={onDelete} onReindex={onReindex} />
          <Pager offset={offset} limit={PAGE} total={page.data.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
