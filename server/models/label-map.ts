// Maps a classifier's own label names (config.json id2label) onto the verdicts Groundwork uses.
// NLI exports spell them differently ("ENTAILMENT", "entailment", "LABEL_0" with a documented order),
// so unknown spellings are an error naming what was found rather than a silent guess.

export type NliLabel = "entailment" | "neutral" | "contradiction";

const spellings: Record<NliLabel, RegExp> = {
  entailment: /^(entail(ment|ed|s)?|support(s|ed)?|yes)$/i,
  neutral: /^(neutral|not[_ ]?enough[_ ]?info|nei|unknown)$/i,
  contradiction: /^(contradict(ion|s|ed)?|refute(s|d)?|no)$/i,
};

/** The NLI label of each output index; every output must be one of the three. */
export function nliLabels(id2label: Record<string, string>, outputs: number): NliLabel[] {
  return Array.from({ length: outputs }, (_, i) => {
    const name = id2label[String(i)];
    if (name === undefined) throw new Error(`config.json id2label names no label for output ${i}`);
    const label = (Object.keys(spellings) as NliLabel[]).find((l) => spellings[l].test(name.trim()));
    if (!label) throw new Error(`config.json label "${name}" (output ${i}) is not entailment, neutral or contradiction: this folder is not an NLI model`);
    return label;
  });
}

/**
 * Which output of a reranker means "relevant": the only one for a single-logit cross-encoder, else the
 * one named relevant/entailment/positive, else the last (binary classifiers put the positive class last).
 */
export function relevantOutput(id2label: Record<string, string>, outputs: number): number {
  if (outputs === 1) return 0;
  for (let i = 0; i < outputs; i++) if (/^(relevant|entail(ment)?|positive|yes|true)$/i.test((id2label[String(i)] ?? "").trim())) return i;
  return outputs - 1;
}
