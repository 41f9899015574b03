// Tests drive better-auth through its HTTP handler, the way the browser does: JSON bodies, the
// console's Origin, a client address for rate limiting, and the session cookie it sets.
import type { Auth } from "../auth";
import type { AuthConfig } from "../auth-config";

export const TEST_ORIGIN = "http://console.test";

export const testAuthConfig: AuthConfig = { baseUrl: TEST_ORIGIN, secureCookies: false, secret: "t".repeat(40), oidc: null };

export interface AuthCall {
  status: number;
  body: Record<string, unknown> | null;
  /** "name=value" of the session cookie, when the call set one. */
  cookie: string | null;
}

export async function callAuth(
  auth: Auth,
  path: string,
  body: Record<string, unknown> | null,
  options: { cookie?: string; headers?: Record<string, string>; ip?: string } = {},
): Promise<AuthCall> {
  const response = await auth.handler(
    new Request(`${TEST_ORIGIN}/api/auth${path}`, {
      method: body ? "POST" : "GET",
      headers: {
        ...(body ? { "content-type": "application/json" } : {}),
        origin: TEST_ORIGIN,
        "x-forwarded-for": options.ip ?? "198.51.100.7",
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
  const setCookie = response.headers.getSetCookie().find((c) => c.includes("session_token=") && !c.includes("session_token=;"));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, cookie: setCookie?.split(";")[0] ?? null };
}

export async function signUp(auth: Auth, email: string, options: { invitation?: string; password?: string } = {}): Promise<AuthCall> {
  return callAuth(
    auth,
    "/sign-up/email",
    { email, password: options.password ?? "correct horse battery", name: email.split("@")[0] },
    options.invitation ? { headers: { "x-groundwork-invitation": options.invitation } } : {},
  );
}
