import type { Metadata } from "next";
import { KnowledgeBaseView } from "./knowledge-base-view";

export const metadata: Metadata = { title: "Knowledge base · Groundwork" };

export default async function KnowledgeBasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <KnowledgeBaseView id={id} />;
}
