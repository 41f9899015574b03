import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/auth";
import { ready } from "@/server/bootstrap";

export const metadata: Metadata = { title: "Create the owner account · Groundwork" };
export const dynamic = "force-dynamic";

// Only on a fresh install: later accounts join through invitation links (/invite/<token>).
export default async function SignUpPage() {
  const db = await ready();
  if ((await db.user.count()) > 0) redirect("/sign-in");
  return (
    <AuthCard
      title="Create the owner account"
      description="This is a fresh install. The first account owns the default workspace, with the example pipeline and knowledge base."
    >
      <CredentialsForm mode="sign-up" next="/pipelines" minPasswordLength={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}
