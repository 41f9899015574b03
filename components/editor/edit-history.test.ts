import { describe, expect, it } from "vitest";
import { emptyHistory, HISTORY_LIMIT, recordEdit, redoEdit, undoEdit, type Snapshot } from "./edit-history";
import type { StepNode } from "./flow-graph";

const at = (x: number, selected = false): Snapshot => ({
  nodes: [{ id: "a", type: "step", position: { x, y: 0 }, selected, data: { nodeType: "input.chat", config: {} } } as StepNode],
  edges: [],
});

describe("edit history", () => {
  it("undoes and redoes edits in order, dropping the redo branch on a new edit", () => {
    let h = recordEdit(emptyHistory, at(0), null, 0);
    h = recordEdit(h, at(1), null, 5000);
    const first = undoEdit(h, at(2))!;
    expect(first.restore.nodes[0].position.x).toBe(1);
    const second = undoEdit(first.history, first.restore)!;
    expect(second.restore.nodes[0].position.x).toBe(0);
    expect(undoEdit(second.history, second.restore)).toBeNull();

    const again = redoEdit(second.history, second.restore)!;
    expect(again.restore.nodes[0].position.x).toBe(1);
    const branched = recordEdit(again.history, again.restore, null, 9000);
    expect(branched.future).toEqual([]);
    expect(redoEdit(branched, at(5))).toBeNull();
  });

  it("joins edits of the same kind within a second into one step, and never restores a selection", () => {
    let h = recordEdit(emptyHistory, at(0, true), "data:a:config", 0);
    h = recordEdit(h, at(1), "data:a:config", 400);
    h = recordEdit(h, at(2), "data:a:config", 800);
    expect(h.past).toHaveLength(1);
    expect(h.past[0].nodes[0].selected).toBe(false);
    h = recordEdit(h, at(3), "data:a:config", 2500);
    expect(h.past).toHaveLength(2);
  });

  it("keeps at most the last HISTORY_LIMIT steps", () => {
    let h = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = recordEdit(h, at(i), null, i * 2000);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0].nodes[0].position.x).toBe(10);
  });
});
