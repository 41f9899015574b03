import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// Debian's Chromium (or CHROMIUM_PATH): this network cannot download Playwright's own browsers.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
// Without DATABASE_URL the console runs on a fresh embedded database for every test run.
const dataDir = process.env.GROUNDWORK_DATA_DIR ?? mkdtempSync(join(tmpdir(), "groundwork-e2e-"));
// `next start` is a production server: on a real PostgreSQL it requires the credential encryption key.
const secretKey = process.env.GROUNDWORK_SECRET_KEY ?? randomBytes(32).toString("base64");

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
  webServer: {
    command: `npx next build && npx next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { GROUNDWORK_DATA_DIR: dataDir, GROUNDWORK_SECRET_KEY: secretKey, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
