// The passages a run's spans carried, found by their port schema wherever they sit in a span's
// inputs or outputs, so a citation can link to the passage it quotes (with its score and anchor).
import { z } from "zod";
import { passage as passageSchema, type Passage } from "@/nodes/ports";

const passageList = z.array(passageSchema);

/** Every passage list among a span's named values (e.g. `{ passages: [...] }`). */
export function passageLists(values: unknown): { port: string; passages: Passage[] }[] {
  if (!values || typeof values !== "object") return [];
  const lists: { port: string; passages: Passage[] }[] = [];
  for (const [port, value] of Object.entries(values)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const parsed = passageList.safeParse(value);
    if (parsed.success) lists.push({ port, passages: parsed.data });
  }
  return lists;
}

/** Each passage id's last-seen version across the spans in order (the one nearest the answer). */
export function passagesById(spans: { inputs: unknown; outputs: unknown }[]): Map<string, Passage> {
  const byId = new Map<string, Passage>();
  for (const span of spans) {
    for (const list of [...passageLists(span.inputs), ...passageLists(span.outputs)]) {
      for (const passage of list.passages) byId.set(passage.id, passage);
    }
  }
  return byId;
}
