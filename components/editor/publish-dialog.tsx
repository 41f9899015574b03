"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { curlExample } from "@/components/endpoints/curl-example";

export type PublishResult = { versionNumber: number; slug: string; url: string };

export function PublishDialog({
  open,
  onOpenChange,
  currentSlug,
  pending,
  error,
  result,
  origin,
  onPublish,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  currentSlug: string | null;
  pending: boolean;
  error: string | null;
  result: PublishResult | null;
  origin: string;
  onPublish: (input: { note: string; slug: string }) => void;
}) {
  const [note, setNote] = useState("");
  const [slug, setSlug] = useState("");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        {result ? (
          <>
            <DialogHeader>
              <DialogTitle>Version {result.versionNumber} is live</DialogTitle>
              <DialogDescription>
                Call it with an API key from Settings → API keys. The{" "}
                <Link href={`/endpoints/${result.slug}`} className="text-primary hover:underline">
                  endpoint page
                </Link>{" "}
                has snippets for curl and the OpenAI clients, a test console, metrics and the version pin.
              </DialogDescription>
            </DialogHeader>
            <div className="flex flex-col gap-2">
              <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Endpoint</p>
              <div className="flex items-center gap-2 rounded-md border border-border bg-slate-50 px-3 py-2">
                <code className="flex-1 break-all font-mono text-sm">
                  <span className="text-muted-foreground">POST </span>
                  <span data-testid="endpoint-url">{result.url}</span>
                </code>
                <CopyButton text={`${origin}${result.url}`} />
              </div>
              <p className="mt-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Example</p>
              <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
                {curlExample(origin, result.url)}
              </pre>
            </div>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              onPublish({ note: note.trim(), slug: slug.trim() });
            }}
          >
            <DialogHeader>
              <DialogTitle>Publish this pipeline</DialogTitle>
              <DialogDescription>
                The saved draft becomes an immutable version, and the endpoint starts serving it. Unsaved edits are saved first.
              </DialogDescription>
            </DialogHeader>
            <Field id="publish-note" label="Release note" help="What changed, for whoever reads the version history.">
              <Textarea id="publish-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Tighter top-k" />
            </Field>
            <Field
              id="publish-slug"
              label="Endpoint slug"
              help={currentSlug ? `Leave empty to keep /api/v1/pipelines/${currentSlug}/run.` : "Leave empty to derive it from the pipeline’s name."}
            >
              <Input
                id="publish-slug"
                value={slug}
                onChange={(e) => setSlug(e.target.value)}
                placeholder={currentSlug ?? "tenancy-answers"}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                title="Lower-case letters, digits and single hyphens"
              />
            </Field>
            {error && (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            )}
            <DialogFooter>
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                Publish
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
