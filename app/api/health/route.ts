import { ready } from "@/server/bootstrap";
import { describeDatabase } from "@/server/db/client";
import { runSlots } from "@/server/runtime/run-slots";
import { traceWriterFor } from "@/server/runtime/trace-writer";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ready once the database is migrated and seeded; otherwise 503 with the reason (e.g. no pgvector). */
export async function GET() {
  try {
    const db = await ready();
    // Runs this server ended vs runs whose whole trace is written (issue 6: no trace is lost), and
    // how many runs compute or wait their turn (run-slots.ts).
    return Response.json({ ok: true, database: describeDatabase(), traces: traceWriterFor(db).stats(), runs: runSlots().stats() });
  } catch (error) {
    return Response.json({ ok: false, database: describeDatabase(), error: (error as Error).message }, { status: 503 });
  }
}
