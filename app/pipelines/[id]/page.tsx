import type { Metadata } from "next";
import { PipelineEditor } from "./pipeline-editor";

export const metadata: Metadata = { title: "Editor · Groundwork" };

export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PipelineEditor id={id} />;
}
