"use client";

import { Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { emptyRunFilters, outcomeOptions, sourceOptions, type Option, type RunFilterValues } from "./run-filter-values";
import { timeRanges } from "./time-ranges";

function FilterSelect({ label, value, options, any, onChange, disabled }: { label: string; value: string; options: Option[]; any: string; onChange: (value: string) => void; disabled?: boolean }) {
  return (
    <label className="flex min-w-36 flex-col gap-1 text-xs text-muted-foreground">
      {label}
      <Select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** Filters for the runs list; the question search is applied when typing pauses. */
export function RunFiltersBar({
  values,
  onChange,
  pipelines,
  versions,
  apiKeys,
}: {
  values: RunFilterValues;
  onChange: (values: RunFilterValues) => void;
  pipelines: Option[];
  versions: Option[];
  apiKeys: Option[];
}) {
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  useEffect(() => {
    if (text === values.q) return;
    const timer = setTimeout(() => onChange({ ...values, q: text }), 300);
    return () => clearTimeout(timer);
  }, [text, values, onChange]);
  const set = (change: Partial<RunFilterValues>) => onChange({ ...values, ...change });
  const active = Object.values(values).some(Boolean);

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" data-testid="run-filters">
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs text-muted-foreground">
        Question contains
        <span className="relative">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input aria-label="Question contains" className="pl-8" placeholder="Search questions…" value={text} onChange={(e) => setText(e.target.value)} />
        </span>
      </label>
      <FilterSelect label="Pipeline" value={values.pipeline} options={pipelines} any="All pipelines" onChange={(pipeline) => set({ pipeline, version: "" })} />
      <FilterSelect label="Version" value={values.version} options={versions} any="Any version" onChange={(version) => set({ version })} disabled={!values.pipeline} />
      <FilterSelect label="Outcome" value={values.outcome} options={outcomeOptions} any="Any outcome" onChange={(outcome) => set({ outcome })} />
      <FilterSelect label="Source" value={values.source} options={sourceOptions} any="Any source" onChange={(source) => set({ source })} />
      <FilterSelect label="API key" value={values.apiKey} options={apiKeys} any="Any key" onChange={(apiKey) => set({ apiKey })} />
      <FilterSelect label="Time" value={values.range} options={timeRanges.map((r) => ({ value: r.id, label: r.label }))} any="Any time" onChange={(range) => set({ range })} />
      {active && (
        <Button variant="ghost" onClick={() => onChange(emptyRunFilters)}>
          <X className="size-4" />
          Clear
        </Button>
      )}
    </div>
  );
}
