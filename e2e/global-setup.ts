// The "setup" project (playwright.config.ts): every console spec needs a signed-in owner, so the
// install's first account is created once through better-auth and its session saved for them all.
import { expect, test as setup } from "@playwright/test";
import { OWNER, originHeaders, STORAGE_STATE } from "./helpers";

setup("create the owner account and keep its session", async ({ request, baseURL }) => {
  const headers = originHeaders(baseURL!);
  const up = await request.post("/api/auth/sign-up/email", { headers, data: OWNER });
  if (!up.ok()) {
    // A reused server (GROUNDWORK_DATA_DIR set) already has its owner: sign in instead.
    const signIn = await request.post("/api/auth/sign-in/email", { headers, data: { email: OWNER.email, password: OWNER.password } });
    expect(signIn.ok(), `sign-up: ${up.status()} ${await up.text()}; sign-in: ${signIn.status()} ${await signIn.text()}`).toBe(true);
  }
  const me = await request.get("/api/trpc/account.me");
  expect(me.ok(), await me.text()).toBe(true);
  await request.storageState({ path: STORAGE_STATE });
});
