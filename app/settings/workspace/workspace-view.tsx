"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { RoleGate, useMe } from "@/components/auth/role-gate";
import { PageBody } from "@/components/shell/page-body";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";

export function WorkspaceView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const settings = useQuery({ ...trpc.workspace.settings.queryOptions(), enabled: Boolean(me?.workspaceId) });
  const [name, setName] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const update = useMutation(
    trpc.workspace.updateSettings.mutationOptions({
      onSuccess: () => {
        toast.success("Saved");
        setName(null);
        void queryClient.invalidateQueries();
      },
      onError,
    }),
  );
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (workspace) => {
        document.cookie = `gw_workspace=${encodeURIComponent(workspace.id)}; path=/; max-age=31536000; samesite=lax`;
        window.location.assign("/pipelines");
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.workspace.delete.mutationOptions({
      onSuccess: () => {
        document.cookie = "gw_workspace=; path=/; max-age=0";
        window.location.assign("/pipelines");
      },
      onError,
    }),
  );

  return (
    <PageBody>
      <PageHeader title="Workspace" description="This workspace's name and network policy; new workspaces." />
      {settings.data && (
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>Settings</CardTitle>
            <CardDescription>Admins change these; every change lands in the audit log.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex items-end gap-3">
              <div className="flex flex-1 flex-col gap-1.5">
                <Label htmlFor="workspace-name">Name</Label>
                <Input id="workspace-name" value={name ?? settings.data.name} onChange={(e) => setName(e.target.value)} />
              </div>
              <RoleGate need="admin">
                {(disabled) => (
                  <Button disabled={disabled || name === null} onClick={() => update.mutate({ name: name ?? undefined })}>
                    Save name
                  </Button>
                )}
              </RoleGate>
            </div>
            <RoleGate need="admin">
              {(disabled) => (
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    disabled={disabled}
                    checked={settings.data.allowPrivateUrls}
                    onChange={(e) => update.mutate({ allowPrivateUrls: e.target.checked })}
                  />
                  <span>
                    Allow model providers on private and loopback addresses (a local vLLM or Ollama, 10.x, 192.168.x, 127.0.0.1).
                    <span className="block text-xs text-muted-foreground">
                      Off by default: a base URL that points inside your network could otherwise be used to reach internal services.
                    </span>
                  </span>
                </label>
              )}
            </RoleGate>
          </CardContent>
        </Card>
      )}

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>New workspace</CardTitle>
          <CardDescription>You will own it; invite others from its Members page.</CardDescription>
        </CardHeader>
        <CardContent className="flex items-end gap-3">
          <div className="flex flex-1 flex-col gap-1.5">
            <Label htmlFor="new-workspace">Name</Label>
            <Input id="new-workspace" value={newName} onChange={(e) => setNewName(e.target.value)} />
          </div>
          <Button disabled={!newName.trim() || create.isPending} onClick={() => create.mutate({ name: newName })}>
            Create workspace
          </Button>
        </CardContent>
      </Card>

      {settings.data && (
        <Card className="border-red-200">
          <CardHeader>
            <CardTitle>Delete this workspace</CardTitle>
            <CardDescription>Deletes its pipelines, knowledge bases, runs, endpoints, keys and credentials. The audit log keeps the record.</CardDescription>
          </CardHeader>
          <CardContent className="flex items-end gap-3">
            <div className="flex flex-1 flex-col gap-1.5">
              <Label htmlFor="confirm-delete">Type “{settings.data.name}” to confirm</Label>
              <Input id="confirm-delete" value={confirmName} onChange={(e) => setConfirmName(e.target.value)} />
            </div>
            <RoleGate need="owner">
              {(disabled) => (
                <Button variant="destructive" disabled={disabled || confirmName !== settings.data.name} onClick={() => remove.mutate({ confirmName })}>
                  Delete workspace
                </Button>
              )}
            </RoleGate>
          </CardContent>
        </Card>
      )}
    </PageBody>
  );
}
