import { describe, expect, it } from "vitest";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const handbook = "# Deposits\n\nA deposit may not exceed five weeks of rent. " + "The landlord protects it within thirty days. ".repeat(6);

describe("chunk.recursive", () => {
  it("cuts documents into sized chunks that are exact slices with their anchors", async () => {
    const documents = [{ id: "doc-1", title: "Handbook", text: handbook, metadata: { year: 2024 } }];
    const { chunks } = await impl.run({ inputs: { documents }, config: spec.config.parse({ chunkSize: 120, chunkOverlap: 20 }), ctx: recordingContext() });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(121);
      expect(handbook.slice(chunk.source.start, chunk.source.end)).toBe(chunk.text);
      expect(chunk.source).toMatchObject({ documentId: "doc-1", title: "Handbook" });
      expect(chunk.metadata).toEqual({ year: 2024 });
    }
    expect(chunks[1].source.heading).toEqual(["Deposits"]);
    expect(spec.config.safeParse({ chunkSize: 100, chunkOverlap: 100 }).success).toBe(false);
  });
});
