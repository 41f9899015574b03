// CSRF defence for cookie-authenticated console mutations: the browser says where a request comes
// from (Origin, or Sec-Fetch-Site), and a mutation is accepted only from the console's own origin.
// SameSite=Lax cookies already stop most cross-site POSTs; this also stops same-site subdomains.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The reason to refuse this request, or null when it may proceed. */
export function csrfRefusal(request: Request, publicOrigin?: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const origin = request.headers.get("origin");
  const expected = publicOrigin ?? originOf(request);
  if (origin) return origin === expected ? null : `Cross-origin request refused: ${origin} is not ${expected}.`;
  // No Origin (older browsers send none on some same-origin requests): fall back to Fetch Metadata.
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return null;
  return "Request refused: a console mutation must carry the Origin header of the console.";
}

/** The origin the client addressed, behind a proxy too (Host / X-Forwarded-Host, X-Forwarded-Proto). */
export function originOf(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}
