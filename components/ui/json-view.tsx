import { cn } from "./cn";

/** A value as indented JSON, rendered as text (never as HTML). */
export function JsonView({ value, className }: { value: unknown; className?: string }) {
  const text = value === undefined ? "—" : JSON.stringify(value, null, 2);
  return (
    <pre
      className={cn(
        "max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800",
        className,
      )}
    >
      {text}
    </pre>
  );
}
