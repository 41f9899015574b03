// The ways a lexically similar text says something else, read from the raw text: a number or a name
// one side states and the other does not, a negation, a direction (more/less), an antonym swapped in,
// and an absolute word ("only", "always", 唯一) the passage never commits to. English and Chinese.
import { perText } from "@/nodes/text-memo";

const englishNegation = /\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without|fails?|failed|lack(?:s|ed|ing)?|absence|absent)\b|n't\b/gi;
// Chinese negation characters and words; 非常 ("very"), 无论 ("no matter"), 不仅/不但 ("not only") are not negations.
const chineseNegation = /(?:不(?![仅但过久])|没有?|无(?!论)|非(?!常)|未(?!来)|别(?![人的])|莫|勿|否)/g;
// A number standing on its own: the digits in "TMEM27", "B12" or "HIV-1" are part of a name, not a quantity.
const numberPattern =
  /(?<![\p{L}\d][-‐]?)\d+(?:[.,]\d+)*|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|twice|double|triple)\b|[零一二三四五六七八九十百千万亿两]+(?=[个岁年月日天次周%％人元块倍])/giu;
const entityPattern = /\b(?:[A-Z][a-z]*[A-Z0-9][A-Za-z0-9-]*|[A-Z]{2,}[0-9]*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b/g;

// Words that point one way or the other: "reduced" against "increased" reverses a claim as
// surely as a "not" does.
const upward =
  /\b(?:increas\w*|higher|more|greater|rais\w*|rise[sn]?|rising|rose|elevat\w*|improv\w*|enhanc\w*|promot\w*|encourag\w*|enabl\w*|accelerat\w*|activat\w*|induc\w*|stimulat\w*|augment\w*|boost\w*|amplif\w*|exacerbat\w*|superior|up-?regulat\w*|gain\w*|positive(?:ly)?)\b|增加|增多|升高|提高|上升|更多|更高|促进|改善|增强|加快|扩大/gi;
const downward =
  /\b(?:decreas\w*|reduc\w*|lower|less|fewer|smaller|declin\w*|inhibit\w*|suppress\w*|impair\w*|worsen\w*|prevent\w*|imped\w*|slow\w*|halt\w*|block\w*|deactivat\w*|inactivat\w*|disrupt\w*|damag\w*|attenuat\w*|abolish\w*|diminish\w*|weaken\w*|inferior|drop\w*|fall(?:s|en)?|fell|down-?regulat\w*|los[st]\w*|negative(?:ly)?)\b|减少|降低|下降|更少|更低|抑制|恶化|减弱|减缓|缩小/gi;

// Words that claim more than a passage usually states: a sentence adding one is often unsupported.
const absolutes = /\b(?:only|always|never|all|every|entirely|completely|must|sole(?:ly)?)\b|唯一|只有|一直|总是|从来|所有|全部|一定|必须|完全|都|最/gi;

// Words that give a cause or a possibility: a sentence adding one claims more than what happened.
const reasons = /\b(?:because|since|therefore|thus|hence|due to|caus(?:e|es|ed|ing)|leads? to|may|might|could|possibly|probably|perhaps)\b|因为|所以|由于|因此|导致|可能|也许|或许|大概|应该是/gi;

// Pairs of words where one side replacing the other reverses a statement; matched as whole words in
// English and as substrings in Chinese (where words are not delimited).
const antonymPairs: Array<[string, string]> = [
  ["always", "never"], ["all", "none"], ["true", "false"], ["success", "failure"], ["succeeded", "failed"], ["allowed", "prohibited"],
  ["safe", "unsafe"], ["effective", "ineffective"], ["present", "absent"], ["before", "after"], ["male", "female"], ["early", "late"],
  ["benign", "malignant"], ["same", "different"], ["similar", "different"], ["increase", "decrease"], ["accept", "reject"], ["win", "lose"],
  ["suppressor", "enhancer"], ["activates", "inhibits"], ["protects", "promotes"], ["harmful", "beneficial"], ["risk", "protective"],
  ["高", "低"], ["多", "少"], ["大", "小"], ["早", "晚"], ["长", "短"], ["快", "慢"], ["男", "女"], ["赢", "输"], ["胜", "负"], ["买", "卖"],
  ["真", "假"], ["新", "旧"], ["好", "坏"], ["喜欢", "讨厌"], ["成功", "失败"], ["同意", "反对"], ["允许", "禁止"], ["所有", "部分"], ["全部", "部分"],
  ["总是", "从不"], ["经常", "很少"], ["以前", "以后"], ["之前", "之后"], ["白天", "晚上"], ["冷", "热"], ["难", "易"], ["老", "年轻"], ["第一", "最后"],
  ["上午", "下午"], ["今天", "明天"], ["昨天", "今天"], ["去年", "今年"], ["开心", "难过"], ["容易", "困难"], ["增加", "减少"], ["提高", "降低"],
];

const isEnglish = (word: string) => /^[a-z]/.test(word);

// Each English word's whole-word pattern, made once: the words come from the fixed lists above.
const wholeWords = new Map<string, RegExp>();

function contains(text: string, word: string): boolean {
  if (!isEnglish(word)) return text.includes(word);
  let pattern = wholeWords.get(word);
  if (!pattern) {
    pattern = new RegExp(`\\b${word}\\b`, "i");
    wholeWords.set(word, pattern);
  }
  return pattern.test(text);
}

// Every English word of the pairs as one whole-word pattern. The words are all letters, so each match
// is a whole word on its own and a scan finds exactly the words `contains` would: one pass over a
// text instead of a pattern per word.
const englishAntonyms = new RegExp(`\\b(?:${[...new Set(antonymPairs.flat().filter(isEnglish))].join("|")})\\b`, "gi");

/** An antonym swap: the sentence says one side where the passage says only the other. */
export function antonymSwap(sentence: string, passage: string): [string, string] | undefined {
  const english = new Set(Array.from(sentence.matchAll(englishAntonyms), (m) => m[0].toLowerCase()));
  const says = (word: string) => (isEnglish(word) ? english.has(word) : sentence.includes(word));
  const swapped = (said: string, other: string) => says(said) && !says(other) && contains(passage, other) && !contains(passage, said);
  for (const [a, b] of antonymPairs) {
    if (swapped(a, b)) return [a, b];
    if (swapped(b, a)) return [b, a];
  }
  return undefined;
}

/** An acronym the passage spells out: "CKD" for "chronic kidney disease". */
function spelledOut(acronym: string, passage: string): boolean {
  if (!/^[a-z]{2,6}$/i.test(acronym)) return false;
  return initialsOf(passage).includes(acronym.toLowerCase());
}

/** +1 if the text says something rises, −1 if it falls, 0 if neither or both. */
export function direction(text: string): number {
  return Math.sign((text.match(upward)?.length ?? 0) - (text.match(downward)?.length ?? 0));
}

// A negating prefix: "unchanged", "independent", "inactive", "dissociated".
const prefixed = /\b(?:un|in|im|ir|non|dis)-?([a-z]{4,})\b/gi;

// Words of `text` negated by a prefix whose root `other` uses bare: "inactive" against "active".
function prefixNegations(text: string, other: string): number {
  let words: Set<string> | undefined;
  let count = 0;
  for (const [word, root] of text.toLowerCase().matchAll(prefixed)) {
    words ??= new Set(other.toLowerCase().match(/[a-z]+/g) ?? []);
    const stem = root.slice(0, 5);
    if (!words.has(word) && startsAny(words, stem)) count++;
  }
  return count;
}

function startsAny(words: ReadonlySet<string>, stem: string): boolean {
  for (const word of words) if (word.startsWith(stem)) return true;
  return false;
}

/** Whether the text is negated, as read against the text it is compared with: an odd number of
 * negations (a double negation affirms), a prefix counting where the other text has the bare root. */
export function negated(text: string, other = ""): boolean {
  return ((text.match(englishNegation)?.length ?? 0) + (text.match(chineseNegation)?.length ?? 0) + prefixNegations(text, other)) % 2 === 1;
}

function numbers(text: string): Set<string> {
  return new Set((text.match(numberPattern) ?? []).map((n) => n.replace(/,/g, "").toLowerCase()));
}

// The passage side of a cue depends on the passage's text alone: read once per text.
const lowerOf = perText((passage) => passage.toLowerCase());
const numbersIn: (passage: string) => ReadonlySet<string> = perText(numbers);
const initialsOf = perText((passage) =>
  lowerOf(passage)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join(""),
);

/** Numbers the sentence states and the passage does not. */
export function missingNumbers(sentence: string, passage: string): string[] {
  const stated = numbersIn(passage);
  const lower = lowerOf(passage);
  return [...numbers(sentence)].filter((n) => !stated.has(n) && !lower.includes(n));
}

/** Names (acronyms, CamelCase, capitalised runs) the sentence uses and the passage neither mentions nor spells out. */
export function missingEntities(sentence: string, passage: string): string[] {
  const lower = lowerOf(passage);
  const named = new Set((sentence.match(entityPattern) ?? []).map((e) => e.toLowerCase()));
  return [...named].filter((e) => !lower.includes(e) && !spelledOut(e, passage));
}

function added(pattern: RegExp, sentence: string, passage: string): string[] {
  const lower = lowerOf(passage);
  return [...new Set((sentence.match(pattern) ?? []).map((w) => w.toLowerCase()))].filter((w) => !contains(lower, w));
}

/** Absolute words ("only", 唯一) the sentence uses and the passage does not. */
export function addedAbsolutes(sentence: string, passage: string): string[] {
  return added(absolutes, sentence, passage);
}

/** Words of cause or possibility ("because", 可能) the sentence uses and the passage does not. */
export function addedReasons(sentence: string, passage: string): string[] {
  return added(reasons, sentence, passage);
}
