// Importing a pipeline file as a person does (Import JSON → pick a file): a broken file is refused
// with every problem named and where it is; a readable file with pipeline problems imports, each
// problem named, and they stay on the cards until fixed, also after a reload.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { cards, newPipeline, waitSaved } from "./editor-helpers";
import { edges } from "./helpers";

function file(name: string, content: unknown): string {
  const path = join(tmpdir(), `${name}-${Date.now()}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

const header = { format: "groundwork.pipeline", formatVersion: 1, name: "Imported" };

test("a broken file is refused with every problem and where it is; nothing on the canvas changes", async ({ page }) => {
  await newPipeline(page, `Import broken ${Date.now()}`, "example");
  const chooser = page.getByTestId("import-file");
  const errors = page.getByTestId("import-errors");

  // Not JSON: where it stops being JSON.
  await chooser.setInputFiles(file("not-json", '{\n  "format": "groundwork.pipeline",\n  "graph": { nodes: [] }\n}'));
  await expect(errors).toContainText(/^Not JSON: .*(position \d+|line 3)/);
  await page.getByRole("button", { name: "Cancel" }).click();

  // Several problems at once, each with its place (and the id of the node or wire it is in).
  await chooser.setInputFiles(
    file("broken", {
      ...header,
      graph: {
        nodes: [
          { id: "question", type: "input.chat", position: { x: 0, y: 0 } },
          { id: "retrieve", type: "retrieve.bm25", position: { x: "left", y: 0 } },
          { id: "answer", position: { x: 600, y: 0 } },
        ],
        edges: [{ id: "question-retrieve", source: "question", sourceHandle: "query", targetHandle: "query" }],
      },
    }),
  );
  const items = errors.locator("li");
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: /^graph\.nodes\[1\] \(id "retrieve"\)\.position\.x: .*number/ })).toHaveCount(1);
  await expect(items.filter({ hasText: /^graph\.nodes\[2\] \(id "answer"\)\.type: / })).toHaveCount(1);
  await expect(items.filter({ hasText: /^graph\.edges\[0\] \(id "question-retrieve"\)\.target: / })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Replace canvas" })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();

  // A file from a newer Groundwork says so.
  await chooser.setInputFiles(file("newer", { ...header, formatVersion: 2, graph: { nodes: [], edges: [] } }));
  await expect(errors).toContainText("format version 2, newer than this Groundwork reads");
  await page.getByRole("button", { name: "Cancel" }).click();

  await expect(cards(page)).toHaveCount(4);
  await page.reload();
  await expect(cards(page)).toHaveCount(4);
});

test("a readable file with pipeline problems imports, names each problem, and shows them on the cards", async ({ page }) => {
  await newPipeline(page, `Import problems ${Date.now()}`);
  await page.getByTestId("import-file").setInputFiles(
    file("problems", {
      ...header,
      graph: {
        nodes: [
          { id: "question", type: "input.chat", position: { x: 0, y: 0 } },
          { id: "retrieve", type: "retrieve.bm25", position: { x: 320, y: 0 }, config: { knowledgeBaseId: "kb-x", topK: 0 } },
          { id: "mystery", type: "retrieve.magic", position: { x: 320, y: 240 } },
          { id: "output", type: "output.answer", position: { x: 640, y: 0 } },
        ],
        edges: [
          { id: "q-r", source: "question", sourceHandle: "query", target: "retrieve", targetHandle: "query" },
          { id: "q-ghost", source: "question", sourceHandle: "query", target: "ghost", targetHandle: "query" },
        ],
      },
    }),
  );
  const problems = page.getByTestId("import-problems").locator("li");
  await expect(problems.filter({ hasText: 'Node "retrieve" (retrieve.bm25): config.topK: ' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Node "mystery" has an unknown type "retrieve.magic"' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Edge "q-ghost": target node "ghost" does not exist' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Node "output" (output.answer): input "answer" is not connected' })).toHaveCount(1);
  await page.getByRole("button", { name: "Replace canvas" }).click();

  await expect(cards(page)).toHaveCount(4);
  await expect(page.getByTestId("node-retrieve.magic")).toContainText("Unknown node type");
  // A card lists its first problem and holds them all in its tooltip.
  await expect(page.getByTestId("node-output.answer").locator("ul")).toHaveAttribute("title", /input "answer" is not connected/);
  await waitSaved(page);
  await page.reload();
  await expect(cards(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(1);
  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByRole("tabpanel")).toContainText('Node "mystery" has an unknown type "retrieve.magic"');
  await expect(page.getByRole("tabpanel")).toContainText("topK");
});
