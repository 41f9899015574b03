"use client";

import { useMe } from "@/components/auth/role-gate";

/** Must match WORKSPACE_COOKIE in server/auth/context.ts; the server checks membership on every request. */
const WORKSPACE_COOKIE = "gw_workspace";

/** The workspace the console acts in. Switching reloads, so no page keeps another workspace's data. */
export function WorkspaceSwitcher() {
  const me = useMe();
  if (!me) return <div className="mb-4 h-9" aria-hidden />;
  if (me.workspaces.length === 0) {
    return <p className="mb-4 px-2 text-xs text-muted-foreground">You are in no workspace yet: create one in Settings → Workspace, or open an invitation link.</p>;
  }
  return (
    <label className="mb-4 flex flex-col gap-1 px-2 text-xs text-muted-foreground">
      Workspace
      <select
        aria-label="Workspace"
        className="h-9 rounded-md border border-input bg-white px-2 text-sm text-foreground"
        value={me.workspaceId ?? ""}
        onChange={(event) => {
          const secure = window.location.protocol === "https:" ? "; secure" : "";
          document.cookie = `${WORKSPACE_COOKIE}=${encodeURIComponent(event.target.value)}; path=/; max-age=31536000; samesite=lax${secure}`;
          window.location.assign("/pipelines");
        }}
      >
        {me.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name} ({workspace.role})
          </option>
        ))}
      </select>
    </label>
  );
}
