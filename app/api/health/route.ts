import { ready } from "@/server/bootstrap";
import { describeDatabase } from "@/server/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ready once the database is migrated and seeded; otherwise 503 with the reason (e.g. no pgvector). */
export async function GET() {
  try {
    await ready();
    return Response.json({ ok: true, database: describeDatabase() });
  } catch (error) {
    return Response.json({ ok: false, database: describeDatabase(), error: (error as Error).message }, { status: 503 });
  }
}
