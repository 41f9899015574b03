// What a finished run amounted to, stored on the Run so the runs page can filter on an index.
// "flagged": the pipeline answered, but a verification node found a sentence its passages do not
// entail (whatever its policy then did with it); a refusal or a failure is never "flagged".
import { verdict as verdictSchema } from "@/nodes/ports";
import type { FinalRunStatus } from "@/server/runtime/events";
import type { RunOutcome } from "@/server/db/generated/client";

/** True when any verdict among `values` (span or run outputs) labels a sentence as not entailed. */
export function anyUnsupported(values: unknown[]): boolean {
  return values.some((value) => {
    const parsed = verdictSchema.safeParse(value);
    return parsed.success && (!parsed.data.supported || parsed.data.sentences.some((s) => s.label !== "entailment"));
  });
}

export function runOutcome(status: FinalRunStatus, verdicts: unknown[]): RunOutcome {
  if (status === "answered" && anyUnsupported(verdicts)) return "flagged";
  return status;
}
