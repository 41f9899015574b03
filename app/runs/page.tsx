import type { Metadata } from "next";
import { emptyRunFilters, type RunFilterValues } from "@/components/runs/run-filter-values";
import { RunsView } from "./runs-view";

export const metadata: Metadata = { title: "Runs · Groundwork" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const values = Object.fromEntries(
    Object.keys(emptyRunFilters).map((key) => {
      const value = params[key];
      return [key, typeof value === "string" ? value : ""];
    }),
  ) as unknown as RunFilterValues;
  return <RunsView filters={values} />;
}
