import { describe, expect, it } from "vitest";
import type { Answer } from "@/nodes/ports";
import { recordingContext } from "@/server/runtime/test-context";
import { impl } from "./run";
import { spec } from "./spec";

describe("output.answer", () => {
  it("returns the answer it is given, unchanged, as the run's result", async () => {
    const answer: Answer = {
      text: "Keys must be returned by 5 pm on the last day of the tenancy. [1]",
      sentences: [{ text: "Keys must be returned by 5 pm on the last day of the tenancy.", markers: [1] }],
      citations: [
        {
          marker: 1,
          passageId: "chunk-7",
          source: { documentId: "doc-4", title: "Ending a tenancy", heading: ["Ending a tenancy", "Final inspection"], start: 1510, end: 1572 },
          quote: "Keys must be returned by 5 pm on the last day of the tenancy.",
        },
      ],
      refused: false,
      mode: "offline",
    };
    expect(await impl.run({ inputs: { answer }, config: {}, ctx: recordingContext() })).toEqual({ answer, verdict: undefined });
    expect(spec.role).toBe("exit");
  });

  it("returns the verification's per-sentence verdicts beside the answer", async () => {
    const answer: Answer = {
      text: "Rent may rise once a year. [1]",
      sentences: [{ text: "Rent may rise once a year.", markers: [1] }],
      citations: [{ marker: 1, passageId: "c1", source: { documentId: "d2", title: "Rent increases", page: 3 }, quote: "Rent may be increased once every 12 months." }],
      refused: false,
      mode: "offline",
    };
    const verdict = { sentences: [{ sentence: "Rent may rise once a year.", label: "neutral" as const, score: 0.4, markers: [1] }], supported: false };
    expect(await impl.run({ inputs: { answer, verdict }, config: {}, ctx: recordingContext() })).toEqual({ answer, verdict });
  });
});
