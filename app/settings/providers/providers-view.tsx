"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Cpu, Plug } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConnectionResult } from "@/components/providers/connection-result";
import { ProviderForm, type ProviderFormValue } from "@/components/providers/provider-form";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { providerKindLabels, providerKinds, type ProviderKind } from "@/server/providers/credential-input";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";

type ProviderRow = RouterOutputs["credential"]["list"][number];
type Tested = RouterOutputs["credential"]["testConnection"];

const kinds = providerKinds.map((value) => ({ value, label: providerKindLabels[value] }));
const blank: ProviderFormValue<ProviderKind> = { name: "", provider: "openai", baseUrl: "", models: "", apiKey: "" };

function toInput(value: ProviderFormValue<ProviderKind>) {
  return {
    name: value.name.trim(),
    provider: value.provider,
    baseUrl: value.baseUrl.trim() || undefined,
    models: value.models.split(",").map((m) => m.trim()).filter(Boolean),
    // Empty means "keep the saved key" on edit, and "no key" when adding.
    apiKey: value.apiKey.trim() || undefined,
  };
}

function TestConnection({ row }: { row: ProviderRow }) {
  const trpc = useTRPC();
  const [model, setModel] = useState(row.models[0] ?? "");
  const [result, setResult] = useState<Tested | null>(null);
  const test = useMutation(trpc.credential.testConnection.mutationOptions({ onSuccess: setResult, onError: (error) => toast.error(errorMessage(error)) }));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <Input aria-label={`Model to test for ${row.name}`} className="h-8 w-44" value={model} onChange={(e) => setModel(e.target.value)} placeholder="model" list={`models-${row.id}`} />
        <datalist id={`models-${row.id}`}>
          {row.models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Button variant="secondary" size="sm" disabled={test.isPending || model.trim() === ""} onClick={() => test.mutate({ id: row.id, model: model.trim() })}>
          <Plug />
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
      </div>
      {result && <ConnectionResult result={result} />}
    </div>
  );
}

export function ProvidersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const providers = useQuery(trpc.credential.list.queryOptions());
  const [editing, setEditing] = useState<ProviderRow | null>(null);
  const [deleting, setDeleting] = useState<ProviderRow | null>(null);
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.credential.list.queryKey() });
  const onError = (error: Parameters<typeof errorMessage>[0]) => toast.error(errorMessage(error));

  const create = useMutation(
    trpc.credential.create.mutationOptions({
      onSuccess: (saved) => {
        toast.success(`Saved “${saved.name}”`);
        setFormKey((k) => k + 1);
        void refresh();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.credential.update.mutationOptions({
      onSuccess: (saved) => {
        toast.success(`Updated “${saved.name}”`);
        setEditing(null);
        void refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.credential.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Deleted “${deleting?.name}”: nodes using it will fail until switched`);
        setDeleting(null);
        void refresh();
      },
      onError,
    }),
  );

  return (
    <PageBody>
      <PageHeader
        title="Model providers"
        description="Chat models and embedders for nodes in provider mode: any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, vLLM, LM Studio) or Ollama. API keys are encrypted at rest and never shown again."
      />

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{editing ? `Edit “${editing.name}”` : "Add a provider"}</CardTitle>
          <CardDescription>Nodes refer to a provider by name and model; their offline mode needs none.</CardDescription>
        </CardHeader>
        <CardContent>
          {editing ? (
            <ProviderForm
              key={`edit-${editing.id}`}
              kinds={kinds}
              initial={{ name: editing.name, provider: editing.provider as ProviderKind, baseUrl: editing.baseUrl ?? "", models: editing.models.join(", "), apiKey: "" }}
              keyHint={editing.secretHint}
              pending={update.isPending}
              submitLabel="Save changes"
              onSubmit={(value) => update.mutate({ id: editing.id, ...toInput(value) })}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <ProviderForm key={`new-${formKey}`} kinds={kinds} initial={blank} pending={create.isPending} submitLabel="Add provider" onSubmit={(value) => create.mutate(toInput(value))} />
          )}
        </CardContent>
      </Card>

      {providers.isPending ? (
        <Loading what="model providers" />
      ) : providers.error ? (
        <LoadError message={errorMessage(providers.error)} onRetry={() => providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <EmptyState icon={Cpu} title="No model providers yet" description="Add one above to run nodes in provider mode. Offline mode works without." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Kind</TableHead>
              <TableHead>Base URL</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Connection</TableHead>
              <TableHead className="w-36" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {providers.data.map((row) => (
              <TableRow key={row.id} data-testid="provider-row">
                <TableCell className="font-medium">
                  {row.name}
                  <div className="text-xs text-muted-foreground">{row.models.join(", ") || "no models listed"}</div>
                </TableCell>
                <TableCell>{row.provider === "ollama" ? "Ollama" : "OpenAI-compatible"}</TableCell>
                <TableCell className="max-w-56 truncate font-mono text-xs text-slate-600">{row.baseUrl ?? "default"}</TableCell>
                <TableCell>{row.secretHint ? <Badge tone="success">set ••••{row.secretHint}</Badge> : <Badge>no key shown</Badge>}</TableCell>
                <TableCell>
                  <TestConnection row={row} />
                </TableCell>
                <TableCell className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(row)}>
                    Edit
                  </Button>
                  <Button variant="secondary" size="sm" className="text-destructive" onClick={() => setDeleting(row)}>
                    Delete
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this provider?"
        description={`Its saved key is deleted with it. Nodes set to “${deleting?.name}” will fail until they are switched to another provider or to offline mode.`}
        confirmLabel="Delete provider"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </PageBody>
  );
}
