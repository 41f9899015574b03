import { LoaderCircle, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

export function Loading({ what }: { what: string }) {
  return (
    <div className="flex items-center gap-2 py-10 text-sm text-muted-foreground" role="status">
      <LoaderCircle className="size-4 animate-spin" />
      Loading {what}…
    </div>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" />
      <div className="flex-1">
        <p className="font-medium">Could not load this page’s data.</p>
        <p className="mt-0.5">{message}</p>
      </div>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
