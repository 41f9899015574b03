import type { Metadata } from "next";
import { loadPipeline } from "./load-pipeline";
import { PipelineEditor } from "./pipeline-editor";

export const metadata: Metadata = { title: "Editor · Groundwork" };

export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not awaited: the pipeline is read while the page renders and streams to the browser with it.
  return <PipelineEditor loading={loadPipeline(id)} />;
}
