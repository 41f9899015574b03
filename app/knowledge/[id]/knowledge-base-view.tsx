"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, FileText, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { DocumentStatusBadge } from "@/components/knowledge/document-status-badge";
import { UploadArea } from "@/components/knowledge/upload-area";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UploadOutcome } from "@/server/api/upload-documents";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";
import { DocumentChunks } from "./document-chunks";
import { uploadDocuments } from "./upload-documents";

type DocumentRow = RouterOutputs["knowledgeBase"]["get"]["documents"][number];

const settled = new Set(["ready", "failed"]);

export function KnowledgeBaseView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const kb = useQuery({
    ...trpc.knowledgeBase.get.queryOptions({ id }),
    // Ingestion runs after upload: poll until every document is ready or failed.
    refetchInterval: (query) => (query.state.data?.documents.some((d) => !settled.has(d.status)) ? 1500 : false),
  });
  const [uploading, setUploading] = useState(false);
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);
  const [openDocument, setOpenDocument] = useState<DocumentRow | null>(null);
  const [deleting, setDeleting] = useState<DocumentRow | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.get.queryKey({ id }) });
  const removeDocument = useMutation(
    trpc.knowledgeBase.deleteDocument.mutationOptions({
      onSuccess: ({ id: removed }) => {
        toast.success(`Deleted “${deleting?.title}”`);
        setDeleting(null);
        if (openDocument?.id === removed) setOpenDocument(null);
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  async function upload(files: File[]) {
    setUploading(true);
    try {
      const result = await uploadDocuments(id, files);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      setOutcomes(result.documents);
      const failed = result.documents.filter((d) => d.status === "failed");
      if (failed.length === 0) toast.success(`Uploaded ${result.documents.length} file${result.documents.length === 1 ? "" : "s"}`);
      else toast.error(`${failed.length} of ${result.documents.length} file(s) failed; see the reasons below.`);
    } finally {
      setUploading(false);
      void refresh();
    }
  }

  if (kb.isPending) return <PageBody><Loading what="the knowledge base" /></PageBody>;
  if (kb.error) return <PageBody><LoadError message={errorMessage(kb.error)} onRetry={() => kb.refetch()} /></PageBody>;

  return (
    <PageBody>
      <Link href="/knowledge" className="mb-3 inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3" />
        Knowledge
      </Link>
      <PageHeader title={kb.data.name} description={kb.data.description || "Upload the documents this knowledge base should answer from."} />

      <div className="mb-6 flex flex-col gap-3">
        <UploadArea uploading={uploading} onFiles={(files) => void upload(files)} />
        {outcomes.length > 0 && (
          <ul className="flex flex-col gap-1 rounded-md border border-border bg-white px-4 py-3 text-sm" aria-label="Upload results">
            {outcomes.map((outcome, i) => (
              <li key={`${outcome.fileName}:${i}`} className="flex items-start gap-2">
                <DocumentStatusBadge status={outcome.status} />
                <span className="font-medium">{outcome.fileName}</span>
                {outcome.error && <span className="text-destructive">— {outcome.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>

      {kb.data.documents.length === 0 ? (
        <EmptyState icon={FileText} title="No documents yet" description="Uploaded files are split into chunks and indexed for retrieval." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Title</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Size</TableHead>
              <TableHead className="text-right">Chunks</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead className="w-12" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {kb.data.documents.map((doc) => (
              <TableRow
                key={doc.id}
                data-testid="document-row"
                className={cn("cursor-pointer", openDocument?.id === doc.id && "bg-primary/5")}
                onClick={() => setOpenDocument(openDocument?.id === doc.id ? null : doc)}
              >
                <TableCell>
                  <span className="font-medium">{doc.title}</span>
                  <p className="font-mono text-xs text-muted-foreground">{doc.fileName}</p>
                </TableCell>
                <TableCell>
                  <DocumentStatusBadge status={doc.status} />
                  {doc.error && <p className="mt-1 max-w-sm text-xs text-destructive">{doc.error}</p>}
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatBytes(doc.sizeBytes)}</TableCell>
                <TableCell className="text-right tabular-nums">{doc.chunkCount}</TableCell>
                <TableCell className="text-muted-foreground">{formatRelative(doc.updatedAt)}</TableCell>
                <TableCell>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="text-destructive hover:bg-red-50"
                    onClick={(e) => {
                      e.stopPropagation();
                      setDeleting(doc);
                    }}
                  >
                    <Trash2 />
                    <span className="sr-only">Delete document {doc.title}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {openDocument && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Chunks of “{openDocument.title}”</CardTitle>
            <CardDescription>What retrievers search and answers quote, in document order.</CardDescription>
          </CardHeader>
          <CardContent>
            <DocumentChunks documentId={openDocument.id} />
          </CardContent>
        </Card>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete document?"
        description={`“${deleting?.title}” and its ${deleting?.chunkCount ?? 0} chunk(s) will be removed from this knowledge base.`}
        confirmLabel="Delete document"
        pending={removeDocument.isPending}
        onConfirm={() => deleting && removeDocument.mutate({ id: deleting.id })}
      />
    </PageBody>
  );
}
