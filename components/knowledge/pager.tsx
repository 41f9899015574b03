import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

/** "51–100 of 1,000" with previous and next; hidden when everything fits on one page. */
export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <div className="mt-3 flex items-center justify-end gap-2 text-xs text-muted-foreground">
      <span className="tabular-nums">
        {total === 0 ? 0 : offset + 1}–{last} of {total.toLocaleString("en")}
      </span>
      <Button variant="secondary" size="icon" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        <ChevronLeft />
        <span className="sr-only">Previous page</span>
      </Button>
      <Button variant="secondary" size="icon" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        <ChevronRight />
        <span className="sr-only">Next page</span>
      </Button>
    </div>
  );
}
