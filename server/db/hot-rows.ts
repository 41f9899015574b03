// A hot-path statement (a published run's reads, its key's counter UPSERT) sent straight to the pg pool on a real
// PostgreSQL, as a named statement: Prisma's query compiler and result mapping cost more Node CPU per
// statement than the statement itself, and a named statement is parsed and planned once per
// connection instead of on every call. The embedded PGlite has one connection and no such load: it
// keeps Prisma's path. Only for statements whose columns are cast to types pg and Prisma read alike
// (text, float8, int, json) and whose text is one of a few shapes (the name is the text's hash).
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "@/server/db/generated/client";
import { sqlTargetOf, type Db } from "./client";

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `gw_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** A statement on the pg pool, named by its text's hash (the trace writer's batches use it too). */
export function poolQuery(pool: pg.Pool, text: string, values: unknown[]) {
  return pool.query({ name: statementName(text), text, values });
}

export async function hotRows<Row>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const target = sqlTargetOf(db);
  if (target instanceof pg.Pool) return (await poolQuery(target, query.text, query.values)).rows as Row[];
  return db.$queryRaw<Row[]>(query);
}
