"use client";

import { useRef } from "react";
import { cn } from "@/components/ui/cn";
import { promptSegments, promptVariables } from "./config-fields";

// The same box model for the textarea and the highlight layer behind it, so the marks sit under the text.
const layer = "whitespace-pre-wrap break-words px-3 py-2 font-mono text-xs leading-5";

/** A prompt textarea with its `{variables}` highlighted in place and listed below. */
export function PromptEditor({
  id,
  testId,
  value,
  invalid,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const backdrop = useRef<HTMLDivElement>(null);
  const variables = promptVariables(value);
  return (
    <div>
      <div className={cn("relative rounded-md border bg-white shadow-xs focus-within:ring-2 focus-within:ring-ring/30", invalid ? "border-destructive" : "border-input")}>
        <div ref={backdrop} aria-hidden className={cn(layer, "pointer-events-none absolute inset-0 overflow-hidden text-transparent")}>
          {promptSegments(value).map((segment, i) =>
            segment.variable ? (
              <mark key={i} className="rounded-sm bg-violet-200 text-transparent">
                {segment.text}
              </mark>
            ) : (
              <span key={i}>{segment.text}</span>
            ),
          )}
          {"\n"}
        </div>
        <textarea
          id={id}
          data-testid={testId}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          className={cn(layer, "relative block min-h-32 w-full resize-y bg-transparent text-foreground caret-foreground outline-none")}
        />
      </div>
      <p className="mt-1 text-xs text-muted-foreground">
        {variables.length > 0 ? (
          <>
            Filled at run time:{" "}
            {variables.map((name) => (
              <code key={name} className="mr-1 rounded bg-violet-100 px-1 text-violet-900">{`{${name}}`}</code>
            ))}
          </>
        ) : (
          "No {variables}: the prompt is sent as written."
        )}
      </p>
    </div>
  );
}
