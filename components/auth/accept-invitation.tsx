"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A signed-in user accepts an invitation; the server checks the link again and adds the membership. */
export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function accept() {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/trpc/account.acceptInvitation", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { token } }),
    });
    const data = (await response.json().catch(() => ({}))) as { result?: { data?: { json?: { workspaceId?: string } } }; error?: { json?: { message?: string } } };
    if (!response.ok) {
      setError(data.error?.json?.message ?? `The server refused (${response.status}).`);
      setBusy(false);
      return;
    }
    // Act in the workspace just joined (the cookie of the sidebar's switcher).
    const joined = data.result?.data?.json?.workspaceId;
    if (joined) document.cookie = `gw_workspace=${encodeURIComponent(joined)}; path=/; max-age=31536000; samesite=lax`;
    window.location.assign("/pipelines");
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">Signed in as {email}.</p>
      {error && (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      )}
      <Button type="button" onClick={accept} disabled={busy}>
        Join the workspace
      </Button>
    </div>
  );
}
