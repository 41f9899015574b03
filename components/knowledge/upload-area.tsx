"use client";

import { LoaderCircle, Upload } from "lucide-react";
import { useRef, useState, type DragEvent } from "react";
import { cn } from "@/components/ui/cn";

/** Drop files here or pick them; the server decides per file whether it can read it, and says why not. */
export function UploadArea({
  uploading,
  onFiles,
  accept,
  maxFileMegabytes,
}: {
  uploading: boolean;
  onFiles: (files: File[]) => void;
  /** Extensions offered by the file picker, e.g. ".md". */
  accept: string[];
  maxFileMegabytes: number;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (!uploading && event.dataTransfer.files.length > 0) onFiles([...event.dataTransfer.files]);
  }

  return (
    <div
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors",
        over ? "border-primary bg-primary/5" : "border-slate-300 bg-white",
      )}
    >
      <div className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
        {uploading ? <LoaderCircle className="size-5 animate-spin" /> : <Upload className="size-5" />}
      </div>
      <p className="text-sm font-medium">{uploading ? "Uploading and indexing…" : "Drop files here — many at once, or a zip"}</p>
      <p className="text-xs text-muted-foreground">
        {accept.join(", ")} · up to {maxFileMegabytes} MB per file ·{" "}
        <label htmlFor="document-files" className="cursor-pointer font-medium text-primary hover:underline">
          choose files
        </label>
      </p>
      <input
        ref={input}
        id="document-files"
        data-testid="document-files"
        type="file"
        multiple
        accept={accept.join(",")}
        disabled={uploading}
        className="sr-only"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Reset so choosing the same file again still fires a change.
          if (input.current) input.current.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
