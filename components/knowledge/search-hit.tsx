import { AnchorLine, type ChunkAnchor } from "./anchor-line";

export interface SearchHitView {
  id: string;
  text: string;
  score: number;
  rank: number;
  source: ChunkAnchor & { documentId: string; title: string };
}

/** A ranked chunk with its score and where it comes from; the text is shown as text, never HTML. */
export function SearchHit({ hit, scoreLabel, onOpenDocument }: { hit: SearchHitView; scoreLabel: string; onOpenDocument: (document: { id: string; title: string }) => void }) {
  return (
    <li data-testid="search-hit" className="rounded-md border border-border bg-white px-3 py-2">
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <span className="text-xs font-semibold tabular-nums text-muted-foreground">{hit.rank}.</span>
        <button type="button" className="text-sm font-medium hover:text-primary hover:underline" onClick={() => onOpenDocument({ id: hit.source.documentId, title: hit.source.title })}>
          {hit.source.title}
        </button>
        <AnchorLine anchor={hit.source} />
        <span className="ml-auto rounded bg-muted px-1.5 py-0.5 font-mono text-xs tabular-nums" title={scoreLabel}>
          {hit.score.toFixed(3)}
        </span>
      </div>
      <p className="line-clamp-4 whitespace-pre-wrap text-sm leading-relaxed">{hit.text}</p>
    </li>
  );
}
