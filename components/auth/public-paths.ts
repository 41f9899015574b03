// Pages a visitor sees before signing in; proxy.ts lets them through without a session.
export function isPublicPath(pathname: string): boolean {
  return pathname === "/sign-in" || pathname === "/sign-up" || /^\/invite\/[^/]+$/.test(pathname);
}
