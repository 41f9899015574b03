"use client";

import { Select } from "@/components/ui/select";

/** A registered local model folder as the picker lists it. */
export type LocalModelOption = { id: string; name: string; task: string };

/** Picks a registered local model folder of one task; unset means the node cannot run in local mode. */
export function ModelFolderPicker({
  id,
  task,
  value,
  invalid,
  models,
  onChange,
}: {
  id: string;
  task: string;
  value: unknown;
  invalid: boolean;
  models: LocalModelOption[] | undefined;
  onChange: (value: unknown) => void;
}) {
  const current = typeof value === "string" ? value : "";
  const fitting = models?.filter((m) => m.task === task);
  const known = fitting?.some((m) => m.id === current);
  return (
    <Select id={id} data-testid="config-localModel" aria-invalid={invalid || undefined} value={current} disabled={!models} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{!models ? "Loading local models…" : fitting?.length === 0 ? `No ${task} models yet: register one in Settings → Local models` : "Choose a local model…"}</option>
      {current && fitting && !known && <option value={current}>Missing local model ({current})</option>}
      {fitting?.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </Select>
  );
}
