"use client";

import { RoleGate } from "@/components/auth/role-gate";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Globe, Pencil, Plus, Trash2, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { NewPipelineDialog } from "@/components/pipelines/new-pipeline-dialog";
import { RenameDialog } from "@/components/pipelines/rename-dialog";
import { PageBody } from "@/components/shell/page-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatRelative } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage } from "../_trpc/error-message";
import { useTRPC } from "../_trpc/client";
import type { RouterOutputs } from "../_trpc/outputs";
import { LoadError, Loading } from "@/components/ui/load-states";

type PipelineRow = RouterOutputs["pipeline"]["list"][number];

export function PipelinesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const list = useQuery(trpc.pipeline.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<PipelineRow | null>(null);
  const [deleting, setDeleting] = useState<PipelineRow | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.pipeline.list.queryKey() });
  const create = useMutation(
    trpc.pipeline.create.mutationOptions({
      onSuccess: ({ id }) => {
        void refresh();
        router.push(`/pipelines/${id}`);
      },
    }),
  );
  const rename = useMutation(
    trpc.pipeline.rename.mutationOptions({
      onSuccess: ({ name }) => {
        setRenaming(null);
        toast.success(`Renamed to “${name}”`);
        void refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.pipeline.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Deleted “${deleting?.name}”`);
        setDeleting(null);
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const newButton = (
    <RoleGate need="editor">
      {(denied) => (
        <Button onClick={() => setCreating(true)} disabled={denied}>
          <Plus />
          New pipeline
        </Button>
      )}
    </RoleGate>
  );

  return (
    <PageBody>
      <PageHeader
        title="Pipelines"
        description="Each pipeline turns a question into an answer cited from your documents — or refuses."
        actions={newButton}
      />
      {list.isPending ? (
        <Loading what="pipelines" />
      ) : list.error ? (
        <LoadError message={errorMessage(list.error)} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title="No pipelines yet"
          description="Start from the example to see a cited answer in a minute, or build one from a blank canvas."
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead>Published</TableHead>
              <TableHead>Endpoint</TableHead>
              <TableHead className="text-right">Runs</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.map((pipeline) => (
              <TableRow key={pipeline.id} data-testid="pipeline-row">
                <TableCell>
                  <Link href={`/pipelines/${pipeline.id}`} className="font-medium text-foreground hover:text-primary hover:underline">
                    {pipeline.name}
                  </Link>
                  {pipeline.description && <p className="mt-0.5 text-xs text-muted-foreground">{pipeline.description}</p>}
                </TableCell>
                <TableCell className="text-muted-foreground" title={pipeline.updatedAt.toISOString()}>
                  {formatRelative(pipeline.updatedAt)}
                </TableCell>
                <TableCell>
                  {pipeline.latestVersion === null ? <Badge>Draft only</Badge> : <Badge tone="success">v{pipeline.latestVersion}</Badge>}
                </TableCell>
                <TableCell>
                  {pipeline.endpointSlug ? (
                    <span className="flex items-center gap-1.5 font-mono text-xs text-slate-600">
                      <Globe className="size-3.5 text-emerald-600" />
                      {pipeline.endpointSlug}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  <Link href={`/runs?pipeline=${pipeline.id}`} className="hover:text-primary hover:underline">
                    {pipeline.runCount}
                  </Link>
                </TableCell>
                <TableCell>
                  <div className="flex justify-end gap-1">
                    <Button variant="ghost" size="icon" title="Rename" onClick={() => setRenaming(pipeline)}>
                      <Pencil />
                      <span className="sr-only">Rename {pipeline.name}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      title="Delete"
                      className="text-destructive hover:bg-red-50"
                      onClick={() => setDeleting(pipeline)}
                    >
                      <Trash2 />
                      <span className="sr-only">Delete {pipeline.name}</span>
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <NewPipelineDialog
        open={creating}
        onOpenChange={(open) => {
          setCreating(open);
          create.reset();
        }}
        pending={create.isPending}
        error={create.error ? errorMessage(create.error) : null}
        onCreate={(input) => create.mutate(input)}
      />
      {renaming && (
        <RenameDialog
          key={renaming.id}
          title="Rename pipeline"
          currentName={renaming.name}
          open
          onOpenChange={(open) => {
            if (!open) setRenaming(null);
            rename.reset();
          }}
          pending={rename.isPending}
          error={rename.error ? errorMessage(rename.error) : null}
          onRename={(name) => rename.mutate({ id: renaming.id, name })}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete pipeline?"
        description={
          <>
            “{deleting?.name}” will be deleted with its versions and run traces
            {deleting?.endpointSlug ? <>, and its endpoint <code>{deleting.endpointSlug}</code> stops answering</> : null}. This
            cannot be undone.
          </>
        }
        confirmLabel="Delete pipeline"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </PageBody>
  );
}
