import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { STORAGE_STATE } from "./e2e/helpers";

// Debian's Chromium (or CHROMIUM_PATH): this network cannot download Playwright's own browsers.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
// A second server on the same build, always on a fresh embedded database: the first-visit flow
// (create the owner account) needs an install nobody has signed up to yet.
const freshPort = Number(process.env.E2E_FRESH_PORT ?? port + 1000);
// Without DATABASE_URL the console runs on a fresh embedded database for every test run.
const dataDir = process.env.GROUNDWORK_DATA_DIR ?? mkdtempSync(join(tmpdir(), "groundwork-e2e-"));
const freshDataDir = mkdtempSync(join(tmpdir(), "groundwork-e2e-fresh-"));
// `next start` is a production server: on a real PostgreSQL it requires the credential encryption key.
// Kept in the environment so the test workers (which load this file again) see the same key: the
// secrets spec checks the built client for it.
process.env.GROUNDWORK_SECRET_KEY ??= randomBytes(32).toString("base64");
const secretKey = process.env.GROUNDWORK_SECRET_KEY;
// The mock model providers of the browser tests listen on 127.0.0.1, which the SSRF guard refuses
// unless allowed: the test servers allow it, as an operator would for a local model server.
const serverEnv = { GROUNDWORK_SECRET_KEY: secretKey, GROUNDWORK_ALLOW_PRIVATE_URLS: "1", NEXT_TELEMETRY_DISABLED: "1" };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Signs up the owner once; every console spec starts signed in as it.
    { name: "setup", testMatch: /global-setup\.ts$/ },
    { name: "console", testIgnore: [/global-setup\.ts$/, /accounts\.spec\.ts$/], dependencies: ["setup"], use: { storageState: STORAGE_STATE } },
    { name: "fresh-install", testMatch: /accounts\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${freshPort}` } },
  ],
  // Started in order: the second server reuses the first one's build.
  webServer: [
    {
      // E2E_SKIP_BUILD=1 reruns against the last build (after editing only the specs).
      command: `${process.env.E2E_SKIP_BUILD === "1" ? "" : "npx next build && "}npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...serverEnv, GROUNDWORK_DATA_DIR: dataDir },
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${freshPort}`,
      url: `http://127.0.0.1:${freshPort}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...serverEnv, GROUNDWORK_DATA_DIR: freshDataDir, DATABASE_URL: "" },
    },
  ],
});
