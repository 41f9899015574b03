// Calls better-auth's endpoints from the browser (same origin, so the session cookie is set) and
// turns a refusal into one sentence for the form.
export const INVITATION_HEADER = "x-groundwork-invitation";

export async function authRequest(path: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 429) throw new Error("Too many attempts from this address: wait a minute, then try again.");
  if (!response.ok) throw new Error(typeof data.message === "string" && data.message ? data.message : `The server refused (${response.status}).`);
  return data;
}

/** Where to go after signing in: only a path of this console, never another site. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/pipelines";
}
