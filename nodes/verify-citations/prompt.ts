// The default prompt of the LLM judge, shown (and editable) in the node's config. Pure.

export const judgePromptDefault =
  "You check whether cited sources support the sentences of an answer. For each numbered sentence, read only the " +
  "passages given with it and decide: entailment (the passages state it, or it follows directly), contradiction (the " +
  "passages state otherwise), or neutral (the passages do not settle it). Do not use outside knowledge. Numbers, names " +
  "and negations must match exactly. Give a score from 0 to 1 for how sure you are that the sentence is supported.\n\n{items}";
