import { ShieldAlert } from "lucide-react";
import { Fragment } from "react";
import type { Answer } from "@/nodes/ports";
import { answerSegments } from "./answer-segments";

/**
 * An answer with its [n] markers linked to the citation list below it; a refusal looks different on
 * purpose. With `passageHref`, each citation also links to the passage it quotes (in a trace).
 */
export function AnswerView({
  answer,
  anchorPrefix,
  passageHref,
  passageLabel,
}: {
  answer: Answer;
  anchorPrefix: string;
  passageHref?: (passageId: string) => string | null;
  /** What the passage link says (its rank and anchor in a trace); the passage id by default. */
  passageLabel?: (passageId: string) => string | null;
}) {
  const known = new Set(answer.citations.map((c) => c.marker));
  return (
    <div className="flex flex-col gap-3">
      {answer.refused ? (
        <div data-testid="run-answer" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
          <p className="flex items-center gap-1.5 font-semibold">
            <ShieldAlert className="size-4" />
            Refused — no supported answer
          </p>
          <p className="mt-1">{answer.refusalReason ?? "The pipeline found no passage that supports an answer."}</p>
          {answer.text && answer.text !== answer.refusalReason && (
            <p className="mt-2 whitespace-pre-wrap text-amber-800/80">{answer.text}</p>
          )}
        </div>
      ) : (
        <p data-testid="run-answer" className="whitespace-pre-wrap text-sm leading-relaxed text-foreground">
          {answerSegments(answer.text).map((segment, i) =>
            segment.kind === "text" ? (
              <Fragment key={i}>{segment.text}</Fragment>
            ) : known.has(segment.marker) ? (
              <a
                key={i}
                href={`#${anchorPrefix}-citation-${segment.marker}`}
                className="mx-px rounded bg-primary/10 px-1 font-medium text-primary no-underline hover:bg-primary/20"
              >
                [{segment.marker}]
              </a>
            ) : (
              <span key={i} className="text-destructive" title="This marker points at no citation">
                [{segment.marker}]
              </span>
            ),
          )}
        </p>
      )}
      {answer.citations.length > 0 && (
        <ol className="flex flex-col gap-2">
          {answer.citations.map((citation) => (
            <li
              key={`${citation.marker}:${citation.passageId}`}
              id={`${anchorPrefix}-citation-${citation.marker}`}
              data-testid="citation"
              className="rounded-md border border-border bg-slate-50 px-3 py-2 text-xs target:border-primary target:bg-primary/5"
            >
              <p className="font-medium text-foreground">
                <span className="mr-1.5 text-primary">[{citation.marker}]</span>
                {citation.source.title}
                {citation.source.heading && citation.source.heading.length > 0 && (
                  <span className="font-normal text-muted-foreground"> · {citation.source.heading.join(" › ")}</span>
                )}
                {citation.source.page !== undefined && (
                  <span className="font-normal text-muted-foreground"> · p. {citation.source.page}</span>
                )}
              </p>
              <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 leading-relaxed text-slate-600">{citation.quote}</blockquote>
              {passageHref?.(citation.passageId) && (
                <a href={passageHref(citation.passageId) ?? undefined} className="mt-1 inline-block text-primary hover:underline">
                  {passageLabel?.(citation.passageId) ?? `Passage ${citation.passageId}`} →
                </a>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
