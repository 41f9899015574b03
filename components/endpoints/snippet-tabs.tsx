"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import type { Snippet } from "./snippets";

/** One snippet at a time, picked by language, with its copy button. */
export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [active, setActive] = useState(snippets[0]?.id);
  const shown = snippets.find((snippet) => snippet.id === active) ?? snippets[0];
  return (
    <div>
      <div role="tablist" aria-label="Language" className="mb-2 flex gap-1">
        {snippets.map((snippet) => (
          <button
            key={snippet.id}
            type="button"
            role="tab"
            aria-selected={snippet.id === shown.id}
            onClick={() => setActive(snippet.id)}
            className={cn(
              "rounded-md px-2.5 py-1 text-xs font-medium transition-colors",
              snippet.id === shown.id ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="flex items-start gap-2">
        <pre data-testid="snippet" className="flex-1 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
          {shown.code}
        </pre>
        <CopyButton text={shown.code} />
      </div>
    </div>
  );
}
