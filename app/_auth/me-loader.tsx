"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { isPublicPath } from "@/components/auth/public-paths";
import { MeProvider } from "@/components/auth/role-gate";
import { useTRPC } from "../_trpc/client";
import { errorCode } from "../_trpc/error-message";

/** Loads the signed-in caller once for the whole console: the sidebar and every role gate read it. */
export function MeLoader({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const pathname = usePathname() ?? "";
  const me = useQuery({ ...trpc.account.me.queryOptions(), enabled: !isPublicPath(pathname), staleTime: 60_000 });
  const expired = errorCode(me.error) === "UNAUTHORIZED";
  useEffect(() => {
    // The cookie was there (proxy.ts let the page through) but the session has ended: sign in again.
    if (expired) window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [expired]);
  return <MeProvider me={me.data ?? null}>{children}</MeProvider>;
}
