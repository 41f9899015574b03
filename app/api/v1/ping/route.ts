export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Fixed JSON, touching nothing: the floor the endpoint benchmark compares a pipeline call with.
export function GET() {
  return Response.json({ ok: true });
}
