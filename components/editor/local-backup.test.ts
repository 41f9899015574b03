import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Graph } from "@/nodes/graph";
import { readBackup, writeBackup } from "./local-backup";

const saved: Graph = { schemaVersion: 1, nodes: [{ id: "in", type: "input.chat", position: { x: 0, y: 0 }, config: {} }], edges: [] };
const edited: Graph = { ...saved, nodes: [...saved.nodes, { id: "ret", type: "retrieve.bm25", position: { x: 300, y: 0 }, config: { topK: 20 } }] };

describe("readBackup", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    const localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    vi.stubGlobal("window", { localStorage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("restores edits made on top of the draft's revision", () => {
    writeBackup("p1", 3, edited);
    expect(readBackup("p1", { revision: 3, graph: saved })).toEqual(edited);
    expect(store.size).toBe(1);
  });

  it("drops a backup the draft already holds, whatever its key order", () => {
    writeBackup("p1", 3, edited);
    const asStored = JSON.parse(JSON.stringify({ ...edited, nodes: edited.nodes.map(({ config, position, type, id }) => ({ config, position, type, id })) })) as Graph;
    expect(readBackup("p1", { revision: 3, graph: asStored })).toBeNull();
    expect(store.size).toBe(0);
  });

  it("ignores a backup of an older revision", () => {
    writeBackup("p1", 2, edited);
    expect(readBackup("p1", { revision: 3, graph: saved })).toBeNull();
  });
});
