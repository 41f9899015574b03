import Link from "next/link";

/** Under the local embedder picker while the workspace has no embedder folder registered. */
export function LocalEmbedderHint() {
  return (
    <p className="text-xs text-muted-foreground" data-testid="local-embedder-hint">
      No embedder registered yet: add an ONNX sentence-embedding folder with the task “Embedder” in{" "}
      <Link href="/settings/models" className="underline underline-offset-2">
        Settings → Local models
      </Link>
      .
    </p>
  );
}
