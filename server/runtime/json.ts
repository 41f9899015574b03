// Objects headed for a JSON column. Port values are plain data, but a `json` port may carry anything:
// a bigint becomes its digits, and a value JSON cannot carry at all (a cycle) becomes a note saying so,
// rather than a write that fails on every retry.
import type { Prisma } from "@/server/db/generated/client";

export function toJson(value: object): Prisma.InputJsonValue {
  try {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
  } catch (error) {
    return { unserializable: error instanceof Error ? error.message : String(error) };
  }
}
