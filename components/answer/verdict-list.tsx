import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Verdict } from "@/nodes/ports";

const tone: Record<string, BadgeTone> = { entailment: "success", neutral: "warning", contradiction: "danger" };
const label: Record<string, string> = { entailment: "supported", neutral: "not supported", contradiction: "contradicted" };

/** Verification's verdict on each sentence: supported by its cited passages, or not, with the score. */
export function VerdictList({ verdict }: { verdict: Verdict }) {
  return (
    <div data-testid="verdicts">
      <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">
        Verification · {verdict.supported ? "every sentence supported" : "some sentences not supported"}
      </p>
      <ol className="flex flex-col gap-1.5">
        {verdict.sentences.map((s, i) => (
          <li key={i} className="flex items-start gap-2 text-sm" data-testid="verdict">
            <Badge tone={tone[s.label] ?? "neutral"}>{label[s.label] ?? s.label}</Badge>
            <span className="flex-1">
              {s.sentence}
              <span className="ml-1 text-xs text-muted-foreground">
                {s.markers.length > 0 ? s.markers.map((m) => `[${m}]`).join("") : "no citation"} · score {s.score.toFixed(2)}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
