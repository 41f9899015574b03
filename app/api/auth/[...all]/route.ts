import { getAuth } from "@/server/auth/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// better-auth's endpoints: sign-up, sign-in (rate-limited), sign-out, sessions, password, OIDC callback.
async function handler(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handler as GET, handler as POST };
