"use client";

import { Loader2, Send, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { SseParser } from "../../_run/sse-parser";
import { foldConsole, initialConsole, type ConsoleState } from "./console-state";

/**
 * Calls the endpoint exactly as a client would (the run route, with an API key, as an event stream),
 * so what it shows is what callers get: the key's scope and limits apply.
 */
export function TestConsole({ runPath }: { runPath: string }) {
  const [key, setKey] = useState("");
  const [question, setQuestion] = useState("");
  const [state, setState] = useState<ConsoleState | null>(null);
  const [pending, setPending] = useState(false);
  const controller = useRef<AbortController | null>(null);

  async function ask() {
    controller.current?.abort();
    const abort = (controller.current = new AbortController());
    setPending(true);
    let current = initialConsole;
    setState(current);
    try {
      const response = await fetch(runPath, {
        method: "POST",
        headers: { authorization: `Bearer ${key.trim()}`, "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ question }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setState({ ...current, error: `${response.status}: ${body?.error ?? response.statusText}`, done: true });
        return;
      }
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        const messages = done ? parser.end() : parser.push(value);
        current = messages.reduce(foldConsole, current);
        setState(current);
        if (done) break;
      }
    } catch (error) {
      if (!abort.signal.aborted) setState({ ...current, error: error instanceof Error ? error.message : String(error), done: true });
    } finally {
      if (controller.current === abort) setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() && question.trim()) void ask();
        }}
      >
        <Field
          id="console-key"
          label="API key"
          help={
            <>
              Used only in this browser tab. Create one under <Link href="/settings/api-keys" className="text-primary hover:underline">API keys</Link>.
            </>
          }
        >
          <Input id="console-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="gw_…" />
        </Field>
        <Field id="console-question" label="Question">
          <Textarea id="console-question" value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="Ask what a caller would ask" />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending || !key.trim() || !question.trim()}>
            {pending ? <Loader2 className="animate-spin" /> : <Send />}
            Ask
          </Button>
        </div>
      </form>

      {state && (
        <div data-testid="console-result" className="flex flex-col gap-3 rounded-md border border-border bg-white p-4">
          {state.nodes.length > 0 && (
            <ol className="flex flex-wrap gap-1.5 text-xs" aria-label="Progress">
              {state.nodes.map((node) => (
                <li key={node.nodeId} className="rounded bg-muted px-1.5 py-0.5 font-mono text-muted-foreground">
                  {node.nodeId} {node.status === null ? "…" : node.status === "succeeded" ? "✓" : node.status}
                </li>
              ))}
            </ol>
          )}
          {state.error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {state.error}
            </p>
          )}
          {state.answer ? (
            <>
              {state.answer.refused ? (
                <div data-testid="console-answer" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  <p className="flex items-center gap-1.5 font-semibold">
                    <ShieldAlert className="size-4" /> Refused
                  </p>
                  <p className="mt-1">{state.answer.refusalReason ?? state.answer.text}</p>
                </div>
              ) : (
                <p data-testid="console-answer" className="whitespace-pre-wrap text-sm leading-relaxed">
                  {state.answer.text}
                </p>
              )}
              {state.answer.citations.length > 0 && (
                <ol className="flex flex-col gap-1.5 text-xs" data-testid="console-citations">
                  {state.answer.citations.map((citation) => (
                    <li key={citation.marker} className="rounded border border-border bg-slate-50 px-2 py-1.5">
                      <span className="font-semibold">[{citation.marker}] {citation.title}</span>
                      {citation.page !== undefined && <span className="text-muted-foreground"> · p. {citation.page}</span>}
                      <p className="mt-0.5 text-muted-foreground">“{citation.quote}”</p>
                    </li>
                  ))}
                </ol>
              )}
              <p className="text-xs text-muted-foreground">
                Served by v{state.answer.version} ·{" "}
                <Link href={`/runs/${state.answer.runId}`} className="text-primary hover:underline">
                  trace
                </Link>
              </p>
            </>
          ) : (
            state.draft && (
              <p className="whitespace-pre-wrap text-sm leading-relaxed text-muted-foreground" title="Not yet verified">
                {state.draft}
              </p>
            )
          )}
        </div>
      )}
    </div>
  );
}
