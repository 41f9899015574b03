// Cost estimates for model tokens: list prices in US dollars per million tokens, (input, output),
// as published by each provider. Spans record one token count (input and output summed), so the
// estimate assumes the 3:1 input:output mix typical of answering from retrieved passages; it is an
// estimate, shown as one. A model not in the table has no estimate rather than a guessed one.
const PER_MILLION: [prefix: string, input: number, output: number][] = [
  ["gpt-4.1-nano", 0.1, 0.4],
  ["gpt-4.1-mini", 0.4, 1.6],
  ["gpt-4.1", 2, 8],
  ["gpt-4o-mini", 0.15, 0.6],
  ["gpt-4o", 2.5, 10],
  ["gpt-5-nano", 0.05, 0.4],
  ["gpt-5-mini", 0.25, 2],
  ["gpt-5", 1.25, 10],
  ["o4-mini", 1.1, 4.4],
  ["o3-mini", 1.1, 4.4],
  ["o3", 2, 8],
  ["deepseek-chat", 0.27, 1.1],
  ["deepseek-reasoner", 0.55, 2.19],
  ["qwen-turbo", 0.05, 0.2],
  ["qwen-plus", 0.4, 1.2],
  ["qwen-max", 1.6, 6.4],
];

const INPUT_SHARE = 0.75;

/** US dollars per million tokens at the assumed mix, or null for a model without a list price. */
export function blendedPricePerMillion(model: string): number | null {
  const name = model.trim().toLowerCase().replace(/^.*\//, "");
  // Longest prefix first: "gpt-4o-mini" must not be priced as "gpt-4o".
  const match = [...PER_MILLION].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => name.startsWith(prefix));
  return match ? match[1] * INPUT_SHARE + match[2] * (1 - INPUT_SHARE) : null;
}

/** Estimated US dollars for `tokens` of `model`; null when the model is unknown or no model was called. */
export function estimateCostUsd(model: string | null, tokens: number): number | null {
  if (!model || tokens <= 0) return tokens <= 0 ? 0 : null;
  const price = blendedPricePerMillion(model);
  return price === null ? null : (tokens * price) / 1_000_000;
}
