// Runs before every page and console API request: a fresh CSP nonce for pages, and an early answer
// for callers with no session cookie (pages go to sign-in, console API calls get 401 JSON). This is
// only the first gate: the session itself is checked where data is read (server/auth/context.ts).
// APIs with their own authentication (the published /api/v1 with API keys, better-auth's /api/auth)
// or none (/api/health) are outside its matcher: a published call does not pay for a gate it would
// pass anyway.
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/components/auth/public-paths";
import { contentSecurityPolicy } from "@/server/auth/security-headers";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = getSessionCookie(request) !== null;

  if (pathname.startsWith("/api/")) {
    if (signedIn) return NextResponse.next();
    return NextResponse.json({ error: "Sign in to use the console." }, { status: 401 });
  }

  if (!signedIn && !isPublicPath(pathname)) {
    const target = new URL("/sign-in", request.url);
    if (pathname !== "/") target.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/v1/|api/auth/|api/health$).*)" }],
};
