// A hot-path read (a published run's retrieval statements) sent straight to the pg pool on a real
// PostgreSQL: Prisma's query compiler and result mapping cost more Node CPU per statement than the
// statement itself. The embedded PGlite has one connection and no such load: it keeps Prisma's path.
// Only for statements whose columns are cast to types pg and Prisma read alike (text, float8, int, json).
import pg from "pg";
import type { Prisma } from "@/server/db/generated/client";
import { sqlTargetOf, type Db } from "./client";

export async function hotRows<Row>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const target = sqlTargetOf(db);
  if (target instanceof pg.Pool) return (await target.query(query.text, query.values)).rows as Row[];
  return db.$queryRaw<Row[]>(query);
}
