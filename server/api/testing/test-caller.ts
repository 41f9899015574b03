// Tests call the API as the console would: one place builds the caller's context.
import type { Db } from "@/server/db/client";
import { appRouter } from "../root";

export function testCaller(db: Db, workspaceId: string) {
  return appRouter.createCaller({ db, workspaceId });
}
