import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BareCanvas } from "./bare-canvas";

export const metadata: Metadata = { title: "Bare canvas benchmark · Groundwork" };
export const dynamic = "force-dynamic";

// The floor for `npm run bench:canvas`: the same saved graph drawn by plain React Flow. Served only
// when the benchmark starts the console with GROUNDWORK_BENCH=1; everywhere else it does not exist.
export default async function BareCanvasPage({ searchParams }: { searchParams: Promise<{ pipeline?: string }> }) {
  if (process.env.GROUNDWORK_BENCH !== "1") notFound();
  const { pipeline } = await searchParams;
  if (!pipeline) notFound();
  return <BareCanvas pipelineId={pipeline} />;
}
