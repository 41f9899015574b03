"use client";

import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { Suspense, use, useSyncExternalStore } from "react";
import { PageBody } from "@/components/shell/page-body";
import { LoadError, Loading } from "@/components/ui/load-states";
import { EditorWorkspace } from "./editor-workspace";
import type { PipelineLoad } from "./load-pipeline";

function PipelineLoading() {
  return (
    <div className="flex h-full items-center justify-center">
      <Loading what="the pipeline" />
    </div>
  );
}

const noSubscription = () => () => {};

/**
 * False on the server and while hydrating, true in the browser after. The editor is drawn in the
 * browser only: on the server, rendering it (a large graph's canvas included) held back the page's
 * first byte, and so the scripts the browser could already be loading, for HTML the canvas does not use.
 */
function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

function LoadedEditor({ loading }: { loading: Promise<PipelineLoad> }) {
  const inBrowser = useInBrowser();
  if (!inBrowser) return <PipelineLoading />;
  // The editor copies the draft into local state once; the server read it for this page load only.
  const loaded = use(loading);
  if (!loaded.ok) {
    return (
      <PageBody>
        <LoadError message={loaded.message} onRetry={() => window.location.reload()} />
        {loaded.code === "NOT_FOUND" && (
          <Link href="/pipelines" className="mt-4 inline-block text-sm text-primary hover:underline">
            Back to all pipelines
          </Link>
        )}
      </PageBody>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace loaded={loaded.data} />
    </ReactFlowProvider>
  );
}

export function PipelineEditor({ loading }: { loading: Promise<PipelineLoad> }) {
  return (
    <Suspense fallback={<PipelineLoading />}>
      <LoadedEditor loading={loading} />
    </Suspense>
  );
}
