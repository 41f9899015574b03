// Export and import of a pipeline as a JSON file (format: nodes/graph.ts `pipelineFile`). Pure.
import { PIPELINE_FILE_FORMAT, PIPELINE_FILE_VERSION, pipelineFile, type Graph, type PipelineFile } from "@/nodes/graph";
import { validateGraph, type GraphProblem } from "@/nodes/validate";
import { explain } from "@/nodes/issue-wording";

/** Config keys that hold secrets or point at stored credentials: never written to a file. */
const CREDENTIAL_KEY = /api_?key|secret|password|passphrase|access_?token|auth_?token|credential/i;

/** A config value with every credential-bearing key removed, at any depth (e.g. `provider.credentialId`). */
function withoutCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCredentials);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => (CREDENTIAL_KEY.test(key) ? [] : [[key, withoutCredentials(inner)]])),
  );
}

export function exportPipeline(name: string, graph: Graph, now: Date): PipelineFile {
  return {
    format: PIPELINE_FILE_FORMAT,
    formatVersion: PIPELINE_FILE_VERSION,
    name,
    exportedAt: now.toISOString(),
    graph: {
      ...graph,
      nodes: graph.nodes.map((n) => ({
        ...n,
        config: withoutCredentials(n.config) as Record<string, unknown>,
      })),
    },
  };
}

export type ImportResult =
  | { ok: true; file: PipelineFile; problems: GraphProblem[] }
  | { ok: false; errors: string[] };

/** `graph.nodes[3] (id "retrieve").position.y`: the index, and the id a person finds the item by. */
function where(path: readonly PropertyKey[], json: unknown): string {
  if (path.length === 0) return "the file";
  let at: unknown = json;
  const parts = path.map((key, i) => {
    at = at && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key !== "number") return `.${String(key)}`;
    const id = i < path.length - 1 && at && typeof at === "object" ? (at as { id?: unknown }).id : undefined;
    return typeof id === "string" && id !== "" ? `[${key}] (id ${JSON.stringify(id)})` : `[${key}]`;
  });
  return parts.join("").replace(/^\./, "");
}

/**
 * Reads a file's text. Errors (unreadable JSON, wrong shape) refuse the import, each naming its place;
 * pipeline problems (unwired inputs, unknown node types…) are reported but the graph can still be loaded to fix them.
 */
export function importPipeline(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`Not JSON: ${(error as Error).message}`] };
  }
  if (json && typeof json === "object" && "format" in json && json.format !== PIPELINE_FILE_FORMAT) {
    return { ok: false, errors: [`format: expected "${PIPELINE_FILE_FORMAT}", found ${JSON.stringify(json.format)}`] };
  }
  if (json && typeof json === "object" && "formatVersion" in json && typeof json.formatVersion === "number" && json.formatVersion > PIPELINE_FILE_VERSION) {
    return {
      ok: false,
      errors: [`formatVersion: the file is format version ${json.formatVersion}, newer than this Groundwork reads (version ${PIPELINE_FILE_VERSION}); export it from a Groundwork of the same version`],
    };
  }
  const parsed = pipelineFile.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${where(issue.path, json)}: ${explain(issue)}`) };
  const check = validateGraph(parsed.data.graph);
  return { ok: true, file: parsed.data, problems: check.ok ? [] : check.problems };
}
