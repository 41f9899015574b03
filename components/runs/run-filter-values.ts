// The runs page's filter values and choices: plain data, read by the server page and the client bar.

/** The runs page's filters as the URL carries them; an empty string is "any". */
export interface RunFilterValues {
  pipeline: string;
  version: string;
  outcome: string;
  source: string;
  apiKey: string;
  range: string;
  q: string;
}

export const emptyRunFilters: RunFilterValues = { pipeline: "", version: "", outcome: "", source: "", apiKey: "", range: "", q: "" };

export type Option = { value: string; label: string };

export const outcomeOptions: Option[] = [
  { value: "answered", label: "Answered" },
  { value: "flagged", label: "Flagged by verification" },
  { value: "refused", label: "Refused" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
  // Endpoint calls refused before they ran (bad body, key, scope, size, rate limit).
  { value: "rejected", label: "Rejected" },
];

export const sourceOptions: Option[] = [
  { value: "editor", label: "Editor" },
  { value: "endpoint", label: "Endpoint" },
];
