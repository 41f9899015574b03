// A key's scope and limits as its form edits them: text fields until submitted, so a half-typed
// number is not lost; `toKeySettings` turns them into what the API takes, or says what is wrong.

export interface KeySettingsDraft {
  allEndpoints: boolean;
  endpointIds: string[];
  rateLimitPerMinute: string;
  dailyQuota: string;
}

export interface KeySettings {
  endpointIds: string[] | null;
  rateLimitPerMinute: number | null;
  dailyQuota: number | null;
}

export const emptyKeySettings: KeySettingsDraft = { allEndpoints: true, endpointIds: [], rateLimitPerMinute: "", dailyQuota: "" };

export function draftOf(settings: { endpoints: { id: string }[] | null; rateLimitPerMinute: number | null; dailyQuota: number | null }): KeySettingsDraft {
  return {
    allEndpoints: settings.endpoints === null,
    endpointIds: settings.endpoints?.map((endpoint) => endpoint.id) ?? [],
    rateLimitPerMinute: settings.rateLimitPerMinute === null ? "" : String(settings.rateLimitPerMinute),
    dailyQuota: settings.dailyQuota === null ? "" : String(settings.dailyQuota),
  };
}

function limit(text: string, what: string): { ok: true; value: number | null } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: null };
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? { ok: true, value } : { ok: false, error: `${what}: a whole number of at least 1, or empty for none` };
}

export function toKeySettings(draft: KeySettingsDraft): { ok: true; settings: KeySettings } | { ok: false; error: string } {
  if (!draft.allEndpoints && draft.endpointIds.length === 0) return { ok: false, error: "Choose at least one endpoint, or allow all" };
  const perMinute = limit(draft.rateLimitPerMinute, "Calls per minute");
  if (!perMinute.ok) return perMinute;
  const perDay = limit(draft.dailyQuota, "Calls per day");
  if (!perDay.ok) return perDay;
  return { ok: true, settings: { endpointIds: draft.allEndpoints ? null : draft.endpointIds, rateLimitPerMinute: perMinute.value, dailyQuota: perDay.value } };
}
