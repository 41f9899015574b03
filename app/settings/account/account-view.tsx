"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { authRequest } from "@/components/auth/auth-request";
import { useMe } from "@/components/auth/role-gate";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";

export function AccountView() {
  const me = useMe();
  const [error, setError] = useState<string | null>(null);

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    try {
      await authRequest("/change-password", {
        currentPassword: String(data.get("current") ?? ""),
        newPassword: String(data.get("next") ?? ""),
        revokeOtherSessions: true,
      });
      form.reset();
      toast.success("Password changed; your other sessions were signed out.");
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  async function signOutEverywhere() {
    await authRequest("/revoke-sessions", {}).catch((failure: unknown) => toast.error(String(failure)));
    window.location.assign("/sign-in");
  }

  return (
    <PageBody>
      <PageHeader title="Account" description={me ? `Signed in as ${me.user.email}` : undefined} />
      <Card className="mb-6 max-w-xl">
        <CardHeader>
          <CardTitle>Change password</CardTitle>
          <CardDescription>Signs out your other sessions.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={changePassword} className="flex flex-col gap-3">
            <Field id="current-password" label="Current password">
              <Input id="current-password" name="current" type="password" autoComplete="current-password" required />
            </Field>
            <Field id="new-password" label="New password" error={error ?? undefined}>
              <Input id="new-password" name="next" type="password" autoComplete="new-password" minLength={10} required />
            </Field>
            <Button type="submit" className="self-start">
              Change password
            </Button>
          </form>
        </CardContent>
      </Card>
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle>Sign out everywhere</CardTitle>
          <CardDescription>Ends every session of this account, on every device, including this one.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button variant="secondary" onClick={signOutEverywhere}>
            Sign out everywhere
          </Button>
        </CardContent>
      </Card>
    </PageBody>
  );
}
