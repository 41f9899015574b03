// Crash safety, for real: a worker process ingesting 1,000 documents is killed with SIGKILL mid-way,
// a new one is started on the same on-disk database, and every document must end ready exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { expect, it } from "vitest";
import { createDb, type DbHandle } from "@/server/db/client";
import { testDatabaseKinds, createTestDatabase, type DatabaseKind } from "@/server/db/test-databases";
import { enqueueUpload } from "../ingest";

const DOCUMENTS = 1000;
const workerScript = path.join(process.cwd(), "server", "knowledge", "jobs", "worker-process.ts");


// Two paragraphs each, so a document has two chunks and a half-written one would show.
function documentText(i: number): string {
  return `Clause ${i} says the deposit for flat ${i} is ${i * 10} pounds.\n\n${"It is held by the scheme and returned at the end. ".repeat(4)}`;
}

interface Target {
  kind: DatabaseKind;
  env: Record<string, string>;
  open(): Promise<DbHandle>;
  cleanup(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const root = await mkdtemp(path.join(tmpdir(), "groundwork-crash-"));
  return {
    kind: "pglite",
    env: { GROUNDWORK_DATA_DIR: root, DATABASE_URL: "" },
    open: () => createDb({ dataDir: path.join(root, "pglite") }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const handle = await createTestDatabase("postgres");
  const url = handle.sql instanceof pg.Pool ? handle.sql.options.connectionString : undefined;
  if (!url) throw new Error("The test database's connection string is not readable from its pool");
  return { kind: "postgres", env: { DATABASE_URL: url }, open: async () => ({ ...handle, close: async () => undefined }), cleanup: () => handle.close() };
}

function startWorkerProcess(target: Target): { child: ChildProcess; finished: () => number; exited: Promise<number | null> } {
  // Node itself with tsx as a loader: one process, so SIGKILL hits the worker and not a wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", workerScript, "--exit-when-idle"], {
    env: { ...process.env, ...target.env, GROUNDWORK_LEASE_MS: "1500", GROUNDWORK_INGEST_CONCURRENCY: "4" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Lines still in the pipe when a worker is killed are lost: the count only says when to kill it.
  let finished = 0;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("ready ")) finished += 1;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, finished: () => finished, exited };
}

for (const kind of testDatabaseKinds()) {
  it(`[${kind}] a worker killed with SIGKILL mid-way loses nothing and duplicates nothing`, { timeout: 300_000 }, async () => {
    const target = kind === "pglite" ? await pgliteTarget() : await postgresTarget();
    try {
      let handle = await target.open();
      const workspace = await handle.db.workspace.create({ data: { name: "Crash", slug: "crash" } });
      const base = await handle.db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Crash", chunker: { kind: "recursive", chunkSize: 200, chunkOverlap: 0 } } });
      const files = Array.from({ length: DOCUMENTS }, (_, i) => ({ fileName: `clause-${i}.txt`, content: new TextEncoder().encode(documentText(i)) }));
      const staged = await enqueueUpload(handle.db, { workspaceId: workspace.id, knowledgeBaseId: base.id, files });
      expect(staged.every((o) => o.status === "queued")).toBe(true);
      // PGlite is one process's database: hand it over to the worker.
      if (kind === "pglite") await handle.close();

      const first = startWorkerProcess(target);
      while (first.finished() < DOCUMENTS / 4) {
        if (first.child.exitCode !== null) throw new Error("The first worker exited before it could be killed");
        await new Promise((r) => setTimeout(r, 10));
      }
      first.child.kill("SIGKILL");
      expect(await first.exited).toBeNull();
      // Killed mid-way: some documents are done, some are not.
      if (kind === "pglite") handle = await target.open();
      const readyAtKill = await handle.db.document.count({ where: { knowledgeBaseId: base.id, status: "ready" } });
      expect(readyAtKill).toBeGreaterThan(0);
      expect(readyAtKill).toBeLessThan(DOCUMENTS);
      if (kind === "pglite") await handle.close();

      const second = startWorkerProcess(target);
      expect(await second.exited).toBe(0);

      if (kind === "pglite") handle = await target.open();
      const db = handle.db;
      const documents = await db.document.findMany({ where: { knowledgeBaseId: base.id }, select: { id: true, fileName: true, status: true, chunkCount: true } });
      expect(documents).toHaveLength(DOCUMENTS);
      expect(documents.filter((d) => d.status !== "ready")).toEqual([]);
      expect(await db.job.count()).toBe(0);
      const chunks = await db.chunk.findMany({ where: { knowledgeBaseId: base.id }, select: { documentId: true, ordinal: true, text: true } });
      expect(chunks).toHaveLength(documents.reduce((sum, d) => sum + d.chunkCount, 0));
      expect(chunks).toHaveLength(DOCUMENTS * 2);
      const byDocument = new Map(documents.map((d) => [d.id, d.fileName]));
      const rebuilt = new Map<string, string[]>();
      for (const chunk of chunks.sort((a, b) => a.ordinal - b.ordinal)) rebuilt.set(chunk.documentId, [...(rebuilt.get(chunk.documentId) ?? []), chunk.text]);
      for (const [documentId, texts] of rebuilt) {
        const i = Number(/clause-(\d+)\.txt/.exec(byDocument.get(documentId)!)![1]);
        expect(texts.join("\n\n")).toBe(documentText(i).trim());
      }
      await handle.close();
    } finally {
      await target.cleanup();
    }
  });
}
