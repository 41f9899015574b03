// The embedder choices the knowledge base settings form offers come from the server's schema: the
// local ONNX embedder is one, with a folder field the page fills from Settings → Local models.
import { expect, it } from "vitest";
import { configFields } from "@/components/config-form/config-fields";
import { embedderProblem, embedderVariants } from "./settings-variants";

it("offers the local embedder with its folder field, and says how to get one when none is chosen", () => {
  const local = embedderVariants.find((v) => v.kind === "local");
  expect(local?.label).toBe("Local ONNX model — offline, from Settings → Local models");
  expect(configFields(local!.schema).map((f) => [f.name, f.label])).toEqual([
    ["kind", expect.any(String)],
    ["localModelId", "Local model"],
  ]);
  expect(embedderProblem({ kind: "local" })).toBe("Choose a local embedder (register one in Settings → Local models)");
  expect(embedderProblem({ kind: "local", localModelId: "cm123" })).toBeUndefined();
});
