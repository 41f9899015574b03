import type { Category } from "@/nodes/define";

/** Each palette category's accent, used on palette entries and node card headers. */
export const categoryColor: Record<Category, string> = {
  input: "#2563eb",
  ingestion: "#a16207",
  chunking: "#ca8a04",
  query: "#7c3aed",
  retrieval: "#16a34a",
  selection: "#0891b2",
  generation: "#dc2626",
  verification: "#0d9488",
  output: "#475569",
};
