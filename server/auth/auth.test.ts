import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { DEFAULT_WORKSPACE_SLUG } from "@/server/db/seed";
import { createAuth, SIGN_IN_ATTEMPTS_PER_MINUTE, type Auth } from "./auth";
import { createInvitation } from "./invitations";
import { callAuth, signUp, testAuthConfig } from "./testing/auth-client";

describeEachDatabase("accounts (better-auth on our Prisma client)", (getDb) => {
  let auth: Auth;
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Default workspace", slug: DEFAULT_WORKSPACE_SLUG } })).id;
    auth = createAuth(getDb(), testAuthConfig);
  });

  it("makes the first account the owner of the default workspace, hashing the password with scrypt", async () => {
    const owner = await signUp(auth, "owner@example.test");
    expect(owner.status).toBe(200);
    expect(owner.cookie).toMatch(/session_token=/);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "owner@example.test" }, include: { memberships: true, accounts: true } });
    expect(user.memberships).toMatchObject([{ workspaceId, role: "owner" }]);
    // better-auth's scrypt format: hex salt and hex key, never the password itself.
    expect(user.accounts[0].password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a later sign-up without an invitation, and joins with the invitation's role", async () => {
    const refused = await signUp(auth, "stranger@example.test");
    expect(refused.status).toBe(403);
    expect(String(refused.body?.message)).toMatch(/needs an invitation/);
    expect(await getDb().user.count({ where: { email: "stranger@example.test" } })).toBe(0);

    const owner = await getDb().user.findUniqueOrThrow({ where: { email: "owner@example.test" } });
    const invitation = await createInvitation(getDb(), { workspaceId, role: "viewer", invitedById: owner.id, expiresInHours: 1 });
    expect((await signUp(auth, "viewer@example.test", { invitation: invitation.token })).status).toBe(200);
    const viewer = await getDb().user.findUniqueOrThrow({ where: { email: "viewer@example.test" }, include: { memberships: true } });
    expect(viewer.memberships).toMatchObject([{ workspaceId, role: "viewer" }]);
    expect(await getDb().auditEvent.count({ where: { workspaceId, action: "member.joined", actorId: viewer.id } })).toBe(1);
    // Used once: a second account cannot reuse the link.
    expect((await signUp(auth, "copycat@example.test", { invitation: invitation.token })).status).toBe(403);
  });

  it("records sign-in success and failure in the audit log", async () => {
    expect((await callAuth(auth, "/sign-in/email", { email: "owner@example.test", password: "wrong password!" }, { ip: "192.0.2.10" })).status).toBe(401);
    expect((await callAuth(auth, "/sign-in/email", { email: "owner@example.test", password: "correct horse battery" }, { ip: "192.0.2.10" })).status).toBe(200);
    const events = await getDb().auditEvent.findMany({ where: { actorEmail: "owner@example.test", action: { startsWith: "auth.sign_in" } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.workspaceId, e.ipAddress])).toEqual([
      ["auth.sign_in", workspaceId, "198.51.100.7"],
      ["auth.sign_in_failed", workspaceId, "192.0.2.10"],
      ["auth.sign_in", workspaceId, "192.0.2.10"],
    ]);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const attempt = (ip: string) => callAuth(auth, "/sign-in/email", { email: "viewer@example.test", password: "guess guess guess" }, { ip });
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE; i++) expect((await attempt("203.0.113.9")).status).toBe(401);
    expect((await attempt("203.0.113.9")).status).toBe(429);
    // Another address is not held back by this one's attempts.
    expect((await attempt("203.0.113.10")).status).toBe(401);
  });

  it("signs out everywhere and changes the password, revoking the other sessions", async () => {
    const a = await callAuth(auth, "/sign-in/email", { email: "viewer@example.test", password: "correct horse battery" }, { ip: "192.0.2.20" });
    const b = await callAuth(auth, "/sign-in/email", { email: "viewer@example.test", password: "correct horse battery" }, { ip: "192.0.2.21" });
    expect((await callAuth(auth, "/get-session", null, { cookie: a.cookie! })).body).not.toBeNull();

    const changed = await callAuth(auth, "/change-password", { currentPassword: "correct horse battery", newPassword: "a new long passphrase", revokeOtherSessions: true }, { cookie: b.cookie! });
    expect(changed.status).toBe(200);
    expect((await callAuth(auth, "/get-session", null, { cookie: a.cookie! })).body).toBeNull();

    const c = await callAuth(auth, "/sign-in/email", { email: "viewer@example.test", password: "a new long passphrase" }, { ip: "192.0.2.22" });
    expect(c.status).toBe(200);
    expect((await callAuth(auth, "/revoke-sessions", {}, { cookie: c.cookie! })).status).toBe(200);
    expect((await callAuth(auth, "/get-session", null, { cookie: c.cookie! })).body).toBeNull();
    const viewer = await getDb().user.findUniqueOrThrow({ where: { email: "viewer@example.test" } });
    expect(await getDb().session.count({ where: { userId: viewer.id } })).toBe(0);
    const actions = (await getDb().auditEvent.findMany({ where: { actorId: viewer.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.password_changed", "auth.sessions_revoked"]));
  });

  it("without a configured public URL, trusts the origin the request was addressed to", async () => {
    const local = createAuth(getDb(), { ...testAuthConfig, baseUrl: undefined });
    const attempt = (origin: string) => local.handler(
      new Request("http://console.test/api/auth/sign-in/email", {
        method: "POST",
        // A cookie on the request: that is when a forged cross-site request could ride on a session.
        headers: { "content-type": "application/json", origin, cookie: "better-auth.session_token=stale", "x-forwarded-for": "192.0.2.99" },
        body: JSON.stringify({ email: "owner@example.test", password: "correct horse battery" }),
      }),
    );
    expect((await attempt("http://console.test")).status).toBe(200);
  });

  it("keeps the audit log append-only: the database refuses UPDATE and DELETE", async () => {
    const event = await getDb().auditEvent.findFirstOrThrow();
    await expect(getDb().auditEvent.update({ where: { id: event.id }, data: { action: "auth.sign_out" } })).rejects.toThrow(/append-only/);
    await expect(getDb().auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });
});
