"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { HardDrive } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { LocalModelForm, type LocalModelFormValue } from "@/components/providers/local-model-form";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError, Loading } from "@/components/ui/load-states";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { localModelTaskLabels, localModelTasks, type LocalModelTask } from "@/nodes/model-config";
import { useTRPC } from "../../_trpc/client";
import { errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";

type LocalModelRow = RouterOutputs["localModel"]["list"][number];

const tasks = localModelTasks.map((value) => ({ value, label: localModelTaskLabels[value] }));
const blank: LocalModelFormValue<LocalModelTask> = { name: "", task: "rerank", path: "" };

export function LocalModelsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const models = useQuery(trpc.localModel.list.queryOptions());
  const [deleting, setDeleting] = useState<LocalModelRow | null>(null);
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.localModel.list.queryKey() });
  const onError = (error: Parameters<typeof errorMessage>[0]) => toast.error(errorMessage(error));

  const register = useMutation(
    trpc.localModel.register.mutationOptions({
      onSuccess: (saved) => {
        const found = saved.check.dimensions ? `${saved.check.dimensions}-d embeddings` : `labels ${saved.check.labels.join(", ") || "none"}`;
        toast.success(`Registered “${saved.name}” (${saved.check.modelType}; ${found})`);
        setFormKey((k) => k + 1);
        void refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.localModel.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Removed “${deleting?.name}”: nodes using it will fail until switched`);
        setDeleting(null);
        void refresh();
      },
      onError,
    }),
  );

  return (
    <PageBody>
      <PageHeader
        title="Local models"
        description="ONNX model folders on this server that nodes run in local mode with transformers.js: cross-encoder rerankers, NLI models for verification, and sentence embedders for knowledge bases. Nothing is ever downloaded; a folder is checked (files, loading, labels or embedding size) before it is registered."
      />

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Register a folder</CardTitle>
          <CardDescription>Export a Hugging Face model to ONNX (Optimum, or the transformers.js conversion script) and copy the folder to the server.</CardDescription>
        </CardHeader>
        <CardContent>
          <LocalModelForm
            key={`new-${formKey}`}
            tasks={tasks}
            initial={blank}
            pending={register.isPending}
            onSubmit={(value) => register.mutate({ name: value.name.trim(), task: value.task, path: value.path.trim() })}
          />
        </CardContent>
      </Card>

      {models.isPending ? (
        <Loading what="local models" />
      ) : models.error ? (
        <LoadError message={errorMessage(models.error)} onRetry={() => models.refetch()} />
      ) : models.data.length === 0 ? (
        <EmptyState icon={HardDrive} title="No local models yet" description="Register a folder above to run rerank or verification nodes in local mode, or to embed a knowledge base offline." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Task</TableHead>
              <TableHead>Folder</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {models.data.map((row) => (
              <TableRow key={row.id} data-testid="local-model-row">
                <TableCell className="font-medium">{row.name}</TableCell>
                <TableCell>
                  <Badge>{localModelTaskLabels[row.task]}</Badge>
                </TableCell>
                <TableCell className="max-w-96 truncate font-mono text-xs text-slate-600" title={row.path}>
                  {row.path}
                </TableCell>
                <TableCell className="text-right">
                  <Button variant="secondary" size="sm" className="text-destructive" onClick={() => setDeleting(row)}>
                    Remove
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
        title="Remove this local model?"
        description={`The folder stays on disk; only its registration goes. Nodes set to “${deleting?.name}” will fail until they are switched to another model or mode.`}
        confirmLabel="Remove model"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </PageBody>
  );
}
