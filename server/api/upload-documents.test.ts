import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { drainJobs } from "@/server/knowledge/jobs/worker";
import { MAX_FILE_BYTES, MAX_UPLOAD_BYTES, handleDocumentUpload, type UploadOutcome } from "./upload-documents";

const DEPOSITS = `# Holding deposits

A holding deposit may not exceed one week's rent and must be refunded within 7 days if the landlord withdraws.
`;

describeEachDatabase("document upload route", (getDb) => {
  let workspaceId: string;
  let knowledgeBaseId: string;
  const ctx = () => ({ db: getDb(), workspaceId });

  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "Uploads", slug: "uploads" } })).id;
    knowledgeBaseId = (await getDb().knowledgeBase.create({ data: { workspaceId, name: "Leases" } })).id;
  });

  function upload(files: File[], id = knowledgeBaseId, options?: string) {
    const form = new FormData();
    for (const file of files) form.append("files", file);
    if (options !== undefined) form.append("options", options);
    return handleDocumentUpload(new Request(`http://test/api/knowledge/${id}/documents`, { method: "POST", body: form }), ctx(), id);
  }

  it("queues good files for the worker and fails bad ones at once, each with a reason", async () => {
    const response = await upload([
      new File([DEPOSITS], "holding-deposits.md", { type: "text/markdown" }),
      new File([""], "empty.md", { type: "text/markdown" }),
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "photo.png", { type: "image/png" }),
      new File(["Pets need the landlord's written consent, which may not be unreasonably refused."], "pets.txt", { type: "text/plain" }),
    ]);
    expect(response.status).toBe(200);
    const { documents } = (await response.json()) as { documents: UploadOutcome[] };
    expect(documents.map((document) => [document.fileName, document.status])).toEqual([
      ["holding-deposits.md", "queued"],
      ["empty.md", "failed"],
      ["photo.png", "failed"],
      ["pets.txt", "queued"],
    ]);
    expect(documents[1].error).toMatch(/empty/);
    expect(documents[2].error).toMatch(/not a supported file type/);

    expect(await drainJobs(getDb())).toEqual(["ready", "ready"]);
    const stored = await getDb().document.findUniqueOrThrow({ where: { id: documents[0].id } });
    expect(stored).toMatchObject({ knowledgeBaseId, workspaceId, title: "Holding deposits", status: "ready" });
    expect(stored.chunkCount).toBeGreaterThan(0);
  });

  it("fails a file over the per-file limit without storing its bytes", async () => {
    const response = await upload([
      new File([new Uint8Array(MAX_FILE_BYTES + 1)], "huge.txt", { type: "text/plain" }),
      new File(["Rent is due on the first day of each month."], "rent-day.txt", { type: "text/plain" }),
    ]);
    const { documents } = (await response.json()) as { documents: UploadOutcome[] };
    expect(documents[0]).toMatchObject({ fileName: "huge.txt", status: "failed" });
    expect(documents[0].error).toMatch(/the limit is 50 MB per file/);
    expect(documents[1]).toMatchObject({ fileName: "rent-day.txt", status: "queued" });
    expect(await getDb().documentSource.count({ where: { documentId: documents[0].id } })).toBe(0);
  });

  it("splits a CSV upload into one document per record with the options sent beside the files", async () => {
    const csv = new File(["title,body,court\nCap,Deposits are capped at five weeks.,High\n"], "rulings.csv", { type: "text/csv" });
    const response = await upload([csv], knowledgeBaseId, JSON.stringify({ records: { textField: "body", titleField: "title", metadataFields: ["court"] } }));
    const { documents } = (await response.json()) as { documents: UploadOutcome[] };
    expect(documents).toMatchObject([{ fileName: "rulings.csv#row-2", status: "queued" }]);
    await drainJobs(getDb());
    expect(await getDb().document.findUniqueOrThrow({ where: { id: documents[0].id } })).toMatchObject({ title: "Cap", status: "ready", metadata: { court: "High" } });

    const bad = await upload([csv], knowledgeBaseId, "{not json");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('The form field "options" is not valid JSON.');
    const wrong = await upload([csv], knowledgeBaseId, JSON.stringify({ records: { textField: 3 } }));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/^Upload options: records.textField:/);
  });

  it("answers 413 for a request over the total limit, 404 for another workspace's base, 400 without files", async () => {
    const tooBig = new Request(`http://test/api/knowledge/${knowledgeBaseId}/documents`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_UPLOAD_BYTES + 1) },
      body: "--x--",
    });
    expect((await handleDocumentUpload(tooBig, ctx(), knowledgeBaseId)).status).toBe(413);

    const other = await getDb().workspace.create({ data: { name: "Other", slug: "other-uploads" } });
    const foreign = await handleDocumentUpload(
      new Request("http://test", { method: "POST", body: new FormData() }),
      { db: getDb(), workspaceId: other.id },
      knowledgeBaseId,
    );
    expect(foreign.status).toBe(404);

    const form = new FormData();
    form.append("note", "no files here");
    const empty = await handleDocumentUpload(new Request("http://test", { method: "POST", body: form }), ctx(), knowledgeBaseId);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/"files"/);

    const json = await handleDocumentUpload(
      new Request("http://test", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      ctx(),
      knowledgeBaseId,
    );
    expect(json.status).toBe(415);
  });
});
