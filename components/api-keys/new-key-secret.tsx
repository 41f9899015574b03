import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** A key's secret, shown this once: only its hash is kept. */
export function NewKeySecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="flex items-center gap-1.5 text-sm font-semibold text-amber-900">
        <TriangleAlert className="size-4" />
        Copy the key “{name}” now: it will not be shown again.
      </p>
      <div className="mt-3 flex items-center gap-2 rounded-md border border-amber-200 bg-white px-3 py-2">
        <code data-testid="api-key-secret" className="flex-1 select-all break-all font-mono text-sm">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <div className="mt-3 flex justify-end">
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          I have stored it
        </Button>
      </div>
    </div>
  );
}
