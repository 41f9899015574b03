import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { getAuth, MIN_PASSWORD_LENGTH } from "@/server/auth/auth";
import { InvitationError, openInvitation } from "@/server/auth/invitations";
import { ready } from "@/server/bootstrap";

export const metadata: Metadata = { title: "Invitation · Groundwork" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await ready();
  let invitation;
  try {
    invitation = await openInvitation(db, token);
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error;
    return (
      <AuthCard title="This invitation cannot be used">
        <p className="text-sm text-muted-foreground">{error.message}</p>
      </AuthCard>
    );
  }
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  const description = (
    <>
      You are invited to <strong>{invitation.workspace.name}</strong> as <strong>{invitation.role}</strong>. The link expires{" "}
      {invitation.expiresAt.toUTCString()}.
    </>
  );
  if (session) {
    return (
      <AuthCard title="Join the workspace" description={description}>
        <AcceptInvitation token={token} email={session.user.email} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create your account" description={description}>
      <div className="flex flex-col gap-4">
        <CredentialsForm mode="sign-up" invitationToken={token} next="/pipelines" minPasswordLength={MIN_PASSWORD_LENGTH} />
        <p className="text-xs text-muted-foreground">
          Already have an account?{" "}
          <Link className="underline" href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}>
            Sign in to accept
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
