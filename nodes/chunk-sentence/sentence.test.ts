import { describe, expect, it } from "vitest";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

const text = "租客应当提前三十日书面通知房东。房东不得无故扣留押金！押金应当在十日内退还；逾期应当支付利息。Deposits are returned within ten days.";

describe("chunk.sentence", () => {
  it("packs whole Chinese and English sentences into chunks", async () => {
    const documents = [{ id: "zh", title: "押金", text, metadata: {} }];
    const { chunks } = await impl.run({ inputs: { documents }, config: spec.config.parse({ chunkSize: 50, overlapSentences: 0 }), ctx: recordingContext() });
    // Four Chinese sentences (46 characters) fit in 50; the English one does not fit beside them.
    expect(chunks.map((c) => c.text)).toEqual(["租客应当提前三十日书面通知房东。房东不得无故扣留押金！押金应当在十日内退还；逾期应当支付利息。", "Deposits are returned within ten days."]);
    expect(chunks[1].source.start).toBe(text.indexOf("Deposits"));
    const { chunks: withOverlap } = await impl.run({ inputs: { documents: [{ ...documents[0], text: text.repeat(2) }] }, config: spec.config.parse({ chunkSize: 60, overlapSentences: 1 }), ctx: recordingContext() });
    expect(withOverlap[1].text.startsWith("Deposits are returned within ten days.")).toBe(true);
  });
});
