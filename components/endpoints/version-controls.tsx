"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export interface EndpointConfig {
  versionNumber: number;
  canary: { versionNumber: number; percent: number } | null;
  enabled: boolean;
}

/** Which published version the endpoint serves, an optional canary, and whether it answers at all. */
export function VersionControls({
  versions,
  config,
  pending,
  onSave,
}: {
  versions: { number: number; note: string }[];
  config: EndpointConfig;
  pending: boolean;
  onSave: (config: EndpointConfig) => void;
}) {
  const [pinned, setPinned] = useState(config.versionNumber);
  const [canaryVersion, setCanaryVersion] = useState<number | null>(config.canary?.versionNumber ?? null);
  const [percent, setPercent] = useState(String(config.canary?.percent ?? 10));
  const [enabled, setEnabled] = useState(config.enabled);
  const percentValue = Number(percent);
  const percentValid = Number.isInteger(percentValue) && percentValue >= 1 && percentValue <= 99;
  const canaryValid = canaryVersion === null || (canaryVersion !== pinned && percentValid);
  const label = (version: { number: number; note: string }) => `v${version.number}${version.note ? ` — ${version.note.slice(0, 60)}` : ""}`;

  return (
    <form
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (canaryValid) onSave({ versionNumber: pinned, canary: canaryVersion === null ? null : { versionNumber: canaryVersion, percent: percentValue }, enabled });
      }}
    >
      <Field id="endpoint-version" label="Pinned version" help="Serves every call the canary does not take, until you change it here.">
        <Select id="endpoint-version" value={pinned} onChange={(e) => setPinned(Number(e.target.value))}>
          {versions.map((version) => (
            <option key={version.number} value={version.number}>
              {label(version)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="endpoint-canary" label="Canary version" help="Optional: a second version for a share of calls, chosen at random per call.">
        <Select id="endpoint-canary" value={canaryVersion ?? ""} onChange={(e) => setCanaryVersion(e.target.value === "" ? null : Number(e.target.value))}>
          <option value="">No canary</option>
          {versions
            .filter((version) => version.number !== pinned)
            .map((version) => (
              <option key={version.number} value={version.number}>
                {label(version)}
              </option>
            ))}
        </Select>
      </Field>
      <Field
        id="endpoint-canary-percent"
        label="Canary share (%)"
        error={canaryVersion !== null && !percentValid ? "A whole number from 1 to 99" : undefined}
        help="Of all calls; the rest go to the pinned version."
      >
        <Input
          id="endpoint-canary-percent"
          type="number"
          min={1}
          max={99}
          value={percent}
          disabled={canaryVersion === null}
          aria-invalid={canaryVersion !== null && !percentValid}
          onChange={(e) => setPercent(e.target.value)}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-4" />
        Answer calls (when off, the endpoint answers 404)
      </label>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !canaryValid}>
          Save
        </Button>
      </div>
    </form>
  );
}
