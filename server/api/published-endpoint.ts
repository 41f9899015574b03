// Which pipeline version answers at a slug, kept in this process between calls: the endpoint row
// for a few seconds, reloaded in the background before it expires (refresh-ahead.ts; publishing,
// pinning or editing it through the console forgets it at once; another app server sees the change
// within ENDPOINT_CACHE_TTL_MS), and each version's parsed graph for as long as the process lives,
// since a published version never changes.
import type { Graph } from "@/nodes/graph";
import { createRefreshAheadCache, type RefreshAheadCache } from "@/server/cache/refresh-ahead";
import type { Db } from "@/server/db/client";
import { parseStoredGraph } from "./graph-json";

export const ENDPOINT_CACHE_TTL_MS = 5_000;
const MAX_CACHED_GRAPHS = 500;

export interface ServedVersion {
  versionId: string;
  number: number;
  graph: Graph;
}

export interface PublishedEndpoint {
  id: string;
  slug: string;
  workspaceId: string;
  pipelineId: string;
  enabled: boolean;
  pinned: ServedVersion;
  /** Serves `percent` of calls, chosen at random per call; null when there is no canary. */
  canary: (ServedVersion & { percent: number }) | null;
}

const shared = globalThis as typeof globalThis & {
  // Per database (tests open two at once), then per slug.
  groundworkEndpointCache?: Map<Db, RefreshAheadCache<string, PublishedEndpoint | null>>;
  groundworkGraphCache?: Map<string, Graph>;
};
const endpointCache = (shared.groundworkEndpointCache ??= new Map());
const graphCache = (shared.groundworkGraphCache ??= new Map());

/** After a publish, a pin or canary change, or a delete: the next call reads the endpoint again. */
export function forgetEndpoints() {
  for (const bySlug of endpointCache.values()) bySlug.clear();
}

function endpointsOf(db: Db): RefreshAheadCache<string, PublishedEndpoint | null> {
  let bySlug = endpointCache.get(db);
  if (!bySlug) {
    // Unknown slugs are not kept: a caller trying names must not be able to fill the memory.
    bySlug = createRefreshAheadCache<string, PublishedEndpoint | null>({ name: "endpoint", ttlMs: ENDPOINT_CACHE_TTL_MS, keep: (endpoint) => endpoint !== null });
    endpointCache.set(db, bySlug);
  }
  return bySlug;
}

function servedVersion(version: { id: string; number: number; graph: unknown }, slug: string): ServedVersion {
  let graph = graphCache.get(version.id);
  if (!graph) {
    graph = parseStoredGraph(version.graph, `version ${version.number} of the pipeline behind the endpoint "${slug}"`);
    if (graphCache.size >= MAX_CACHED_GRAPHS) graphCache.delete(graphCache.keys().next().value!);
    graphCache.set(version.id, graph);
  }
  return { versionId: version.id, number: version.number, graph };
}

async function loadEndpoint(db: Db, slug: string): Promise<PublishedEndpoint | null> {
  const row = await db.endpoint.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      workspaceId: true,
      pipelineId: true,
      enabled: true,
      canaryPercent: true,
      version: { select: { id: true, number: true, graph: true } },
      canaryVersion: { select: { id: true, number: true, graph: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    workspaceId: row.workspaceId,
    pipelineId: row.pipelineId,
    enabled: row.enabled,
    pinned: servedVersion(row.version, slug),
    canary: row.canaryVersion && row.canaryPercent > 0 ? { ...servedVersion(row.canaryVersion, slug), percent: row.canaryPercent } : null,
  };
}

export function findPublishedEndpoint(db: Db, slug: string, now = Date.now()): Promise<PublishedEndpoint | null> {
  return endpointsOf(db).get(slug, () => loadEndpoint(db, slug), now);
}

/** The version one call runs: the canary for `percent`% of calls, else the pinned version. */
export function chooseVersion(endpoint: PublishedEndpoint, random: () => number = Math.random): ServedVersion {
  return endpoint.canary && random() * 100 < endpoint.canary.percent ? endpoint.canary : endpoint.pinned;
}
