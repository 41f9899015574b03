// better-auth over our Prisma client: e-mail + password (scrypt, better-auth's default, memory-hard),
// sessions in Postgres, sign-in rate limiting kept in Postgres, optional OIDC SSO. The hooks gate
// sign-up (the first account is the owner; later ones need an invitation) and write the audit log.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import { recordAccountAudit } from "@/server/audit/record";
import { ready } from "@/server/bootstrap";
import type { Db } from "@/server/db/client";
import { secretKey } from "@/server/providers/secret-key";
import { parseAuthConfig, type AuthConfig } from "./auth-config";
import { originOf } from "./csrf";
import { INVITATION_HEADER, InvitationError, openInvitation } from "./invitations";
import { joinAfterSignUp } from "./onboarding";

export const MIN_PASSWORD_LENGTH = 10;
/** Failed or not, sign-in attempts per client address per minute. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 5;

function ipOf(headers: Headers | undefined): string | null {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

export function createAuth(db: Db, config: AuthConfig) {
  return betterAuth({
    appName: "Groundwork",
    baseURL: config.baseUrl,
    secret: config.secret,
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 256, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        "/sign-up/email": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        "/change-password": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
      },
    },
    advanced: {
      useSecureCookies: config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: config.secureCookies },
    },
    // Without a configured public URL, the origin the browser addressed (Host) is the console's own.
    trustedOrigins: config.baseUrl ? [config.baseUrl] : async (request) => (request ? [originOf(request)] : []),
    plugins: config.oidc ? [genericOAuth({ config: [config.oidc] })] : [],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email") {
          if ((await db.user.count()) === 0) return;
          const token = ctx.headers?.get(INVITATION_HEADER);
          if (!token) throw new APIError("FORBIDDEN", { message: "Sign-up needs an invitation link from a workspace admin." });
          await openInvitation(db, token).catch((error: unknown) => {
            throw new APIError("FORBIDDEN", { message: error instanceof InvitationError ? error.message : "The invitation could not be read." });
          });
        }
        if (ctx.path === "/sign-out") {
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (session) {
            await recordAccountAudit(db, session.user.id, {
              actor: { id: session.user.id, email: session.user.email },
              action: "auth.sign_out",
              ipAddress: ipOf(ctx.headers),
            });
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = ipOf(ctx.headers);
        const failed = ctx.context.returned instanceof APIError;
        const created = ctx.context.newSession;
        if (ctx.path === "/sign-up/email" && created) {
          await joinAfterSignUp(db, created.user, ctx.headers?.get(INVITATION_HEADER) ?? null);
        }
        if (ctx.path === "/revoke-sessions" || ctx.path === "/change-password") {
          // A password change hands out a fresh session too: it is not a sign-in.
          const session = ctx.context.session;
          if (session && !failed) {
            await recordAccountAudit(db, session.user.id, {
              actor: { id: session.user.id, email: session.user.email },
              action: ctx.path === "/revoke-sessions" ? "auth.sessions_revoked" : "auth.password_changed",
              ipAddress: ip,
            });
          }
        } else if (created && !failed) {
          await recordAccountAudit(db, created.user.id, {
            actor: { id: created.user.id, email: created.user.email },
            action: "auth.sign_in",
            detail: { method: ctx.path.startsWith("/sign-") ? "password" : "oidc", firstSignIn: ctx.path === "/sign-up/email" },
            ipAddress: ip,
          });
        } else if (ctx.path === "/sign-in/email" && failed) {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.toLowerCase().slice(0, 320) : "";
          const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
          await recordAccountAudit(db, user?.id ?? null, {
            actor: user ? { id: user.id, email } : { id: "", email },
            action: "auth.sign_in_failed",
            detail: { reason: (ctx.context.returned as APIError).message },
            ipAddress: ip,
          });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const state = globalThis as typeof globalThis & { groundworkAuth?: Promise<Auth> };

/** The process's auth, over the started database (seeded, so the owner can join the default workspace). */
export function getAuth(): Promise<Auth> {
  state.groundworkAuth ??= ready()
    .then((db) => createAuth(db, parseAuthConfig(process.env, secretKey)))
    .catch((error: unknown) => {
      state.groundworkAuth = undefined;
      throw error;
    });
  return state.groundworkAuth;
}
