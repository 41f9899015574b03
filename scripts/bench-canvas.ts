// npm run bench:canvas [-- --json] [--sizes 50,200,500] [--url http://host:port] [--port 3190] [--skip-build]
//
// How the pipeline editor's canvas holds up on large graphs, beside plain React Flow drawing the same
// saved graph (the floor, app/bench/canvas). For each size it saves a generated pipeline of real node
// types (N nodes, 1.2·N wires between compatible ports), then in Chromium measures, for both pages:
//   tti_ms   navigation start → the canvas shows its nodes and wires, measured and painted (median of 3 loads)
//   drag_fps frames per second while a node is dragged at 60 pointer moves a second
//   pan_fps  frames per second while the empty canvas is dragged (panning)
// Without --url it builds the console (unless --skip-build) and starts it with GROUNDWORK_BENCH=1 on a
// fresh embedded database, or on DATABASE_URL when set.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type APIRequestContext, type Page } from "playwright";
import { GRAPH_SCHEMA_VERSION, type Graph } from "@/nodes/graph";
import { portsCompatible } from "@/nodes/ports";
import { nodeSpecs } from "@/nodes/registry";
import { describeDatabase } from "@/server/db/client";

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    sizes: { type: "string", default: "50,200,500" },
    url: { type: "string" },
    port: { type: "string", default: "3190" },
    "skip-build": { type: "boolean", default: false },
    // Accepted for symmetry with the other benchmarks; this one generates its graphs.
    data: { type: "string" },
  },
});

const sizes = args.sizes.split(",").map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes takes whole numbers of at least 2, got "${args.sizes}"`);
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The same flags as playwright.config.ts.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TTI_LOADS = 3;
const GESTURE_MOVES = 120;

/** A deterministic pseudo-random sequence, so every run benchmarks the same graphs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** N real nodes on a grid, wired left to right between compatible ports, each input fed at most once. */
function generateGraph(size: number): Graph {
  const next = random(size);
  const columns = Math.ceil(Math.sqrt(size * 2));
  const nodes = Array.from({ length: size }, (_, i) => {
    const spec = nodeSpecs[Math.floor(next() * nodeSpecs.length)];
    return { id: `n${i}`, type: spec.type, position: { x: (i % columns) * 320, y: Math.floor(i / columns) * 260 }, config: {}, spec };
  });
  const wanted = Math.round(size * 1.2);
  const edges: Graph["edges"] = [];
  const fed = new Set<string>();
  for (let attempt = 0; attempt < wanted * 400 && edges.length < wanted; attempt++) {
    const a = Math.floor(next() * size);
    const b = Math.min(size - 1, a + 1 + Math.floor(next() * 2 * columns));
    if (a === b) continue;
    const from = nodes[a];
    const to = nodes[b];
    for (const [out, outPort] of Object.entries(from.spec.outputs)) {
      const free = Object.entries(to.spec.inputs).find(([name, inPort]) => !fed.has(`${to.id}.${name}`) && portsCompatible(outPort.type, inPort.type));
      if (!free) continue;
      fed.add(`${to.id}.${free[0]}`);
      edges.push({ id: `${from.id}.${out}->${to.id}.${free[0]}`, source: from.id, sourceHandle: out, target: to.id, targetHandle: free[0] });
      break;
    }
  }
  return { schemaVersion: GRAPH_SCHEMA_VERSION, nodes: nodes.map(({ spec: _spec, ...node }) => node), edges };
}

/** The benchmark's account: the first one of a fresh console (its owner), or an existing one named by env. */
const BENCH_USER = {
  email: process.env.GROUNDWORK_BENCH_EMAIL ?? "canvas-bench@groundwork.local",
  password: process.env.GROUNDWORK_BENCH_PASSWORD ?? "canvas-bench-password-1",
  name: "Canvas benchmark",
};

/** Signs the browser context in, so the pages and the API calls below share one session. */
async function signIn(request: APIRequestContext, base: string) {
  const headers = { origin: base };
  const up = await request.post(`${base}/api/auth/sign-up/email`, { headers, data: BENCH_USER });
  if (up.ok()) return;
  const signedIn = await request.post(`${base}/api/auth/sign-in/email`, { headers, data: { email: BENCH_USER.email, password: BENCH_USER.password } });
  if (!signedIn.ok()) {
    throw new Error(
      `Could not sign in to ${base} (set GROUNDWORK_BENCH_EMAIL and GROUNDWORK_BENCH_PASSWORD for an existing console): ` +
        `sign-up ${up.status()} ${await up.text()}; sign-in ${signedIn.status()} ${await signedIn.text()}`,
    );
  }
}

async function trpc<T>(request: APIRequestContext, base: string, path: string, input: unknown): Promise<T> {
  const response = await request.post(`${base}/api/trpc/${path}`, { headers: { origin: base }, data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!body.result) throw new Error(`${path} failed: ${body.error?.json.message ?? response.status()}`);
  return body.result.data.json;
}

async function savePipeline(request: APIRequestContext, base: string, graph: Graph): Promise<string> {
  const { id } = await trpc<{ id: string }>(request, base, "pipeline.create", { name: `Canvas benchmark, ${graph.nodes.length} nodes ${Date.now()}` });
  await trpc(request, base, "pipeline.saveDraft", { id, graph, revision: 1 });
  return id;
}

// In-page scripts are passed as text: the bundler's helpers (e.g. __name) do not exist in the page.
const UNTIL_INTERACTIVE = `new Promise((resolve) => {
  const ready = () => {
    const nodes = document.querySelectorAll(".react-flow__node");
    if (nodes.length === 0 || document.querySelectorAll(".react-flow__edge").length === 0) return false;
    // React Flow hides a node until it has measured it.
    return [...nodes].every((n) => n.style.visibility !== "hidden");
  };
  const poll = () => {
    if (!ready()) return requestAnimationFrame(poll);
    // Two frames later the measured layout has been painted and input is handled.
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
  };
  poll();
})`;
const START_COUNTING = `(() => {
  window.__frames = 0;
  window.__counting = true;
  const tick = () => {
    if (!window.__counting) return;
    window.__frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_COUNTING = `(() => { window.__counting = false; return window.__frames; })()`;
const NODE_NEAREST = (x: number, y: number) => `(() => {
  let best = null;
  for (const el of document.querySelectorAll(".react-flow__node")) {
    const r = el.getBoundingClientRect();
    const p = { x: r.left + Math.min(12, r.width / 2), y: r.top + Math.min(8, r.height / 2) };
    const d = Math.hypot(p.x - ${x}, p.y - ${y});
    if (!best || d < best.d) best = { x: p.x, y: p.y, d };
  }
  return best;
})()`;

/** Milliseconds from navigation start until nodes and wires are on screen, measured and painted. */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate<number>(UNTIL_INTERACTIVE);
}

/** Frames per second while the pointer drags from `start` by (dx, dy) at 60 moves a second. */
async function gestureFps(page: Page, start: { x: number; y: number }, dx: number, dy: number): Promise<number> {
  await page.evaluate(START_COUNTING);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = Date.now();
  for (let i = 1; i <= GESTURE_MOVES; i++) {
    await page.mouse.move(start.x + (dx * i) / GESTURE_MOVES, start.y + (dy * i) / GESTURE_MOVES);
    const due = began + (i * 1000) / 60;
    const wait = due - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
  }
  await page.mouse.up();
  const seconds = (Date.now() - began) / 1000;
  return (await page.evaluate<number>(STOP_COUNTING)) / seconds;
}

type Figures = { tti: number; drag: number; pan: number };

async function measure(page: Page, url: string): Promise<Figures> {
  const loads: number[] = [];
  for (let i = 0; i < TTI_LOADS; i++) loads.push(await timeToInteractive(page, url));
  loads.sort((a, b) => a - b);
  // Drag the node nearest the canvas' centre; pan from the empty margin fitView leaves at the top left.
  const canvas = (await page.getByTestId("canvas").boundingBox())!;
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const target = await page.evaluate<{ x: number; y: number } | null>(NODE_NEAREST(centre.x, centre.y));
  if (!target) throw new Error(`No node to drag on ${url}`);
  const drag = await gestureFps(page, target, 150, 90);
  const pan = await gestureFps(page, { x: canvas.x + 8, y: canvas.y + 8 }, 300, 200);
  return { tti: loads[Math.floor(loads.length / 2)], drag, pan };
}

async function waitForServer(base: string, server: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`The console exited with code ${server.exitCode} before it was ready`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The console did not answer at ${base}/api/health within 5 minutes`);
}

async function startConsole(): Promise<{ base: string; stop: () => void; database: string }> {
  const port = Number(args.port);
  const dataDir = mkdtempSync(join(tmpdir(), "groundwork-bench-canvas-"));
  // The base URL is where sign-in requests may come from (better-auth checks their Origin).
  const env = { ...process.env, GROUNDWORK_BENCH: "1", GROUNDWORK_DATA_DIR: dataDir, GROUNDWORK_BASE_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" };
  if (!args["skip-build"]) {
    log("Building the console (next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
    if (build.status !== 0) throw new Error(`next build failed with code ${build.status}`);
  }
  const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", env, detached: true });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  };
  try {
    await waitForServer(base, server);
  } catch (error) {
    stop();
    throw error;
  }
  const url = process.env.DATABASE_URL?.trim();
  return { base, stop, database: describeDatabase(url ? { url } : { dataDir: join(dataDir, "pglite") }) };
}

async function main() {
  if (args.data) log(`(--data ${args.data} is ignored: this benchmark generates its own graphs)`);
  const console_ = args.url
    ? { base: args.url.replace(/\/$/, ""), stop: () => {}, database: "the database of the console at --url" }
    : await startConsole();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const results: Record<string, number>[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context.request, console_.base);
    for (const size of sizes) {
      const graph = generateGraph(size);
      const id = await savePipeline(context.request, console_.base, graph);
      log(`${size} nodes, ${graph.edges.length} wires…`);
      const editorPage = await context.newPage();
      const editor = await measure(editorPage, `${console_.base}/pipelines/${id}`);
      await editorPage.close();
      const barePage = await context.newPage();
      const bare = await measure(barePage, `${console_.base}/bench/canvas?pipeline=${id}`);
      await barePage.close();
      results.push({
        nodes: size,
        edges: graph.edges.length,
        tti_ms: Math.round(editor.tti),
        tti_bare_ms: Math.round(bare.tti),
        drag_fps: Math.round(editor.drag * 10) / 10,
        drag_fps_bare: Math.round(bare.drag * 10) / 10,
        pan_fps: Math.round(editor.pan * 10) / 10,
        pan_fps_bare: Math.round(bare.pan * 10) / 10,
      });
    }
  } finally {
    await browser.close();
    console_.stop();
  }

  log(`\nCanvas benchmark, Chromium ${CHROMIUM}; console on ${console_.database}`);
  log("nodes  wires  TTI editor  TTI bare  ratio  drag fps (bare)  pan fps (bare)");
  for (const r of results) {
    log(
      `${String(r.nodes).padStart(5)}  ${String(r.edges).padStart(5)}  ${`${r.tti_ms} ms`.padStart(10)}  ${`${r.tti_bare_ms} ms`.padStart(8)}  ${(r.tti_ms / r.tti_bare_ms).toFixed(2).padStart(5)}  ${`${r.drag_fps} (${r.drag_fps_bare})`.padStart(15)}  ${`${r.pan_fps} (${r.pan_fps_bare})`.padStart(14)}`,
    );
  }
  const largest = results.at(-1);
  if (largest) {
    const ratio = largest.tti_ms / largest.tti_bare_ms;
    log(
      `Targets at ${largest.nodes} nodes: TTI within 1.5× of bare (${ratio.toFixed(2)}×: ${ratio <= 1.5 ? "met" : "missed"}), ` +
        `≥ 30 fps (drag ${largest.drag_fps}, pan ${largest.pan_fps}: ${largest.drag_fps >= 30 && largest.pan_fps >= 30 ? "met" : "missed"})`,
    );
  }
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({
        database: console_.database,
        results: results.map(({ edges: _edges, ...r }) => r),
      })}\n`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
