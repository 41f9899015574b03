// The one analyser behind BM25 indexing, BM25 queries and extractive-answer scoring: the same text
// always yields the same terms, so a question and a passage meet on equal footing.
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

// Function characters that carry no topic; everything else CJK is kept as unigram and bigram.
const cjkStopwords = new Set("的了是在和与及或吗呢吧啊么之其而".split(""));

// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
const cjkClass = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const cjkChar = new RegExp(`[${cjkClass}]`, "u");
const wordChar = `(?:(?![${cjkClass}])[\\p{L}\\p{N}])`;
const run = new RegExp(`[${cjkClass}]+|${wordChar}+(?:['’]${wordChar}+)*`, "gu");

function pushCjk(out: string[], text: string): void {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    if (!cjkStopwords.has(chars[i])) out.push(chars[i]);
    if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
  }
}

function pushWord(out: string[], word: string): void {
  const bare = word.replace(/['’].*$/u, "");
  if (bare.length === 0 || englishStopwords.has(bare)) return;
  if (bare.length === 1 && !/\p{N}/u.test(bare)) return;
  out.push(/^[a-z]+$/.test(bare) ? stem(bare) : bare);
}

/** Terms of `text` in order of appearance (repeats kept: BM25 counts them). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(run)) {
    const piece = match[0];
    if (cjkChar.test(piece)) pushCjk(out, piece);
    else pushWord(out, piece);
  }
  return out;
}
