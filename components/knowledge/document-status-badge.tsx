import { CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** A document's ingestion stage; anything not ready or failed is still in progress. */
export function DocumentStatusBadge({ status }: { status: string }) {
  if (status === "ready") {
    return (
      <Badge tone="success">
        <CircleCheck />
        ready
      </Badge>
    );
  }
  if (status === "failed") {
    return (
      <Badge tone="danger">
        <CircleX />
        failed
      </Badge>
    );
  }
  return (
    <Badge tone="info">
      <LoaderCircle className="animate-spin" />
      {status}
    </Badge>
  );
}
