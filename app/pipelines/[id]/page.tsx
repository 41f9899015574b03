import type { Metadata } from "next";
import { loadPipeline } from "./load-pipeline";
import { PipelineEditor } from "./pipeline-editor";

export const metadata: Metadata = { title: "Editor · Groundwork" };

export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not awaited: the page shell streams at once and the pipeline follows as soon as it is read.
  return <PipelineEditor loading={loadPipeline(id)} />;
}
