// Chunk embeddings need pgvector. A configured server without it must stop the app at start-up with
// a message that says what to install, not fail later inside a migration or a query.
import type { SqlSession } from "./sql-session";

export async function assertPgvectorAvailable(session: SqlSession, where: string): Promise<void> {
  const [row] = await session.query<{ available: boolean; version: number }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available,
            current_setting('server_version_num')::int AS version`,
  );
  if (!row.available) throw new Error(missingPgvectorMessage(where, row.version));
}

/** `serverVersionNum` is PostgreSQL's `server_version_num`, e.g. 150020 for 15.20. */
export function missingPgvectorMessage(where: string, serverVersionNum: number): string {
  const major = Math.floor(serverVersionNum / 10000);
  return (
    `The ${where} lacks the pgvector extension, which Groundwork needs for embeddings: install it on that server, ` +
    `e.g. \`apt-get install postgresql-${major}-pgvector\` (Debian/Ubuntu with the PGDG repository), ` +
    "or on Debian 12 run `.ci/ensure-pgvector.sh` as root to build it from source, " +
    "or see https://github.com/pgvector/pgvector#installation; then restart Groundwork. " +
    "Unset DATABASE_URL to use the embedded database instead, which includes pgvector."
  );
}
