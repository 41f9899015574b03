"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** A saved model-provider credential as the picker lists it (never its secret). */
export type ProviderOption = { id: string; name: string; models: string[] };

type ProviderValue = { credentialId?: string; model?: string; temperature?: number };

function asValue(value: unknown): ProviderValue {
  return value && typeof value === "object" ? (value as ProviderValue) : {};
}

/** Picks a saved provider credential and one of its models; unset means the node cannot run in provider mode. */
export function ProviderPicker({
  id,
  value,
  invalid,
  providers,
  onChange,
}: {
  id: string;
  value: unknown;
  invalid: boolean;
  providers: ProviderOption[] | undefined;
  onChange: (value: unknown) => void;
}) {
  const current = asValue(value);
  const chosen = providers?.find((p) => p.id === current.credentialId);
  const set = (patch: ProviderValue) => {
    const next = { ...current, ...patch };
    onChange(next.credentialId || next.model ? next : undefined);
  };
  return (
    <div className="flex flex-col gap-2" data-testid="config-provider">
      <Select id={id} aria-label="Provider credential" aria-invalid={invalid || undefined} value={current.credentialId ?? ""} onChange={(e) => set({ credentialId: e.target.value || undefined })}>
        <option value="">{providers && providers.length === 0 ? "No providers yet: add one in Settings" : "Choose a provider…"}</option>
        {current.credentialId && providers && !chosen && <option value={current.credentialId}>Missing provider ({current.credentialId})</option>}
        {providers?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
      <div className="grid grid-cols-[1fr_5.5rem] gap-2">
        <Input
          aria-label="Model"
          placeholder="Model name, e.g. gpt-4o-mini"
          list={`${id}-models`}
          value={current.model ?? ""}
          onChange={(e) => set({ model: e.target.value || undefined })}
        />
        <Input
          aria-label="Temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          placeholder="0"
          title="Temperature (0–2, default 0)"
          value={current.temperature ?? ""}
          onChange={(e) => set({ temperature: e.target.value === "" ? undefined : Number(e.target.value) })}
        />
      </div>
      <datalist id={`${id}-models`}>
        {chosen?.models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
    </div>
  );
}
