// The boundary between a pipeline graph in memory and PipelineVersion.graph in the database.
import type { Prisma } from "@/server/db/generated/client";
import { graph as graphSchema, type Graph } from "@/nodes/graph";
import { formatIssues } from "./zod-issues";

/** A graph as stored: exactly what JSON keeps of it (config values are `unknown` until a spec parses them). */
export function graphToJson(graph: Graph): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(graph));
}

/** Reads a stored graph; `where` names the row in the error should it be unreadable. */
export function parseStoredGraph(value: unknown, where: string): Graph {
  const parsed = graphSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The graph stored for ${where} is not readable: ${formatIssues(parsed.error.issues, "graph")}`);
  return parsed.data;
}
