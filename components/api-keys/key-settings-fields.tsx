"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { KeySettingsDraft } from "./key-settings";

/** Where a key may call (all endpoints, or chosen ones) and how often. */
export function KeySettingsFields({
  idPrefix,
  endpoints,
  draft,
  onChange,
}: {
  idPrefix: string;
  endpoints: { id: string; slug: string }[];
  draft: KeySettingsDraft;
  onChange: (draft: KeySettingsDraft) => void;
}) {
  const toggle = (id: string, on: boolean) =>
    onChange({ ...draft, endpointIds: on ? [...draft.endpointIds, id] : draft.endpointIds.filter((other) => other !== id) });
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <fieldset className="flex flex-col gap-1.5 text-sm">
        <legend className="mb-1.5 text-sm font-medium">Endpoints</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${idPrefix}-scope`} checked={draft.allEndpoints} onChange={() => onChange({ ...draft, allEndpoints: true })} />
          All, including future ones
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${idPrefix}-scope`} checked={!draft.allEndpoints} onChange={() => onChange({ ...draft, allEndpoints: false })} />
          Only these:
        </label>
        {!draft.allEndpoints &&
          (endpoints.length === 0 ? (
            <p className="pl-6 text-xs text-muted-foreground">Nothing is published yet.</p>
          ) : (
            endpoints.map((endpoint) => (
              <label key={endpoint.id} className="flex items-center gap-2 pl-6 font-mono text-xs">
                <input type="checkbox" checked={draft.endpointIds.includes(endpoint.id)} onChange={(e) => toggle(endpoint.id, e.target.checked)} />
                {endpoint.slug}
              </label>
            ))
          ))}
      </fieldset>
      <Field id={`${idPrefix}-per-minute`} label="Calls per minute" help="Empty: no limit.">
        <Input id={`${idPrefix}-per-minute`} inputMode="numeric" value={draft.rateLimitPerMinute} onChange={(e) => onChange({ ...draft, rateLimitPerMinute: e.target.value })} placeholder="no limit" />
      </Field>
      <Field id={`${idPrefix}-per-day`} label="Calls per day (UTC)" help="Empty: no quota.">
        <Input id={`${idPrefix}-per-day`} inputMode="numeric" value={draft.dailyQuota} onChange={(e) => onChange({ ...draft, dailyQuota: e.target.value })} placeholder="no quota" />
      </Field>
    </div>
  );
}
