import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect-format";
import { parseDocument } from "./parse-document";
import { IngestError, headingPathAt, pageAt } from "./parsed-document";
import { buildDocx, buildLyingZipBomb, buildPdf, buildZip } from "./sample-files";
import { splitRecords } from "./split-records";
import { unzipFiles } from "./unzip-files";

const utf8 = (text: string) => new TextEncoder().encode(text);
const limits = { maxFileBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxEntries: 50 };

describe("parsers", () => {
  it("reads a PDF's text layer page by page, with its title and where each page begins", async () => {
    const pdf = buildPdf([["A deposit is capped at five weeks' rent.", "It is protected within 30 days."], ["Repairs (urgent) take 24 hours."]], "Tenancy guide");
    const doc = await parseDocument("pdf", pdf, "guide.pdf");
    expect(doc.title).toBe("Tenancy guide");
    expect(doc.text).toContain("A deposit is capped at five weeks' rent.");
    const repairs = doc.text.indexOf("Repairs (urgent)");
    expect(pageAt(doc.pages, repairs)).toBe(2);
    expect(pageAt(doc.pages, doc.text.indexOf("protected"))).toBe(1);
  });

  it("refuses a corrupt PDF and a PDF without a text layer, saying which", async () => {
    const corrupt = buildPdf([["Some text"]]).slice(0, 60);
    await expect(parseDocument("pdf", corrupt, "broken.pdf")).rejects.toThrow(/"broken.pdf" is (not a readable|a damaged) PDF/);
    await expect(parseDocument("pdf", buildPdf([[]]), "scan.pdf")).rejects.toThrow(/"scan.pdf" has no text layer/);
  });

  it("reads a DOCX with Word headings as the heading path", async () => {
    const docx = buildDocx([
      { text: "Leases", level: 1 },
      { text: "Deposits are capped at five weeks." },
      { text: "Repairs", level: 2 },
      { text: "The landlord repairs the structure & exterior." },
    ]);
    const doc = await parseDocument("docx", docx, "leases.docx");
    expect(doc.title).toBe("Leases");
    expect(headingPathAt(doc.headings, doc.text.indexOf("The landlord"))).toEqual(["Leases", "Repairs"]);
    expect(doc.text).toContain("structure & exterior");
    await expect(parseDocument("docx", utf8("not a zip"), "fake.docx")).rejects.toThrow(/"fake.docx" is not a readable DOCX/);
  });

  it("reads HTML as text with its headings, dropping scripts and styles", async () => {
    const html = `<html><head><title>Notice</title><style>p{color:red}</style></head><body>
      <h1>Ending a tenancy</h1><p>Give   two months'
      notice.</p><script>alert("x")</script><h2>By the tenant</h2><p>One month suffices.</p></body></html>`;
    const doc = await parseDocument("html", utf8(html), "notice.html");
    expect(doc.title).toBe("Notice");
    expect(doc.text).toBe("Ending a tenancy\n\nGive two months' notice.\n\nBy the tenant\n\nOne month suffices.");
    expect(headingPathAt(doc.headings, doc.text.indexOf("One month"))).toEqual(["Ending a tenancy", "By the tenant"]);
  });

  it("keeps Markdown's heading path and refuses empty or undecodable text", async () => {
    const doc = await parseDocument("markdown", utf8("# Rent\n\n## Increases\n\nOnce a year."), "rent.md");
    expect(doc.title).toBe("Rent");
    expect(headingPathAt(doc.headings, doc.text.indexOf("Once"))).toEqual(["Rent", "Increases"]);
    await expect(parseDocument("text", new Uint8Array(), "empty.txt")).rejects.toThrow(/"empty.txt" is empty/);
    await expect(parseDocument("text", utf8("  \n\n "), "blank.txt")).rejects.toThrow(/"blank.txt" is empty/);
    await expect(parseDocument("text", new Uint8Array([0x52, 0xe9, 0x73, 0x75]), "latin1.txt")).rejects.toThrow(IngestError);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("租金", (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]);
    expect((await parseDocument("text", utf16, "utf16.txt")).text).toBe("租金");
  });

  it("detects formats by extension first, then by declared type", () => {
    expect(detectFormat("a.PDF")).toBe("pdf");
    expect(detectFormat("upload", "text/csv; charset=utf-8")).toBe("csv");
    expect(detectFormat("notes.md", "application/octet-stream")).toBe("markdown");
    expect(detectFormat("photo.png", "image/png")).toBeNull();
  });
});

describe("records", () => {
  it("splits CSV into one document per row with the chosen text, title and metadata fields", () => {
    const csv = 'id,question,answer,court\n1,"Deposit cap?","Five weeks, at most.",High\n2,Notice?,,Low\n';
    const records = splitRecords(csv, "faq.csv", "csv", { textField: "answer", titleField: "question", metadataFields: ["court", "id"] });
    expect(records[0]).toEqual({ fileName: "faq.csv#row-2", title: "Deposit cap?", text: "Five weeks, at most.", metadata: { court: "High", id: "1" } });
    expect(records[1]).toEqual({ fileName: "faq.csv#row-3", error: '"faq.csv#row-3" has no text in field "answer"' });
  });

  it("splits JSONL into one document per line, failing bad lines on their own", () => {
    const jsonl = '{"text":"Rent is due monthly.","year":2020}\n\nnot json\n{"body":"Pets need consent."}\n';
    const records = splitRecords(jsonl, "cases.jsonl", "jsonl", { metadataFields: ["year"] });
    expect(records).toEqual([
      { fileName: "cases.jsonl#line-1", text: "Rent is due monthly.", metadata: { year: 2020 } },
      { fileName: "cases.jsonl#line-3", error: 'line 3 of "cases.jsonl" is not valid JSON' },
      { fileName: "cases.jsonl#line-4", text: "Pets need consent.", metadata: {} },
    ]);
  });
});

describe("zip archives", () => {
  it("unpacks files, skips folders and refuses nested archives", () => {
    const zip = buildZip({ "a.txt": "hello", "dir/b.md": "# B", "inner.zip": buildZip({ "c.txt": "x" }), "__MACOSX/._a.txt": "junk" });
    const entries = unzipFiles(zip, "docs.zip", limits);
    expect(entries.map((e) => ("error" in e ? e.error : e.fileName))).toEqual([
      "docs.zip/a.txt",
      "docs.zip/dir/b.md",
      '"docs.zip/inner.zip" is an archive inside an archive; nested archives are not accepted',
    ]);
  });

  it("stops a zip bomb whose headers lie, while inflating", () => {
    const entries = unzipFiles(buildLyingZipBomb("zeros.txt", 20 * 1024 * 1024), "bomb.zip", limits);
    expect(entries).toEqual([{ fileName: "bomb.zip/zeros.txt", error: '"bomb.zip/zeros.txt" unpacks to more than its limit of 1 MB per file' }]);
  });

  it("refuses from the central directory an archive too large or with too many files", () => {
    const big = buildZip(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, new Uint8Array(1024 * 1024)])));
    expect(() => unzipFiles(big, "big.zip", limits)).toThrow('"big.zip" would unpack to 5 MB; the limit is 4 MB per archive');
    const many = buildZip(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.txt`, "x"])));
    expect(() => unzipFiles(many, "many.zip", limits)).toThrow('"many.zip" holds 51 files; the limit is 50 per archive');
    expect(() => unzipFiles(utf8("PK not really"), "junk.zip", limits)).toThrow(/"junk.zip" is not a readable zip archive/);
  });
});
