// Cost estimates for model tokens: list prices in US dollars per million tokens, (input, output),
// as published by each provider. Input and output tokens are priced at their own list prices; tokens
// traced before spans kept the split (a total only) assume the 3:1 input:output mix typical of
// answering from retrieved passages. It is an estimate, shown as one. A model not in the table has no
// estimate rather than a guessed one.
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

/** A token count: the total, and as much of it as is known to be input or output. */
export interface TokenUsage {
  tokens: number;
  inputTokens: number;
  outputTokens: number;
}

function listPrice(model: string): [input: number, output: number] | null {
  const name = model.trim().toLowerCase().replace(/^.*\//, "");
  // Longest prefix first: "gpt-4o-mini" must not be priced as "gpt-4o".
  const match = [...PER_MILLION].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => name.startsWith(prefix));
  return match ? [match[1], match[2]] : null;
}

/** US dollars per million tokens at the assumed mix, or null for a model without a list price. */
export function blendedPricePerMillion(model: string): number | null {
  const price = listPrice(model);
  return price ? price[0] * INPUT_SHARE + price[1] * (1 - INPUT_SHARE) : null;
}

/**
 * Estimated US dollars for a model's tokens; null when the model is unknown or no model was called.
 * Sums over old and new rows work too: whatever part of the total has no split is priced at the mix.
 */
export function estimateCostUsd(model: string | null, usage: TokenUsage): number | null {
  if (usage.tokens <= 0) return 0;
  const price = model ? listPrice(model) : null;
  if (!price) return null;
  const unsplit = Math.max(0, usage.tokens - usage.inputTokens - usage.outputTokens);
  const blended = price[0] * INPUT_SHARE + price[1] * (1 - INPUT_SHARE);
  return (usage.inputTokens * price[0] + usage.outputTokens * price[1] + unsplit * blended) / 1_000_000;
}
