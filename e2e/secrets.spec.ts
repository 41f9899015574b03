// No server secret reaches the browser: the built client bundle (.next/static, what any visitor can
// download) holds neither the credential key nor the session-signing secret the server runs with.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(child)));
    else out.push(child);
  }
  return out;
}

test("the client bundle holds no server secret", async ({ page }) => {
  const files = await filesUnder(join(process.cwd(), ".next", "static"));
  expect(files.length).toBeGreaterThan(10);
  const bundle = (await Promise.all(files.map((file) => readFile(file, "utf8")))).join("\n");

  const { parseAuthConfig } = await import("../server/auth/auth-config");
  const { parseSecretKey } = await import("../server/providers/secret-key");
  // The values the test server was started with (playwright.config.ts passes GROUNDWORK_SECRET_KEY).
  const raw = process.env.GROUNDWORK_SECRET_KEY;
  const secrets: Record<string, string> = {};
  if (raw) {
    secrets.GROUNDWORK_SECRET_KEY = raw;
    secrets["session secret (derived)"] = parseAuthConfig({}, () => parseSecretKey(raw)).secret;
  }
  for (const name of ["BETTER_AUTH_SECRET", "GROUNDWORK_OIDC_CLIENT_SECRET", "DATABASE_URL"]) {
    const value = process.env[name];
    if (value && value.length >= 8) secrets[name] = value;
  }
  expect(Object.keys(secrets).length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(secrets)) expect(bundle.includes(value), `${name} appears in .next/static`).toBe(false);
  // The names of server-only settings are not even referenced from client code.
  expect(bundle).not.toContain("GROUNDWORK_SECRET_KEY");

  // And what a page actually sends: the HTML of a console page.
  await page.goto("/pipelines");
  const html = await page.content();
  for (const [name, value] of Object.entries(secrets)) expect(html.includes(value), `${name} appears in the page`).toBe(false);
});
