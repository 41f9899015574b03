"use client";

import { ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import type { ModelCallLog } from "@/nodes/model-call";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/components/ui/format";
import { formatTokens } from "./token-count";

const roleLabel: Record<string, string> = { system: "System prompt", user: "User", assistant: "Assistant (earlier reply)" };

function Text({ children, tone = "plain" }: { children: string; tone?: "plain" | "reply" | "error" }) {
  return (
    <pre
      className={cn(
        "max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md border p-2.5 font-mono text-[11px] leading-relaxed",
        tone === "reply" ? "border-indigo-200 bg-indigo-50/60 text-slate-900" : tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-border bg-slate-50 text-slate-800",
      )}
    >
      {children}
    </pre>
  );
}

function Section({ title, open = false, children, testId }: { title: string; open?: boolean; children: ReactNode; testId?: string }) {
  return (
    <details open={open} className="group/section" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-1 py-1 text-[11px] font-medium uppercase tracking-wide text-muted-foreground hover:text-foreground">
        <ChevronRight className="size-3 transition-transform group-open/section:rotate-90" />
        {title}
      </summary>
      <div className="mt-1 flex flex-col gap-2">{children}</div>
    </details>
  );
}

/** One provider call in a span: the prompts sent and the raw reply, each collapsible, in monospace. */
export function ModelCallView({ call, atMs }: { call: ModelCallLog; atMs?: number }) {
  const facts = [
    call.provider,
    call.format === "json" ? "structured (JSON)" : "text",
    call.streamed ? "streamed" : null,
    call.tokens ? `${formatTokens({ tokens: call.tokens.input + call.tokens.output, inputTokens: call.tokens.input, outputTokens: call.tokens.output })} tokens` : "tokens not reported",
    formatDuration(call.durationMs),
    call.retries.length > 0 ? `${call.retries.length} ${call.retries.length === 1 ? "retry" : "retries"}` : null,
  ].filter(Boolean);
  const failed = call.error !== undefined || call.parseError !== undefined;
  return (
    <div data-testid="model-call" className={cn("rounded-md border bg-white px-3 py-2 text-xs", failed ? "border-amber-300" : "border-border")}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        {typeof atMs === "number" && <span className="tabular-nums text-muted-foreground">+{formatDuration(atMs)}</span>}
        <span className="font-medium">Model call · {call.model}</span>
        <span className="text-muted-foreground">{facts.join(" · ")}</span>
      </p>
      <div className="mt-1.5 flex flex-col gap-1">
        <Section title={`Prompt (${call.messages.length} ${call.messages.length === 1 ? "message" : "messages"})`} testId="model-call-prompt">
          {call.messages.map((m, i) => (
            <div key={i}>
              <p className="mb-0.5 text-[11px] text-muted-foreground">{roleLabel[m.role] ?? m.role}</p>
              <Text>{m.content}</Text>
            </div>
          ))}
        </Section>
        <Section title={call.reply === null ? "Raw reply (none)" : "Raw reply"} open={call.reply !== null} testId="model-call-reply">
          {call.reply !== null && <Text tone="reply">{call.reply}</Text>}
          {call.parseError && <Text tone="error">{`Did not validate: ${call.parseError}`}</Text>}
          {call.error && <Text tone="error">{`Failed: ${call.error}`}</Text>}
        </Section>
        {call.retries.length > 0 && (
          <Section title={`Retries (${call.retries.length})`}>
            <ol className="flex flex-col gap-0.5 font-mono text-[11px] text-slate-700">
              {call.retries.map((r) => (
                <li key={r.attempt}>
                  retry {r.attempt} after {formatDuration(r.delayMs)}: {r.error}
                </li>
              ))}
            </ol>
          </Section>
        )}
      </div>
    </div>
  );
}
