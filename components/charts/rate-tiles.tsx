/** Shares of runs as percentages; "—" when there was nothing to divide by. */
export function RateTiles({ tiles }: { tiles: { label: string; value: number | null; note: string }[] }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="rates">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-border bg-white px-4 py-3 shadow-xs">
          <p className="text-xs text-muted-foreground">{tile.label}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{tile.value === null ? "—" : `${(tile.value * 100).toFixed(1)}%`}</p>
          <p className="text-xs text-muted-foreground">{tile.note}</p>
        </div>
      ))}
    </div>
  );
}
