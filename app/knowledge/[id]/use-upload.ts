"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { batchProgress, type SettledCounts } from "@/components/knowledge/batch-progress";
import type { IngestPhase } from "@/components/knowledge/ingest-progress";
import type { UploadOutcome } from "@/server/api/upload-documents";
import type { UploadOptions } from "@/server/knowledge/parse/record-options";
import { useTRPC } from "../../_trpc/client";
import { uploadDocuments, type UploadResult } from "./upload-documents";

const POLL_MS = 1000;
const idle: SettledCounts = { settled: 0, total: 0 };

const unsettled = (counts: SettledCounts) => counts.total - counts.settled;

interface Batch {
  files: number;
  start: SettledCounts;
  sent: number;
}

/**
 * Uploads files and follows them through ingestion: bytes sent, then the base's status counts, polled
 * while the request is being processed or documents are still queued or in progress.
 */
export function useUpload(knowledgeBaseId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);
  const progressKey = trpc.knowledgeBase.progress.queryKey({ id: knowledgeBaseId });
  const progress = useQuery({
    ...trpc.knowledgeBase.progress.queryOptions({ id: knowledgeBaseId }),
    refetchInterval: (query) => (batch !== null || unsettled(query.state.data ?? idle) > 0 ? POLL_MS : false),
  });

  async function upload(files: File[], options?: UploadOptions): Promise<UploadResult> {
    const start = await queryClient.fetchQuery({ ...trpc.knowledgeBase.progress.queryOptions({ id: knowledgeBaseId }), staleTime: 0 });
    setOutcomes([]);
    setBatch({ files: files.length, start, sent: 0 });
    try {
      const result = await uploadDocuments(knowledgeBaseId, files, options, (sent) => setBatch((current) => current && { ...current, sent }));
      if (result.ok) setOutcomes(result.documents);
      return result;
    } finally {
      setBatch(null);
      void queryClient.invalidateQueries({ queryKey: progressKey });
      void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.documents.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.list.queryKey() });
    }
  }

  const now = progress.data ?? idle;
  const pending = unsettled(now);
  let phase: IngestPhase | null = null;
  if (batch && batch.sent < 1) phase = { kind: "uploading", sent: batch.sent, files: batch.files };
  else if (batch) phase = { kind: "indexing", ...batchProgress(batch.start, now, batch.files) };
  // Documents still queued after the request returned (or from an earlier visit): the whole base's share.
  else if (pending > 0) phase = { kind: "indexing", ...batchProgress(idle, now, 0) };

  return { upload, uploading: batch !== null, phase, outcomes, pending, progress: progress.data };
}
