// The runs page's URL filters as the run.list input: unknown values are left out, not sent.
import type { inferRouterInputs } from "@trpc/server";
import { isTimeRange, rangeStart } from "@/components/runs/time-ranges";
import { outcomeOptions, sourceOptions, type RunFilterValues } from "@/components/runs/run-filter-values";
import type { AppRouter } from "@/server/api/root";

export type RunListInput = Exclude<inferRouterInputs<AppRouter>["run"]["list"], void | undefined>;

type Outcome = NonNullable<RunListInput["outcome"]>;
type Source = NonNullable<RunListInput["source"]>;

const known = (options: { value: string }[], value: string) => options.some((option) => option.value === value);

export function runListInput(values: RunFilterValues, now: number, limit: number): RunListInput {
  return {
    limit,
    ...(values.pipeline ? { pipelineId: values.pipeline } : {}),
    ...(values.version ? { versionId: values.version } : {}),
    ...(known(outcomeOptions, values.outcome) ? { outcome: values.outcome as Outcome } : {}),
    ...(known(sourceOptions, values.source) ? { source: values.source as Source } : {}),
    ...(values.apiKey ? { apiKeyId: values.apiKey } : {}),
    ...(isTimeRange(values.range) ? { from: rangeStart(values.range, now) } : {}),
    ...(values.q.trim() ? { q: values.q.trim() } : {}),
  };
}

export function filtersToSearch(values: RunFilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
