"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authRequest, safeNext } from "./auth-request";

/** "Sign in with <provider>": better-auth answers with the provider's authorization URL. */
export function OidcButton({ label, next }: { label: string; next?: string }) {
  const [error, setError] = useState<string | null>(null);
  async function start() {
    try {
      const data = await authRequest("/sign-in/oauth2", { providerId: "oidc", callbackURL: safeNext(next) });
      if (typeof data.url !== "string") throw new Error("The identity provider did not answer with a sign-in address.");
      window.location.assign(data.url);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant="secondary" onClick={start}>
        Sign in with {label}
      </Button>
      {error && (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
