// How a span's or a run's tokens read in the trace: input and output apart when the split is known;
// the total alone for what was traced before spans kept it (its cost is then an estimate at a mix).

export type TokenCounts = { tokens: number; inputTokens?: number; outputTokens?: number };

const number = (n: number) => n.toLocaleString("en-US");

/** "1,200 in / 80 out", or "1,280" when the split is not known. */
export function formatTokens({ tokens, inputTokens = 0, outputTokens = 0 }: TokenCounts): string {
  if (tokens > 0 && inputTokens + outputTokens === tokens) return `${number(inputTokens)} in / ${number(outputTokens)} out`;
  return number(tokens);
}
