import { describe, expect, it } from "vitest";
import { guessTextField, recordColumns, recordFormat } from "./record-columns";

describe("record columns", () => {
  it("knows record files by extension", () => {
    expect(recordFormat("Cases.CSV")).toBe("csv");
    expect(recordFormat("corpus.jsonl")).toBe("jsonl");
    expect(recordFormat("notes.md")).toBeNull();
  });

  it("reads a CSV header with quotes, doubled quotes, a BOM and another delimiter", () => {
    expect(recordColumns("csv", '\uFEFFid,"title, short","say ""hi""",text\r\n1,a,b,c')).toEqual({ columns: ["id", "title, short", 'say "hi"', "text"] });
    expect(recordColumns("csv", "id;法条;内容\n1;x;y")).toEqual({ columns: ["id", "法条", "内容"] });
  });

  it("reads the keys of the first JSONL record and explains a bad first line", () => {
    expect(recordColumns("jsonl", '\n{"_id":"1","title":"T","text":"body","metadata":{}}\n{"_id":"2"}')).toEqual({ columns: ["_id", "title", "text", "metadata"] });
    expect(recordColumns("jsonl", "[1,2]\n")).toEqual({ error: "the first line is not a JSON object" });
    expect(recordColumns("jsonl", "{broken")).toMatchObject({ error: expect.stringMatching(/JSON/) });
    expect(recordColumns("jsonl", "")).toEqual({ error: "the file has no records" });
  });

  it("guesses the text field by name, else the first column", () => {
    expect(guessTextField(["id", "Title", "Abstract"])).toBe("Abstract");
    expect(guessTextField(["question", "reply"])).toBe("question");
  });
});
