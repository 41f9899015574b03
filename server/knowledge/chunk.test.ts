import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk";

const handbook = path.join(process.cwd(), "server", "db", "seed-documents", "04-ending-a-tenancy.md");

describe("chunkText", () => {
  it("cuts a Markdown handbook into chunks that are exact slices of it, with their heading path", async () => {
    const content = await readFile(handbook, "utf8");
    const chunks = await chunkText(content, { markdown: true, chunkSize: 400, chunkOverlap: 50 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text).toBe(content.slice(chunk.start, chunk.end));
      expect(chunk.text.length).toBeLessThanOrEqual(402);
      expect(chunk.heading[0]).toBe("Ending a tenancy");
    }
    const landlord = chunks.find((c) => c.text.includes("vacant possession"));
    expect(landlord?.heading).toEqual(["Ending a tenancy", "Notice given by the landlord"]);
    // Every part of the document is in some chunk.
    const covered = new Array<boolean>(content.length).fill(false);
    for (const c of chunks) covered.fill(true, c.start, c.end);
    const missed = content.split("").filter((ch, i) => !covered[i] && ch.trim() !== "");
    expect(missed).toEqual([]);
  });

  it("breaks Chinese text at sentence ends and keeps the full stop with its sentence", async () => {
    const sentence = "租客应当在租期届满前三十日书面通知房东。";
    const content = sentence.repeat(12);
    const chunks = await chunkText(content, { markdown: false, chunkSize: 100, chunkOverlap: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.endsWith("。")).toBe(true);
      expect(chunk.text.startsWith("租")).toBe(true);
      expect(chunk.text).toBe(content.slice(chunk.start, chunk.end));
    }
  });

  it("gives plain text no heading path", async () => {
    const chunks = await chunkText("# not a heading in plain text\nBody.", { markdown: false });
    expect(chunks).toEqual([{ text: "# not a heading in plain text\nBody.", start: 0, end: 35, heading: [] }]);
  });
});
