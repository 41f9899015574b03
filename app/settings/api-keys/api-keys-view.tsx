"use client";

import { RoleGate } from "@/components/auth/role-gate";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import Link from "next/link";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeySettingsFields } from "@/components/api-keys/key-settings-fields";
import { emptyKeySettings, toKeySettings } from "@/components/api-keys/key-settings";
import { NewKeySecret } from "@/components/api-keys/new-key-secret";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";

type KeyRow = RouterOutputs["apiKey"]["list"][number];

export function ApiKeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const endpoints = useQuery(trpc.endpoint.list.queryOptions());
  const endpointChoices = (endpoints.data ?? []).map(({ id, slug }) => ({ id, slug }));
  const [name, setName] = useState("");
  const [settings, setSettings] = useState(emptyKeySettings);
  const checked = toKeySettings(settings);
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });

  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: ({ secret }, input) => {
        setCreated({ name: input.name, secret });
        setName("");
        setSettings(emptyKeySettings);
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const update = useMutation(
    trpc.apiKey.update.mutationOptions({
      onSuccess: () => {
        toast.success(`Saved “${editing?.name}”`);
        setEditing(null);
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: () => {
        toast.success(`Revoked “${revoking?.name}”: calls with it now get 401`);
        setRevoking(null);
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <PageBody>
      <PageHeader title="API keys" description="Keys let other systems call your published pipelines. Each key is shown once and stored only as a hash." />

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Create a key</CardTitle>
          <CardDescription>Name it after who or what will use it, so you know what breaks when you revoke it.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() && checked.ok) create.mutate({ name: name.trim(), ...checked.settings });
            }}
          >
            <div className="flex max-w-sm flex-1 flex-col gap-1.5">
              <Label htmlFor="api-key-name">Name</Label>
              <Input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Support portal" maxLength={100} />
            </div>
            <KeySettingsFields idPrefix="new-key" endpoints={endpointChoices} draft={settings} onChange={setSettings} />
            <div className="flex items-center justify-end gap-3">
              {!checked.ok && <p className="text-sm text-destructive">{checked.error}</p>}
              <RoleGate need="admin">
                {(denied) => (
                  <Button type="submit" disabled={denied || create.isPending || !name.trim() || !checked.ok}>
                    <Plus />
                    Create key
                  </Button>
                )}
              </RoleGate>
            </div>
          </form>
          {created && <NewKeySecret name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />}
        </CardContent>
      </Card>

      {keys.isPending ? (
        <Loading what="API keys" />
      ) : keys.error ? (
        <LoadError message={errorMessage(keys.error)} onRetry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API keys yet" description="Create one above to call a published endpoint." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Endpoints</TableHead>
              <TableHead>Limits</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="w-40" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.data.map((key) => (
              <TableRow key={key.id} data-testid="api-key-row">
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell className="font-mono text-xs text-slate-600">{key.prefix}…</TableCell>
                <TableCell className="text-xs">
                  {key.endpoints === null ? <span className="text-muted-foreground">all</span> : key.endpoints.map((endpoint) => endpoint.slug).join(", ") || "none"}
                </TableCell>
                <TableCell className="text-xs text-muted-foreground">
                  {[key.rateLimitPerMinute !== null && `${key.rateLimitPerMinute}/min`, key.dailyQuota !== null && `${key.dailyQuota}/day`].filter(Boolean).join(" · ") || "none"}
                </TableCell>
                <TableCell className="text-muted-foreground">{formatDateTime(key.createdAt)}</TableCell>
                <TableCell className="text-muted-foreground">{key.lastUsedAt ? formatRelative(key.lastUsedAt) : "never"}</TableCell>
                <TableCell>
                  {key.revokedAt ? (
                    <Badge tone="danger" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                      revoked
                    </Badge>
                  ) : (
                    <Badge tone="success">active</Badge>
                  )}
                </TableCell>
                <TableCell className="text-right">
                  {!key.revokedAt && (
                    <div className="flex justify-end gap-2">
                      <Button variant="secondary" size="sm" onClick={() => setEditing(key)}>
                        Edit
                      </Button>
                      <Button variant="secondary" size="sm" className="text-destructive" onClick={() => setRevoking(key)}>
                        Revoke
                      </Button>
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <p className="mt-6 text-sm text-muted-foreground">
        The published pipelines these keys call, with usage snippets and a test console, are under{" "}
        <Link href="/endpoints" className="text-primary hover:underline">
          Endpoints
        </Link>
        .
      </p>

      {editing && (
        <EditKeyDialog
          apiKey={editing}
          endpoints={endpointChoices}
          pending={update.isPending}
          error={update.error ? errorMessage(update.error) : null}
          onClose={() => {
            setEditing(null);
            update.reset();
          }}
          onSave={(next) => update.mutate({ id: editing.id, ...next })}
        />
      )}

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke this key?"
        description={`Every call made with “${revoking?.name}” (${revoking?.prefix}…) will be refused from now on. This cannot be undone.`}
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      />
    </PageBody>
  );
}
