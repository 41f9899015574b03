import type { Metadata } from "next";
import { RunsView } from "./runs-view";

export const metadata: Metadata = { title: "Runs · Groundwork" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { pipeline } = await searchParams;
  return <RunsView pipelineId={typeof pipeline === "string" && pipeline ? pipeline : undefined} />;
}
