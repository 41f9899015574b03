// The one analyser behind BM25 indexing, BM25 queries, LSA and extractive-answer scoring: the same
// text always yields the same terms, so a question and a passage meet on equal footing. Each run of
// text is analysed by its script: Chinese with jieba's search-mode cut (whole words and the shorter
// words inside them), other scripts as words with English stopwords dropped and Porter stems.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { stem } from "./stem";

const englishStopwords = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not now of off on once only or other our ours ourselves out over own same she should " +
    "so some such than that the their theirs them themselves then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves also may might must shall much many often s t"
  ).split(" "),
);

// Particles, pronouns and question words: they carry no topic, and laypeople's questions are full of them.
const chineseStopwords = new Set(
  (
    "的 了 是 在 和 与 及 或 吗 呢 吧 啊 么 之 其 而 也 都 就 被 把 对 从 向 于 以 为 着 过 这 那 " +
    "我 你 他 她 它 我们 你们 他们 什么 怎么 怎样 怎么办 如何 哪些 哪个 为什么 请问 是否 一下 这个 那个"
  ).split(" "),
);

// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
const cjkClass = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const cjkChar = new RegExp(`[${cjkClass}]`, "u");
// A letter or digit of any other script: one class by set subtraction (the `v` flag), which is
// several times faster than a per-character lookahead and matches exactly the same characters.
const wordChar = `[[\\p{L}\\p{N}]--[${cjkClass}]]`;
const run = new RegExp(`[${cjkClass}]+|${wordChar}+(?:['’]${wordChar}+)*`, "gv");

// The dictionary takes a moment to load: only when the first Chinese text arrives, then once.
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

function pushCjk(out: string[], text: string): void {
  for (const word of segmenter().cutForSearch(text, true)) {
    if (!chineseStopwords.has(word)) out.push(word);
  }
}

// A word's term (its stem, or nothing for a stopword) is most of the analyser's time on English text,
// and a base's vocabulary is small: each distinct run is analysed once per process and remembered,
// "" meaning "no term" (bounded: emptied when full, so an odd stream cannot grow it).
const wordTerms = new Map<string, string>();
const WORDS_KEPT = 100_000;

function termOfWord(word: string): string {
  const bare = word.replace(/['’].*$/u, "");
  if (bare.length === 0 || englishStopwords.has(bare)) return "";
  if (bare.length === 1 && !/\p{N}/u.test(bare)) return "";
  return /^[a-z]+$/.test(bare) ? stem(bare) : bare;
}

function pushWord(out: string[], word: string): void {
  let term = wordTerms.get(word);
  if (term === undefined) {
    if (wordTerms.size >= WORDS_KEPT) wordTerms.clear();
    term = termOfWord(word);
    wordTerms.set(word, term);
  }
  if (term !== "") out.push(term);
}

// Every code point of the CJK scripts lies at or above U+1100 (Hangul Jamo): a run starting below it
// is a word run, and `run` never mixes the two kinds in one match.
const FIRST_CJK = 0x1100;

/** Terms of `text` in order of appearance (repeats kept: BM25 counts them); the language is read from each run's script. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(run)) {
    const piece = match[0];
    if (piece.charCodeAt(0) >= FIRST_CJK && cjkChar.test(piece)) pushCjk(out, piece);
    else pushWord(out, piece);
  }
  return out;
}

// A question's words are analysed one by one by several readers of one run (the guard's coverage,
// the vocabulary's counts), and a base's questions share their words: each word's terms are kept
// (bounded: emptied when full). Frozen, since every caller shares them.
const termsOfWords = new Map<string, readonly string[]>();

/** `tokenize(word)` for a single word, remembered per process. */
export function tokenizeWord(word: string): readonly string[] {
  let terms = termsOfWords.get(word);
  if (terms === undefined) {
    if (termsOfWords.size >= WORDS_KEPT) termsOfWords.clear();
    terms = Object.freeze(tokenize(word));
    termsOfWords.set(word, terms);
  }
  return terms;
}

/**
 * The terms BM25 indexes for one chunk: its text's, after the document title's and heading path's
 * repeated `fieldWeight` times, so a term in the title counts as much as `fieldWeight` in the text
 * (BEIR's title + text, weighted). Written to `Chunk.tokens`.
 */
export function chunkTokens(text: string, fields: { title?: string; heading?: string[]; fieldWeight?: number } = {}): string[] {
  const fieldTerms = tokenize([fields.title ?? "", ...(fields.heading ?? [])].join("\n"));
  const weighted: string[] = [];
  for (let i = 0; i < (fields.fieldWeight ?? 1); i++) weighted.push(...fieldTerms);
  return [...weighted, ...tokenize(text)];
}
