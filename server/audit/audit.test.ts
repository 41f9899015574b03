import { beforeAll, expect, it } from "vitest";
import { testCaller } from "@/server/api/testing/test-caller";
import { describeEachDatabase } from "@/server/db/test-databases";
import { auditCsv, findAuditEvents } from "./query";
import { recordAudit } from "./record";

describeEachDatabase("audit log", (getDb) => {
  let workspaceId: string;
  let otherId: string;
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Audited", slug: "audited" } })).id;
    otherId = (await getDb().workspace.create({ data: { name: "Other", slug: "other" } })).id;
  });

  it("records what routers do, with the actor, and filters by actor, action and time", async () => {
    const admin = testCaller(getDb(), workspaceId, { role: "admin", user: { id: "u-admin", email: "ada@example.test", name: "Ada" } });
    const key = await admin.apiKey.create({ name: "CI" });
    await admin.apiKey.revoke({ id: key.id });
    await admin.workspace.updateSettings({ allowPrivateUrls: true });
    await recordAudit(getDb(), { workspaceId: otherId, actor: { id: "x", email: "ada@example.test" }, action: "api_key.created" });

    const all = await admin.audit.list({ filter: {} });
    expect(all.events.map((e) => e.action)).toEqual(["workspace.settings_changed", "api_key.revoked", "api_key.created"]);
    expect(all.events[2]).toMatchObject({ actorEmail: "ada@example.test", targetType: "api_key", targetId: key.id, detail: { name: "CI" }, ipAddress: "127.0.0.1" });
    expect((await admin.audit.list({ filter: { action: "api_key.revoked" } })).events).toHaveLength(1);
    expect((await admin.audit.list({ filter: { actor: "ADA@" } })).events).toHaveLength(3);
    expect((await admin.audit.list({ filter: { actor: "bob" } })).events).toHaveLength(0);
    expect((await admin.audit.list({ filter: { from: new Date(Date.now() + 60_000) } })).events).toHaveLength(0);
    await expect(admin.audit.list({ filter: { from: new Date(), to: new Date(Date.now() - 1000) } })).rejects.toThrow(/start of the period/);
  });

  it("exports CSV with quoting, and neutralises spreadsheet formulas", async () => {
    await recordAudit(getDb(), { workspaceId, actor: { id: "m", email: '=HYPERLINK("http://evil")' }, action: "member.removed", detail: { note: 'a, "b"' } });
    const csv = auditCsv(await findAuditEvents(getDb(), workspaceId, { action: "member.removed" }, { limit: 10 }));
    const [header, row] = csv.trim().split("\r\n");
    expect(header).toBe("time,actor,action,target_type,target_id,detail,ip_address");
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`"{""note"":""a, \\""b\\""""}"`);
  });
});
