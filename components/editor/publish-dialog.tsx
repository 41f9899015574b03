"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { curlExample } from "@/components/endpoints/curl-example";

export type PublishResult = { versionNumber: number; slug: string; url: string; served: boolean };
export type PublishInput = { note: string; slug: string; serve: boolean };

export function PublishDialog({
  open,
  onOpenChange,
  current,
  pending,
  error,
  result,
  origin,
  onPublish,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The endpoint and the version it serves, once the pipeline has been published. */
  current: { slug: string; versionNumber: number } | null;
  pending: boolean;
  error: string | null;
  result: PublishResult | null;
  origin: string;
  onPublish: (input: PublishInput) => void;
}) {
  const [note, setNote] = useState("");
  const [slug, setSlug] = useState("");
  // A first publish always creates the endpoint; later ones may leave it serving the version it has.
  const [serve, setServe] = useState(true);
  const choices = current
    ? [
        { id: "serve" as const, title: `Publish and serve on ${current.slug}`, help: `The endpoint switches from version ${current.versionNumber} to the new one.` },
        { id: "keep" as const, title: "Publish only", help: `The endpoint keeps serving version ${current.versionNumber}; pin the new one from the endpoint page when ready.` },
      ]
    : [];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        {result && !result.served ? (
          <>
            <DialogHeader>
              <DialogTitle>Version {result.versionNumber} is published</DialogTitle>
              <DialogDescription data-testid="publish-not-served">
                It is in the version history, not served: the endpoint{" "}
                <Link href={`/endpoints/${result.slug}`} className="text-primary hover:underline">
                  {result.slug}
                </Link>{" "}
                keeps serving version {current?.versionNumber}.
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : result ? (
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
              const serving = serve || !current;
              onPublish({ note: note.trim(), slug: serving ? slug.trim() : "", serve: serving });
            }}
          >
            <DialogHeader>
              <DialogTitle>Publish this pipeline</DialogTitle>
              <DialogDescription>
                The saved draft becomes an immutable version{current ? "" : ", and a new endpoint starts serving it"}. Unsaved edits are saved first.
              </DialogDescription>
            </DialogHeader>
            {current && (
              <ChoiceCards
                legend="Endpoint"
                name="publish-serve"
                choices={choices}
                value={serve ? "serve" : "keep"}
                onChange={(id) => setServe(id === "serve")}
              />
            )}
            <Field id="publish-note" label="Release note" help="What changed, for whoever reads the version history.">
              <Textarea id="publish-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Tighter top-k" />
            </Field>
            {(serve || !current) && (
              <Field
                id="publish-slug"
                label="Endpoint slug"
                help={current ? `Leave empty to keep /api/v1/pipelines/${current.slug}/run.` : "Leave empty to derive it from the pipeline’s name."}
              >
                <Input
                  id="publish-slug"
                  value={slug}
                  onChange={(e) => setSlug(e.target.value)}
                  placeholder={current?.slug ?? "tenancy-answers"}
                  pattern="[a-z0-9]+(-[a-z0-9]+)*"
                  title="Lower-case letters, digits and single hyphens"
                />
              </Field>
            )}
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
