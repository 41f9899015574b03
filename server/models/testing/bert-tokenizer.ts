// The tokenizer files of the suite's tiny BERT-like fixtures: a lower-casing WordPiece tokenizer over a
// given vocabulary (which must hold the five special tokens), with BERT's [CLS] A [SEP] B [SEP] template.

const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const cls = { SpecialToken: { id: "[CLS]", type_id: 0 } };
const sep = (typeId: number) => ({ SpecialToken: { id: "[SEP]", type_id: typeId } });

/** tokenizer.json for `vocabulary` (token id = index). */
export function bertTokenizerJson(vocabulary: readonly string[]) {
  const id = (token: string) => vocabulary.indexOf(token);
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specials.map((t) => special(t, id(t))),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [cls, { Sequence: { id: "A", type_id: 0 } }, sep(0)],
      pair: [cls, { Sequence: { id: "A", type_id: 0 } }, sep(0), { Sequence: { id: "B", type_id: 1 } }, sep(1)],
      special_tokens: Object.fromEntries(["[CLS]", "[SEP]"].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: Object.fromEntries(vocabulary.map((w, i) => [w, i])) },
  };
}

export const bertTokenizerConfig = {
  tokenizer_class: "BertTokenizer",
  do_lower_case: true,
  model_max_length: 512,
  cls_token: "[CLS]",
  sep_token: "[SEP]",
  pad_token: "[PAD]",
  unk_token: "[UNK]",
  mask_token: "[MASK]",
};
