// The workspace's registered local model folders (Settings → Local models). A folder is checked when
// saved (server/models/model-folder.ts) and looked up by id, in the caller's workspace only, when a
// node runs in local mode.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { localModelTasks, type LocalModelTask } from "@/nodes/model-config";
import { checkModelFolder, type FolderCheck } from "./model-folder";

export const localModelInput = z.object({
  name: z.string().trim().min(1, "Name the model").max(100),
  task: z.enum(localModelTasks),
  path: z.string().trim().min(1, "Give the folder's path").max(1000),
});
export type LocalModelInput = z.infer<typeof localModelInput>;

export interface LocalModelRow {
  id: string;
  name: string;
  task: LocalModelTask;
  path: string;
}

export class LocalModelNotFoundError extends Error {
  constructor(id: string) {
    super(`Local model ${id} does not exist in this workspace (deleted?): choose another in the node's config`);
  }
}

const columns = { id: true, name: true, task: true, path: true } as const;

export async function listLocalModels(db: Db, workspaceId: string): Promise<LocalModelRow[]> {
  const rows = await db.localModel.findMany({ where: { workspaceId }, select: columns, orderBy: { name: "asc" } });
  return rows.map((r) => ({ ...r, task: r.task as LocalModelTask }));
}

/** Checks the folder, then saves it; the check's findings come back for the page to show. */
export async function registerLocalModel(db: Db, workspaceId: string, input: LocalModelInput): Promise<LocalModelRow & { check: FolderCheck }> {
  const check = await checkModelFolder(input.path, input.task);
  const row = await db.localModel.create({ data: { workspaceId, ...input }, select: columns });
  return { ...row, task: row.task as LocalModelTask, check };
}

export async function deleteLocalModel(db: Db, workspaceId: string, id: string): Promise<void> {
  const { count } = await db.localModel.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw new LocalModelNotFoundError(id);
}

export async function resolveLocalModel(db: Db, workspaceId: string, id: string): Promise<LocalModelRow> {
  const row = await db.localModel.findFirst({ where: { id, workspaceId }, select: columns });
  if (!row) throw new LocalModelNotFoundError(id);
  return { ...row, task: row.task as LocalModelTask };
}
