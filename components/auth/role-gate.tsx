"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, roleRefusal, type Role } from "./roles";

/** The signed-in caller as the console knows them (the `account.me` query). */
export interface Me {
  user: { id: string; email: string; name: string };
  workspaceId: string | null;
  role: Role | null;
  workspaces: Array<{ id: string; name: string; role: Role }>;
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me | null {
  return useContext(MeContext);
}

/** Whether the caller's role allows an action needing `needed`, and if not, the reason to show. */
export function useRoleGate(needed: Role): { allowed: boolean; reason: string | null } {
  const me = useMe();
  if (!me) return { allowed: false, reason: "Checking your role…" };
  return hasRole(me.role, needed) ? { allowed: true, reason: null } : { allowed: false, reason: roleRefusal(me.role, needed) };
}

/**
 * Renders a control disabled, with the reason as its tooltip, when the caller's role is below
 * `need`. A disabled button gets no pointer events, so the tooltip sits on a wrapper.
 */
export function RoleGate({ need, children }: { need: Role; children: (disabled: boolean) => ReactNode }) {
  const gate = useRoleGate(need);
  if (gate.allowed) return <>{children(false)}</>;
  return (
    <span className="inline-flex cursor-not-allowed" title={gate.reason ?? undefined} data-role-refusal={gate.reason ?? ""}>
      {children(true)}
    </span>
  );
}
