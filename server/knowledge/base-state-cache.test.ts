// A knowledge base's state served from memory between runs, on both databases: kept while nothing
// changes, dropped by the database's announcement of every change that a state holds (a setting, a
// stored guard threshold, a document indexed), never served to another workspace, and never served
// while the listener is lost.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { readBaseState, readBaseStateNow, type BaseState } from "./base-state";
import { cachedBaseState } from "./base-state-cache";
import { ingestDocument } from "./ingest";

/** Polls `check` until it holds (the listener and the notifications are asynchronous), failing after 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("not within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeEachDatabase("knowledge base states kept between runs", (getDb, getHandle) => {
  let workspaceId = "";
  let otherWorkspaceId = "";
  let knowledgeBaseId = "";
  let reads = 0;
  const counted = () =>
    cachedBaseState(getDb(), workspaceId, knowledgeBaseId, () => {
      reads++;
      return readBaseStateNow(getDb(), workspaceId, knowledgeBaseId);
    });
  /** True once a call is served without reading the database. */
  const servedFromMemory = async () => {
    const before = reads;
    await counted();
    return reads === before;
  };

  beforeAll(async () => {
    const db = getDb();
    workspaceId = (await db.workspace.create({ data: { name: "Cached", slug: "cached-states" } })).id;
    otherWorkspaceId = (await db.workspace.create({ data: { name: "Other", slug: "cached-states-other" } })).id;
    knowledgeBaseId = (await db.knowledgeBase.create({ data: { workspaceId, name: "Handbook" } })).id;
  });

  it("reads a base once, then serves it from memory", async () => {
    await eventually(servedFromMemory);
    const before = reads;
    for (let i = 0; i < 5; i++) await counted();
    expect(reads).toBe(before);
  });

  it("drops the kept state when the database announces a change to the base's settings", async () => {
    await eventually(servedFromMemory);
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardThreshold: 0.42, guardFingerprint: "test" } });
    await eventually(async () => (await readBaseState(getDb(), workspaceId, knowledgeBaseId)).guardThreshold === 0.42);
    expect(await readBaseState(getDb(), workspaceId, knowledgeBaseId)).toMatchObject({ guardThreshold: 0.42, guardFingerprint: "test" });
  });

  it("sees a document indexed into the base: its counts and content revision", async () => {
    const before: BaseState = await readBaseState(getDb(), workspaceId, knowledgeBaseId);
    await eventually(servedFromMemory);
    await ingestDocument(getDb(), { workspaceId, knowledgeBaseId, fileName: "notice.md", content: Buffer.from("# Notice\n\nA landlord gives 24 hours' notice before entering.\n") });
    await eventually(async () => (await readBaseState(getDb(), workspaceId, knowledgeBaseId)).revision !== before.revision);
    const after = await readBaseState(getDb(), workspaceId, knowledgeBaseId);
    expect(after.chunks).toBeGreaterThan(before.chunks);
    expect(after).toEqual(await readBaseStateNow(getDb(), workspaceId, knowledgeBaseId));
  });

  it("refuses the base to another workspace even while it is kept", async () => {
    await eventually(servedFromMemory);
    await expect(readBaseState(getDb(), otherWorkspaceId, knowledgeBaseId)).rejects.toThrow(/does not exist in this workspace/);
  });

  it("keeps nothing that a lost listener could have missed, and listens again (PostgreSQL)", async () => {
    const handle = getHandle();
    if (handle.kind !== "postgres") return;
    await eventually(servedFromMemory);
    const listeners = () =>
      getDb().$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN groundwork_base_state'`;
    const [{ pid }] = await listeners();
    await getDb().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    // Changed while no one listens: the kept state must not be served any more.
    await getDb().knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { guardThreshold: 0.77 } });
    await eventually(async () => (await readBaseState(getDb(), workspaceId, knowledgeBaseId)).guardThreshold === 0.77);
    await eventually(async () => (await listeners()).some((row) => row.pid !== pid));
    await eventually(servedFromMemory);
    expect((await counted()).guardThreshold).toBe(0.77);
  });
});
