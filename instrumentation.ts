// Runs once when the server starts: migrate and seed before the first request, and say plainly
// which database is in use, or why it cannot be used (for example a server without pgvector).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ ready }, { describeDatabase }] = await Promise.all([import("@/server/bootstrap"), import("@/server/db/client")]);
  try {
    await ready();
    console.log(`Groundwork: database ready (${describeDatabase()})`);
    // Runs past their pipeline's retention period are deleted hourly (server/traces/retention.ts).
    (await import("@/server/traces/retention")).startRetentionSweep(ready);
  } catch (error) {
    console.error(`Groundwork cannot start on ${describeDatabase()}: ${(error as Error).message}`);
  }
}
