import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OidcButton } from "@/components/auth/oidc-button";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/auth";
import { parseOidcConfig } from "@/server/auth/auth-config";
import { ready } from "@/server/bootstrap";

export const metadata: Metadata = { title: "Sign in · Groundwork" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const db = await ready();
  // A fresh install has nobody to sign in: its first visitor creates the owner account.
  if ((await db.user.count()) === 0) redirect("/sign-up");
  const { next } = await searchParams;
  const oidc = parseOidcConfig(process.env);
  return (
    <AuthCard title="Sign in" description="Use the account a workspace admin invited you with.">
      <div className="flex flex-col gap-4">
        <CredentialsForm mode="sign-in" next={next} minPasswordLength={MIN_PASSWORD_LENGTH} />
        {oidc && <OidcButton label={oidc.name} next={next} />}
        <p className="text-xs text-muted-foreground">
          No account? Ask an admin of your workspace for an invitation link. <Link className="underline" href="/">Back</Link>
        </p>
      </div>
    </AuthCard>
  );
}
