"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookOpen, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { NewKnowledgeBaseDialog } from "@/components/knowledge/new-knowledge-base-dialog";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatRelative } from "@/components/ui/format";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/error-message";
import type { RouterOutputs } from "../_trpc/outputs";
import { knowledgeBaseLanguage } from "@/server/api/knowledge-settings";
import { languageLabel, languageOptions } from "./languages";

type KnowledgeBaseRow = RouterOutputs["knowledgeBase"]["list"][number];

export function KnowledgeView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const list = useQuery({
    ...trpc.knowledgeBase.list.queryOptions(),
    // Counts move while documents are ingested in the background.
    refetchInterval: (query) => (query.state.data?.some((kb) => kb.pendingCount > 0) ? 2000 : false),
  });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeBaseRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.list.queryKey() });

  const create = useMutation(
    trpc.knowledgeBase.create.mutationOptions({
      onSuccess: ({ id }) => {
        void refresh();
        router.push(`/knowledge/${id}`);
      },
    }),
  );
  const remove = useMutation(
    trpc.knowledgeBase.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Deleted “${deleting?.name}”`);
        setDeleting(null);
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <PageBody>
      <PageHeader
        title="Knowledge"
        description="The documents your pipelines retrieve from and cite."
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus />
            New knowledge base
          </Button>
        }
      />
      {list.isPending ? (
        <Loading what="knowledge bases" />
      ) : list.error ? (
        <LoadError message={errorMessage(list.error)} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState icon={BookOpen} title="No knowledge bases yet" description="Create one, then upload your documents into it." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Language</TableHead>
              <TableHead className="text-right">Documents</TableHead>
              <TableHead className="text-right">Ready</TableHead>
              <TableHead className="text-right">Failed</TableHead>
              <TableHead className="text-right">Chunks</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead className="w-12" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.map((kb) => (
              <TableRow key={kb.id} data-testid="knowledge-base-row">
                <TableCell>
                  <Link href={`/knowledge/${kb.id}`} className="font-medium hover:text-primary hover:underline">
                    {kb.name}
                  </Link>
                  {kb.description && <p className="mt-0.5 line-clamp-1 text-xs text-muted-foreground">{kb.description}</p>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{languageLabel(kb.language)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {kb.documentCount}
                  {kb.pendingCount > 0 && <span className="ml-1 text-xs text-blue-700">({kb.pendingCount} in progress)</span>}
                </TableCell>
                <TableCell className="text-right tabular-nums text-emerald-700">{kb.readyCount}</TableCell>
                <TableCell className={cn("text-right tabular-nums", kb.failedCount > 0 ? "font-medium text-destructive" : "text-muted-foreground")}>
                  {kb.failedCount}
                </TableCell>
                <TableCell className="text-right tabular-nums">{kb.chunkCount}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{formatRelative(kb.updatedAt)}</TableCell>
                <TableCell>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="text-destructive hover:bg-red-50"
                    onClick={() => setDeleting(kb)}
                  >
                    <Trash2 />
                    <span className="sr-only">Delete {kb.name}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <NewKnowledgeBaseDialog
        open={creating}
        onOpenChange={(open) => {
          setCreating(open);
          create.reset();
        }}
        pending={create.isPending}
        error={create.error ? errorMessage(create.error) : null}
        onCreate={(input) => create.mutate({ ...input, language: knowledgeBaseLanguage.parse(input.language) })}
        languages={languageOptions}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete knowledge base?"
        description={`“${deleting?.name}” and its ${deleting?.documentCount ?? 0} document(s) will be deleted. Pipelines that search it will fail until they point at another knowledge base. This cannot be undone.`}
        confirmLabel="Delete knowledge base"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </PageBody>
  );
}
