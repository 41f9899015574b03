"use client";

import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { PageBody } from "@/components/shell/page-body";
import { LoadError, Loading } from "@/components/ui/load-states";
import { useTRPC } from "../../_trpc/client";
import { errorCode, errorMessage } from "../../_trpc/error-message";
import { EditorWorkspace } from "./editor-workspace";

export function PipelineEditor({ id }: { id: string }) {
  const trpc = useTRPC();
  // The editor copies the draft into local state once; a cached or refetched copy must never
  // replace it behind the person's back, so nothing is kept after the editor closes.
  const pipeline = useQuery({ ...trpc.pipeline.get.queryOptions({ id }), staleTime: Infinity, gcTime: 0 });

  if (pipeline.isPending) {
    return (
      <div className="flex h-full items-center justify-center">
        <Loading what="the pipeline" />
      </div>
    );
  }
  if (pipeline.error) {
    return (
      <PageBody>
        <LoadError message={errorMessage(pipeline.error)} onRetry={() => pipeline.refetch()} />
        {errorCode(pipeline.error) === "NOT_FOUND" && (
          <Link href="/pipelines" className="mt-4 inline-block text-sm text-primary hover:underline">
            Back to all pipelines
          </Link>
        )}
      </PageBody>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace loaded={pipeline.data} />
    </ReactFlowProvider>
  );
}
