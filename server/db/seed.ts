// First start: the default workspace, an example knowledge base (a fictional tenancy handbook, see
// seed-documents/) and a pipeline that answers from it with citations. Runs once per database.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/server/db/client";
import { isUniqueViolation } from "@/server/api/db-errors";
import { graphToJson } from "@/server/api/graph-json";
import { ingestDocument } from "@/server/knowledge/ingest";
import { GRAPH_SCHEMA_VERSION, type Graph } from "@/nodes/graph";

export const DEFAULT_WORKSPACE_SLUG = "default";
export const EXAMPLE_KNOWLEDGE_BASE_NAME = "Eastmere tenancy handbook (example)";
export const EXAMPLE_PIPELINE_NAME = "Tenancy answers (example)";

// Resolved from the project root, not from this module: Next bundles server code elsewhere.
const SEED_DOCUMENTS_DIR = path.join(process.cwd(), "server", "db", "seed-documents");

/** Chat input → BM25 over the base → extractive answer with citations → answer output, left to right. */
export function exampleGraph(knowledgeBaseId: string): Graph {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: [
      { id: "question", type: "input.chat", position: { x: 0, y: 120 }, config: {} },
      { id: "retrieve", type: "retrieve.bm25", position: { x: 320, y: 0 }, config: { knowledgeBaseId, topK: 4 } },
      { id: "answer", type: "generate.extractive", position: { x: 640, y: 120 }, config: {} },
      { id: "output", type: "output.answer", position: { x: 960, y: 120 }, config: {} },
    ],
    edges: [
      { id: "question.query-retrieve.query", source: "question", sourceHandle: "query", target: "retrieve", targetHandle: "query" },
      { id: "question.query-answer.query", source: "question", sourceHandle: "query", target: "answer", targetHandle: "query" },
      { id: "retrieve.passages-answer.passages", source: "retrieve", sourceHandle: "passages", target: "answer", targetHandle: "passages" },
      { id: "answer.answer-output.answer", source: "answer", sourceHandle: "answer", target: "output", targetHandle: "answer" },
    ],
  };
}

/** Ingests the example handbook (seed-documents/) into a knowledge base, in file-name order. */
export async function ingestSeedDocuments(db: Db, into: { workspaceId: string; knowledgeBaseId: string }): Promise<void> {
  for (const fileName of (await readdir(/* turbopackIgnore: true */ SEED_DOCUMENTS_DIR)).filter((name) => name.endsWith(".md")).sort()) {
    await ingestDocument(db, {
      workspaceId: into.workspaceId,
      knowledgeBaseId: into.knowledgeBaseId,
      fileName,
      mimeType: "text/markdown",
      content: await readFile(/* turbopackIgnore: true */ path.join(SEED_DOCUMENTS_DIR, fileName)),
    });
  }
}

export interface SeedResult {
  /** False when the database was already seeded (by an earlier start or a concurrent one). */
  created: boolean;
  workspaceId: string;
}

/** Seeds a fresh database; does nothing on a seeded one, so it is safe at every start. */
export async function seedDatabase(db: Db): Promise<SeedResult> {
  const existing = await db.workspace.findUnique({ where: { slug: DEFAULT_WORKSPACE_SLUG }, select: { id: true } });
  if (existing) return { created: false, workspaceId: existing.id };

  let rows: { workspaceId: string; knowledgeBaseId: string };
  try {
    rows = await db.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name: "Default workspace", slug: DEFAULT_WORKSPACE_SLUG } });
      const knowledgeBase = await tx.knowledgeBase.create({
        data: {
          workspaceId: workspace.id,
          name: EXAMPLE_KNOWLEDGE_BASE_NAME,
          description: "Fictional example: the residential tenancy rules of the invented jurisdiction of Eastmere.",
          language: "en",
        },
      });
      await tx.pipeline.create({
        data: {
          workspaceId: workspace.id,
          name: EXAMPLE_PIPELINE_NAME,
          description: "Answers tenancy questions from the example handbook, citing the passages it quotes.",
          versions: { create: { workspaceId: workspace.id, number: 0, graph: graphToJson(exampleGraph(knowledgeBase.id)) } },
        },
      });
      return { workspaceId: workspace.id, knowledgeBaseId: knowledgeBase.id };
    });
  } catch (error) {
    // Another process created the workspace first; its seed is the one that counts.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG }, select: { id: true } });
    return { created: false, workspaceId: winner.id };
  }

  await ingestSeedDocuments(db, rows);
  return { created: true, workspaceId: rows.workspaceId };
}
