"use client";

import { RoleGate } from "@/components/auth/role-gate";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, RefreshCw, Settings, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { DocumentStatusBadge } from "@/components/knowledge/document-status-badge";
import type { DocumentRowView } from "@/components/knowledge/documents-table";
import { IngestProgress } from "@/components/knowledge/ingest-progress";
import { KnowledgeBaseSettingsDialog } from "@/components/knowledge/knowledge-base-settings-dialog";
import { RecordFieldsDialog } from "@/components/knowledge/record-fields-dialog";
import { ReembedProgress } from "@/components/knowledge/reembed-progress";
import { UploadArea } from "@/components/knowledge/upload-area";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { chunkerSettings } from "@/nodes/chunker-settings";
import { embedderLabels, embedderSettings } from "@/nodes/knowledge-settings";
import { knowledgeBaseLanguage } from "@/server/api/knowledge-settings";
import type { UploadOptions } from "@/server/knowledge/parse/record-options";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import { languageLabel, languageOptions } from "../languages";
import { LocalEmbedderHint } from "../local-embedder-hint";
import { chunkerProblem, chunkerVariants, embedderProblem, embedderVariants } from "../settings-variants";
import { ChunkSearch } from "./chunk-search";
import { DocumentChunks } from "./document-chunks";
import { DocumentsSection } from "./documents-section";
import { inspectRecordFiles, type RecordInspection } from "./inspect-records";
import { useUpload } from "./use-upload";

export function KnowledgeBaseView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upload = useUpload(id);
  const kb = useQuery({
    ...trpc.knowledgeBase.get.queryOptions({ id }),
    // Follows a re-embedding in the background until it finishes or fails.
    refetchInterval: (query) => (query.state.data?.reembedding.running ? 1500 : false),
  });
  const [openDocument, setOpenDocument] = useState<{ id: string; title: string } | null>(null);
  const [deleting, setDeleting] = useState<DocumentRowView | null>(null);
  const [deletingAll, setDeletingAll] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Provider embedders name a saved credential: offered as a list while the settings are open.
  const credentials = useQuery({ ...trpc.credential.list.queryOptions(), enabled: settingsOpen });
  // Local embedders name a registered folder of task "embed".
  const localModels = useQuery({ ...trpc.localModel.list.queryOptions(), enabled: settingsOpen });
  const [choosingFields, setChoosingFields] = useState<{ files: File[]; records: RecordInspection } | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.get.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.documents.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.progress.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.search.pathKey() });
  };
  const removeDocument = useMutation(
    trpc.knowledgeBase.deleteDocument.mutationOptions({
      onSuccess: ({ id: removed }) => {
        toast.success(`Deleted “${deleting?.title}”`);
        setDeleting(null);
        if (openDocument?.id === removed) setOpenDocument(null);
        refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const removeAll = useMutation(
    trpc.knowledgeBase.deleteAllDocuments.mutationOptions({
      onSuccess: ({ deleted }) => {
        toast.success(`Deleted ${deleted} document${deleted === 1 ? "" : "s"}`);
        setDeletingAll(false);
        setOpenDocument(null);
        refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const reindexOne = useMutation(
    trpc.knowledgeBase.reindexDocument.mutationOptions({
      onSuccess: () => {
        toast.success("Queued for re-indexing");
        refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const reindexAll = useMutation(
    trpc.knowledgeBase.reindexAll.mutationOptions({
      onSuccess: ({ queued }) => {
        toast.success(`Queued ${queued} document${queued === 1 ? "" : "s"} for re-indexing`);
        refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const saveSettings = useMutation(
    trpc.knowledgeBase.update.mutationOptions({
      onSuccess: ({ reembedding }) => {
        toast.success(reembedding ? "Settings saved; re-embedding the knowledge base in the background" : "Settings saved");
        setSettingsOpen(false);
        refresh();
        void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.list.queryKey() });
      },
    }),
  );

  async function onFiles(files: File[]) {
    const records = await inspectRecordFiles(files);
    if (records) setChoosingFields({ files, records });
    else await send(files);
  }

  async function send(files: File[], options?: UploadOptions) {
    const result = await upload.upload(files, options);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    const failed = result.documents.filter((d) => d.status === "failed").length;
    const count = `${result.documents.length} file${result.documents.length === 1 ? "" : "s"}`;
    if (failed === 0) toast.success(`Uploaded ${count}; indexing runs in the background`);
    else toast.error(`${failed} of ${count} failed; the reasons are listed below.`);
  }

  if (kb.isPending) return <PageBody><Loading what="the knowledge base" /></PageBody>;
  if (kb.error) return <PageBody><LoadError message={errorMessage(kb.error)} onRetry={() => kb.refetch()} /></PageBody>;

  const documentCount = upload.progress?.total ?? 0;
  const openChunksOf = (document: { id: string; title: string }) => {
    setOpenDocument(document);
    requestAnimationFrame(() => window.document.getElementById("document-chunks")?.scrollIntoView({ behavior: "smooth", block: "start" }));
  };

  return (
    <PageBody>
      <Link href="/knowledge" className="mb-3 inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3" />
        Knowledge
      </Link>
      <PageHeader
        title={kb.data.name}
        description={kb.data.description || "Upload the documents this knowledge base should answer from."}
        actions={
          <>
            <Badge data-testid="knowledge-base-language">{languageLabel(kb.data.language)}</Badge>
            <Badge tone={kb.data.embedder.kind === "none" ? "neutral" : "info"} title="Embedder for dense and hybrid retrieval">
              {kb.data.reembedding.running ? "Re-embedding…" : `Embedder: ${embedderLabels[kb.data.embedder.kind].split(" — ")[0]}`}
            </Badge>
            <Button variant="secondary" onClick={() => setSettingsOpen(true)}>
              <Settings />
              Settings
            </Button>
            <Button variant="secondary" disabled={documentCount === 0 || reindexAll.isPending} onClick={() => reindexAll.mutate({ id })}>
              <RefreshCw />
              Re-index all
            </Button>
            <RoleGate need="editor">
              {(denied) => (
                <Button variant="secondary" className="text-destructive" disabled={denied || documentCount === 0} onClick={() => setDeletingAll(true)}>
                  <Trash2 />
                  Delete all documents
                </Button>
              )}
            </RoleGate>
          </>
        }
      />

      {kb.data.reembedding.error && !kb.data.reembedding.running && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-700">
          Re-embedding with the new embedder failed: {kb.data.reembedding.error} Save the embedder setting again to retry.
        </p>
      )}
      <div className="mb-6 flex flex-col gap-3">
        {kb.data.reembedding.running && <ReembedProgress state={kb.data.reembedding} />}
        <RoleGate need="editor">
          {(denied) =>
            denied ? (
              <p className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground">Uploading documents needs an editor.</p>
            ) : (
              <UploadArea uploading={upload.uploading} onFiles={(files) => void onFiles(files)} accept={kb.data.uploads.extensions} maxFileMegabytes={kb.data.uploads.maxFileBytes / (1024 * 1024)} />
            )
          }
        </RoleGate>
        {upload.phase && <IngestProgress phase={upload.phase} />}
        {upload.outcomes.length > 0 && (
          <ul className="flex flex-col gap-1 rounded-md border border-border bg-white px-4 py-3 text-sm" aria-label="Upload results">
            {upload.outcomes.map((outcome, i) => (
              <li key={`${outcome.fileName}:${i}`} className="flex items-start gap-2">
                <DocumentStatusBadge status={outcome.status} />
                <span className="font-medium">{outcome.fileName}</span>
                {outcome.unchanged && <span className="text-muted-foreground">— unchanged since the last upload; nothing to do</span>}
                {outcome.error && <span className="text-destructive">— {outcome.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>

      <DocumentsSection
        knowledgeBaseId={id}
        progress={upload.progress}
        following={upload.uploading || upload.pending > 0}
        openId={openDocument?.id ?? null}
        onOpen={(doc) => setOpenDocument(openDocument?.id === doc.id ? null : { id: doc.id, title: doc.title })}
        onDelete={setDeleting}
        onReindex={(doc) => reindexOne.mutate({ id: doc.id })}
      />

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Search chunks</CardTitle>
          <CardDescription>Ranks this base&apos;s chunks as the retriever nodes do (BM25; dense and hybrid once the base has an embedder), with each chunk&apos;s score and anchor.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChunkSearch knowledgeBaseId={id} hasEmbedder={kb.data.embedder.kind !== "none"} onOpenDocument={openChunksOf} />
        </CardContent>
      </Card>

      {openDocument && (
        <Card className="mt-6 scroll-mt-4" id="document-chunks">
          <CardHeader>
            <CardTitle>Chunks of “{openDocument.title}”</CardTitle>
            <CardDescription>What retrievers search and answers quote, in document order. An edited chunk is re-indexed at once.</CardDescription>
          </CardHeader>
          <CardContent>
            <DocumentChunks documentId={openDocument.id} />
          </CardContent>
        </Card>
      )}

      {choosingFields && (
        <RecordFieldsDialog
          fileNames={choosingFields.records.fileNames}
          columns={choosingFields.records.columns}
          problems={choosingFields.records.problems}
          onCancel={() => setChoosingFields(null)}
          onConfirm={(records) => {
            setChoosingFields(null);
            void send(choosingFields.files, { records });
          }}
        />
      )}
      <KnowledgeBaseSettingsDialog
        open={settingsOpen}
        onOpenChange={(open) => {
          setSettingsOpen(open);
          saveSettings.reset();
        }}
        initial={{ name: kb.data.name, description: kb.data.description, language: kb.data.language, chunker: kb.data.chunker, embedder: kb.data.embedder }}
        languages={languageOptions}
        chunkers={{ variants: chunkerVariants, problem: chunkerProblem }}
        embedders={{
          variants: embedderVariants,
          problem: embedderProblem,
          fieldChoices: {
            credentialId: (credentials.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.provider})` })),
            localModelId: (localModels.data ?? []).filter((m) => m.task === "embed").map((m) => ({ value: m.id, label: m.name })),
          },
          emptyChoices: localModels.data ? { localModelId: <LocalEmbedderHint /> } : {},
        }}
        pending={saveSettings.isPending}
        error={saveSettings.error ? errorMessage(saveSettings.error) : null}
        onSave={(value) =>
          saveSettings.mutate({
            id,
            name: value.name,
            description: value.description,
            language: knowledgeBaseLanguage.parse(value.language),
            chunker: chunkerSettings.parse(value.chunker),
            embedder: embedderSettings.parse(value.embedder),
          })
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete document?"
        description={`“${deleting?.title}” and its ${deleting?.chunkCount ?? 0} chunk(s) will be removed from this knowledge base.`}
        confirmLabel="Delete document"
        pending={removeDocument.isPending}
        onConfirm={() => deleting && removeDocument.mutate({ id: deleting.id })}
      />
      <ConfirmDialog
        open={deletingAll}
        onOpenChange={setDeletingAll}
        title="Delete every document?"
        description={`All ${documentCount} document(s) of “${kb.data.name}” and their chunks will be removed. The knowledge base and its settings stay. This cannot be undone.`}
        confirmLabel="Delete all documents"
        pending={removeAll.isPending}
        onConfirm={() => removeAll.mutate({ id })}
      />
    </PageBody>
  );
}
