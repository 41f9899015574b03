/** Where a chunk sits in its document, the way a citation points at it. */
export interface ChunkAnchor {
  page?: number;
  heading?: string[];
  start?: number;
  end?: number;
}

export function AnchorLine({ anchor }: { anchor: ChunkAnchor }) {
  const parts: string[] = [];
  if (anchor.page !== undefined) parts.push(`page ${anchor.page}`);
  if (anchor.heading && anchor.heading.length > 0) parts.push(anchor.heading.join(" › "));
  if (anchor.start !== undefined && anchor.end !== undefined) parts.push(`characters ${anchor.start.toLocaleString("en")}–${anchor.end.toLocaleString("en")}`);
  if (parts.length === 0) return null;
  return (
    <span className="text-xs text-muted-foreground" data-testid="chunk-anchor">
      {parts.join(" · ")}
    </span>
  );
}
