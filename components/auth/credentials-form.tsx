"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { authRequest, INVITATION_HEADER, safeNext } from "./auth-request";

/**
 * Signing in, or creating an account: the install's first (owner) account, or one joining through
 * an invitation link. A full page load follows, so every query starts again as the new user.
 */
export function CredentialsForm({
  mode,
  invitationToken,
  next,
  minPasswordLength,
}: {
  mode: "sign-in" | "sign-up";
  invitationToken?: string;
  next?: string;
  minPasswordLength: number;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      if (mode === "sign-in") {
        await authRequest("/sign-in/email", { email, password, rememberMe: true });
      } else {
        const name = String(form.get("name") ?? "").trim() || email.split("@")[0];
        await authRequest("/sign-up/email", { email, password, name }, invitationToken ? { [INVITATION_HEADER]: invitationToken } : {});
      }
      window.location.assign(safeNext(next));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label={mode === "sign-in" ? "Sign in" : "Create account"}>
      {mode === "sign-up" && (
        <Field id="auth-name" label="Name">
          <Input id="auth-name" name="name" autoComplete="name" maxLength={100} />
        </Field>
      )}
      <Field id="auth-email" label="E-mail">
        <Input id="auth-email" name="email" type="email" autoComplete="email" required />
      </Field>
      <Field id="auth-password" label="Password" help={mode === "sign-up" ? `At least ${minPasswordLength} characters.` : undefined}>
        <Input
          id="auth-password"
          name="password"
          type="password"
          autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
          minLength={mode === "sign-up" ? minPasswordLength : undefined}
          required
        />
      </Field>
      {error && (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {mode === "sign-in" ? "Sign in" : "Create account"}
      </Button>
    </form>
  );
}
