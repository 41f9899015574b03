import type { Passage } from "@/nodes/ports";

/** Ranked passages with their scores and source anchors (document, page, heading). */
export function PassageTable({ passages, anchorPrefix }: { passages: Passage[]; anchorPrefix?: string }) {
  return (
    <ol className="flex flex-col gap-1.5" data-testid="passages">
      {passages.map((p) => (
        <li
          key={p.id}
          id={anchorPrefix ? `${anchorPrefix}-${p.id}` : undefined}
          className="rounded-md border border-border bg-white px-3 py-2 text-xs target:border-primary target:bg-primary/5"
        >
          <p className="flex flex-wrap items-baseline gap-x-2 font-medium">
            <span className="tabular-nums text-muted-foreground">#{p.rank}</span>
            <span>{p.source.title}</span>
            {p.source.page !== undefined && <span className="font-normal text-muted-foreground">p. {p.source.page}</span>}
            {p.source.heading && p.source.heading.length > 0 && <span className="font-normal text-muted-foreground">{p.source.heading.join(" › ")}</span>}
            <span className="ml-auto tabular-nums text-muted-foreground" title="Retrieval score">
              score {p.score.toFixed(3)}
            </span>
          </p>
          <p className="mt-1 line-clamp-3 leading-relaxed text-slate-600">{p.text}</p>
        </li>
      ))}
    </ol>
  );
}
