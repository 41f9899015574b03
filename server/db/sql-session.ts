// One way to send raw SQL to either database: the embedded PGlite or a real PostgreSQL (pg Pool or
// Client). The migration runner, the pgvector check and the schema-drift check speak only this.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type SqlTarget = PGlite | pg.Pool | pg.ClientBase;

export interface SqlSession {
  /** One statement, with $1… parameters. */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, no parameters. */
  exec(script: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

/** Runs `fn` on one connection held for its whole duration (session-level locks stay valid). */
export async function withSqlSession<T>(target: SqlTarget, fn: (session: SqlSession) => Promise<T>): Promise<T> {
  if (target instanceof PGlite) return fn(pgliteSession(target));
  if (target instanceof pg.Pool) {
    const client = await target.connect();
    try {
      return await fn(pgSession(client));
    } finally {
      client.release();
    }
  }
  return fn(pgSession(target));
}

type PGliteQueryable = Pick<PGlite, "query" | "exec">;

function pgliteSession(db: PGlite): SqlSession {
  return {
    ...pgliteQueries(db),
    // PGlite has one connection; its own transaction() holds every other caller back until the end.
    transaction: (fn) => db.transaction((tx) => fn({ ...pgliteQueries(tx), transaction: nestedTransaction })),
  };
}

function pgliteQueries(db: PGliteQueryable): Omit<SqlSession, "transaction"> {
  return {
    query: async <Row extends object>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
    exec: async (script) => {
      await db.exec(script);
    },
  };
}

function pgSession(client: pg.ClientBase): SqlSession {
  const session: SqlSession = {
    query: async <Row extends object>(sql: string, params?: unknown[]) =>
      (await client.query<Row & pg.QueryResultRow>(sql, params)).rows,
    exec: async (script) => {
      await client.query(script);
    },
    transaction: async (fn) => {
      await client.query("BEGIN");
      try {
        const result = await fn({ ...session, transaction: nestedTransaction });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
  return session;
}

function nestedTransaction(): never {
  throw new Error("SqlSession.transaction: nested transactions are not supported; run the work in the outer transaction");
}
