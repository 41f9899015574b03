// The console's REST routes (app/api/** except the published API /api/v1, better-auth's /api/auth,
// /api/health and tRPC), found on disk so a new route cannot escape the access tests.
import { readdirSync } from "node:fs";
import path from "node:path";

const API_ROOT = path.join(process.cwd(), "app", "api");
const NOT_CONSOLE = new Set(["v1", "auth", "health", "trpc"]);

/** Route folders relative to app/api, e.g. "pipelines/[id]/run". */
export function consoleRouteFolders(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(API_ROOT, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !(relative === "" && NOT_CONSOLE.has(entry.name))) walk(child);
      else if (entry.isFile() && /^route\.(ts|tsx|js)$/.test(entry.name)) found.push(relative);
    }
  };
  walk("");
  return found.sort();
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The module of app/api/<folder>/route.ts. */
export async function loadRoute(folder: string): Promise<Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>> {
  return (await import(/* @vite-ignore */ path.join(API_ROOT, folder, "route.ts"))) as Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
}
