import type { Metadata } from "next";
import { RunTraceView } from "./run-trace-view";

export const metadata: Metadata = { title: "Run trace · Groundwork" };

export default async function RunTracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunTraceView id={id} />;
}
