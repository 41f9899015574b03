import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Stays until the person reloads: their edits are still on the canvas, but saving them would overwrite someone's work. */
export function ConflictBanner({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <div role="alert" className="flex items-center gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
      <TriangleAlert className="size-4 shrink-0" />
      <p className="flex-1">{message}</p>
      <Button variant="secondary" size="sm" onClick={onReload}>
        <RefreshCw />
        Reload latest
      </Button>
    </div>
  );
}
