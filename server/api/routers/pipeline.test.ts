import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { describeEachDatabase } from "@/server/db/test-databases";
import { EXAMPLE_PIPELINE_NAME, seedDatabase } from "@/server/db/seed";
import { testCaller } from "@/server/api/testing/test-caller";

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describeEachDatabase("pipeline router", (getDb) => {
  let workspaceId: string;
  const caller = () => testCaller(getDb(), workspaceId);

  beforeAll(async () => {
    ({ workspaceId } = await seedDatabase(getDb()));
  });

  it("lists the seeded example, which validates cleanly", async () => {
    const list = await caller().pipeline.list();
    const example = list.find((pipeline) => pipeline.name === EXAMPLE_PIPELINE_NAME);
    expect(example).toMatchObject({ latestVersion: null, endpointSlug: null, runCount: 0 });
    const opened = await caller().pipeline.get({ id: example!.id });
    expect(opened.draft.graph.nodes.map((node) => node.type)).toEqual(["input.chat", "retrieve.bm25", "generate.extractive", "output.answer"]);
    expect(opened.draft.problems).toEqual([]);
    expect(opened.draft.revision).toBe(1);
  });

  it("creates, renames and deletes a pipeline", async () => {
    const { id } = await caller().pipeline.create({ name: "  Deposits  " });
    const created = await caller().pipeline.get({ id });
    expect(created.pipeline.name).toBe("Deposits");
    expect(created.draft).toMatchObject({ revision: 1, graph: { nodes: [], edges: [] } });
    expect(created.versions).toEqual([]);
    expect(created.endpoint).toBeNull();

    await caller().pipeline.rename({ id, name: "Deposit questions" });
    expect((await caller().pipeline.list()).find((pipeline) => pipeline.id === id)?.name).toBe("Deposit questions");

    await caller().pipeline.delete({ id });
    expect((await caller().pipeline.list()).some((pipeline) => pipeline.id === id)).toBe(false);
    expect((await rejection(caller().pipeline.get({ id }))).code).toBe("NOT_FOUND");
  });

  it("creates a copy of the example over the example knowledge base", async () => {
    const { id } = await caller().pipeline.create({ name: "My tenancy answers", from: "example" });
    const copy = await caller().pipeline.get({ id });
    expect(copy.draft.graph.nodes).toHaveLength(4);
    expect(copy.draft.problems).toEqual([]);
  });

  it("refuses a blank name, naming the field", async () => {
    const error = await rejection(caller().pipeline.create({ name: "   " }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("saves a draft and refuses a stale save without overwriting", async () => {
    const { id } = await caller().pipeline.create({ name: "Conflicts" });
    const mine: Graph = {
      schemaVersion: 1,
      nodes: [{ id: "q", type: "input.chat", position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    };
    const first = await caller().pipeline.saveDraft({ id, graph: mine, revision: 1 });
    expect(first.revision).toBe(2);
    // A lone input node saves, with its problems reported instead of thrown.
    expect(Array.isArray(first.problems)).toBe(true);

    const theirs: Graph = { ...mine, nodes: [{ ...mine.nodes[0], id: "stale" }] };
    const error = await rejection(caller().pipeline.saveDraft({ id, graph: theirs, revision: 1 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "This pipeline was changed elsewhere since you opened it (your revision 1, saved revision 2). Reload to get the latest version; your edits were not saved.",
    );
    const stored = await caller().pipeline.get({ id });
    expect(stored.draft.revision).toBe(2);
    expect(stored.draft.graph.nodes.map((node) => node.id)).toEqual(["q"]);
  });

  it("allows only one of two concurrent saves from the same revision", async () => {
    const { id } = await caller().pipeline.create({ name: "Race" });
    const save = (nodeId: string) =>
      caller().pipeline.saveDraft({
        id,
        revision: 1,
        graph: { schemaVersion: 1, nodes: [{ id: nodeId, type: "input.chat", position: { x: 0, y: 0 }, config: {} }], edges: [] },
      });
    const results = await Promise.allSettled([save("a"), save("b")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    expect((await caller().pipeline.get({ id })).draft.revision).toBe(2);
  });

  it("refuses a graph that does not parse, naming where", async () => {
    const { id } = await caller().pipeline.create({ name: "Bad graph" });
    const error = await rejection(
      caller().pipeline.saveDraft({ id, revision: 1, graph: { nodes: [{ id: "", type: "x" }], edges: [] } as unknown as Graph }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("graph.nodes[0]");
  });

  it("publishes immutable versions and points one endpoint at the newest", async () => {
    const { id } = await caller().pipeline.create({ name: "Tenancy answers, published", from: "example" });
    const first = await caller().pipeline.publish({ id, note: "first" });
    expect(first).toEqual({ versionNumber: 1, slug: "tenancy-answers-published", url: "/api/v1/pipelines/tenancy-answers-published/run", served: true });

    // Change the draft after publishing: version 1 must not change with it.
    const draft = (await caller().pipeline.get({ id })).draft;
    const moved: Graph = { ...draft.graph, nodes: draft.graph.nodes.map((node) => ({ ...node, position: { x: node.position.x + 10, y: 0 } })) };
    await caller().pipeline.saveDraft({ id, graph: moved, revision: draft.revision });
    // Another admin publishes the second: the history says who published each.
    const ada = { id: "user-ada", email: "ada@example.test", name: "Ada Admin" };
    const second = await testCaller(getDb(), workspaceId, { role: "admin", user: ada }).pipeline.publish({ id });
    expect(second).toMatchObject({ versionNumber: 2, slug: "tenancy-answers-published", served: true });

    const opened = await caller().pipeline.get({ id });
    expect(opened.versions.map((version) => [version.number, version.note, version.publishedByName])).toEqual([
      [2, "", "Ada Admin"],
      [1, "first", "Test owner"],
    ]);
    expect(opened.endpoint).toEqual({ slug: "tenancy-answers-published", versionNumber: 2 });
    const v1 = await getDb().pipelineVersion.findFirstOrThrow({ where: { pipelineId: id, number: 1 } });
    expect((v1.graph as Graph).nodes[0].position.x).toBe(draft.graph.nodes[0].position.x);

    const listed = (await caller().pipeline.list()).find((pipeline) => pipeline.id === id);
    expect(listed).toMatchObject({ latestVersion: 2, endpointSlug: "tenancy-answers-published" });
    expect((await caller().endpoint.list()).find((endpoint) => endpoint.slug === first.slug)).toMatchObject({
      versionNumber: 2,
      urlPath: first.url,
    });

    // Publishing without serving keeps the endpoint pinned where it was.
    const unserved = await caller().pipeline.publish({ id, serve: false });
    expect(unserved).toMatchObject({ versionNumber: 3, served: false });
    expect((await caller().pipeline.get({ id })).endpoint).toEqual({ slug: "tenancy-answers-published", versionNumber: 2 });

    // Another pipeline of the same name gets the next free slug; a taken slug is refused.
    const { id: twin } = await caller().pipeline.create({ name: "Tenancy answers, published", from: "example" });
    expect((await caller().pipeline.publish({ id: twin })).slug).toBe("tenancy-answers-published-2");
    const taken = await rejection(caller().pipeline.publish({ id: twin, slug: "tenancy-answers-published" }));
    expect(taken.code).toBe("CONFLICT");

    // Deleting a published pipeline takes its versions and endpoint with it.
    await caller().pipeline.delete({ id });
    expect(await getDb().endpoint.findUnique({ where: { slug: first.slug } })).toBeNull();
  });

  it("lists, reads and restores published versions as the draft, refusing a stale restore", async () => {
    const { id } = await caller().pipeline.create({ name: "Versioned", from: "example" });
    await caller().pipeline.publish({ id, note: "baseline" });
    const draft = (await caller().pipeline.get({ id })).draft;
    const relabelled: Graph = { ...draft.graph, nodes: draft.graph.nodes.map((node) => ({ ...node, label: `changed ${node.id}` })) };
    const saved = await caller().pipeline.saveDraft({ id, graph: relabelled, revision: draft.revision });

    expect((await caller().pipeline.versions({ id })).map((version) => [version.number, version.note])).toEqual([[1, "baseline"]]);
    const v1 = await caller().pipeline.version({ id, number: 1 });
    expect(v1.graph.nodes.every((node) => node.label === undefined)).toBe(true);
    expect((await rejection(caller().pipeline.version({ id, number: 7 }))).code).toBe("NOT_FOUND");

    const stale = await rejection(caller().pipeline.restoreVersion({ id, number: 1, revision: draft.revision }));
    expect(stale.code).toBe("CONFLICT");
    expect((await caller().pipeline.get({ id })).draft.graph.nodes[0].label).toMatch(/^changed /);

    const restored = await caller().pipeline.restoreVersion({ id, number: 1, revision: saved.revision });
    expect(restored.revision).toBe(saved.revision + 1);
    const after = await caller().pipeline.get({ id });
    expect(after.draft.revision).toBe(restored.revision);
    expect(after.draft.graph).toEqual(v1.graph);
  });

  it("refuses to publish an invalid draft, listing its problems", async () => {
    const { id } = await caller().pipeline.create({ name: "Unfinished" });
    await caller().pipeline.saveDraft({
      id,
      revision: 1,
      graph: { schemaVersion: 1, nodes: [{ id: "mystery", type: "no.such.node", position: { x: 0, y: 0 }, config: {} }], edges: [] },
    });
    const error = await rejection(caller().pipeline.publish({ id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("mystery");
    expect((await caller().pipeline.get({ id })).versions).toEqual([]);
  });

  it("never shows or touches another workspace's pipelines", async () => {
    const other = await getDb().workspace.create({ data: { name: "Other", slug: `other-${Date.now()}` } });
    const outsider = testCaller(getDb(), other.id);
    const { id } = await caller().pipeline.create({ name: "Private" });
    expect(await outsider.pipeline.list()).toEqual([]);
    expect((await rejection(outsider.pipeline.get({ id }))).code).toBe("NOT_FOUND");
    expect((await rejection(outsider.pipeline.rename({ id, name: "Mine now" }))).code).toBe("NOT_FOUND");
    expect((await rejection(outsider.pipeline.delete({ id }))).code).toBe("NOT_FOUND");
    expect((await caller().pipeline.get({ id })).pipeline.name).toBe("Private");
  });
});
