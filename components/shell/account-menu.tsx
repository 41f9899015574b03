"use client";

import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { authRequest } from "@/components/auth/auth-request";
import { useMe } from "@/components/auth/role-gate";
import { cn } from "@/components/ui/cn";

/** Who is signed in, their account settings, and signing out. */
export function AccountMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  async function signOut() {
    await authRequest("/sign-out", {}).catch(() => undefined);
    window.location.assign("/sign-in");
  }
  return (
    <div className={cn("mt-2 flex w-full items-center gap-1 border-t border-border pt-2", compact && "flex-col")}>
      <Link
        href="/settings/account"
        title={me ? `${me.user.email} — account settings` : "Account settings"}
        aria-label="Account settings"
        className={cn("flex min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1.5 text-xs text-slate-600 hover:bg-muted", compact && "justify-center px-0")}
      >
        <UserRound className="size-4 shrink-0" />
        {!compact && <span className="truncate">{me?.user.email ?? "…"}</span>}
      </Link>
      <button type="button" onClick={signOut} title="Sign out" aria-label="Sign out" className="rounded-md p-1.5 text-slate-600 hover:bg-muted">
        <LogOut className="size-4" />
      </button>
    </div>
  );
}
