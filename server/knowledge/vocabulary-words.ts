// Whole words of a text, for the methods that reason about words rather than index terms: keywords
// shown to a person, noun phrases carried between chat turns. Chinese is segmented by jieba (with its
// part-of-speech tags); other scripts split on word boundaries.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { tokenizeWord } from "./tokenize";

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export interface TaggedWord {
  readonly word: string;
  /** jieba's part of speech (n, nr, ns, v, ...); "eng" for Latin-script words, "m" for numbers. */
  readonly tag: string;
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function hasCjk(text: string): boolean {
  return cjk.test(text);
}

// jieba cuts each run of the characters it segments (CJK ideographs, ASCII letters and digits,
// "+#&._%-") on its own and emits every other character alone, so a text's words are its
// whitespace-separated pieces' words in order. Pieces recur far more than texts: each is tagged once
// per process and remembered (bounded: emptied when full); the words are shared, never mutated.
const pieceWords = new Map<string, readonly TaggedWord[]>();
const PIECES_KEPT = 100_000;

function wordsOfPiece(piece: string): readonly TaggedWord[] {
  let words = pieceWords.get(piece);
  if (!words) {
    if (pieceWords.size >= PIECES_KEPT) pieceWords.clear();
    words = segmenter()
      .tag(piece)
      .map(({ word, tag }) => ({ word: word.trim(), tag }))
      .filter(({ word }) => /[\p{L}\p{N}]/u.test(word));
    pieceWords.set(piece, words);
  }
  return words;
}

/** Every word of `text` in order, punctuation dropped, with its part of speech. */
export function taggedWords(text: string): TaggedWord[] {
  const words: TaggedWord[] = [];
  for (const piece of text.normalize("NFKC").split(/\s+/)) if (piece !== "") words.push(...wordsOfPiece(piece));
  return words;
}

// Whether a word is a content word depends on the word alone: each is decided once (bounded: emptied when full).
const contentWordsSeen = new Map<string, boolean>();
const WORDS_KEPT = 100_000;

/** A word that names something a search can find: at least one index term survives analysis. */
export function isContentWord(word: string): boolean {
  let content = contentWordsSeen.get(word);
  if (content === undefined) {
    if (contentWordsSeen.size >= WORDS_KEPT) contentWordsSeen.clear();
    content = tokenizeWord(word).length > 0 && !functionWords.has(word);
    contentWordsSeen.set(word, content);
  }
  return content;
}

// Chinese words with no topic of their own (question words, pronouns, auxiliaries, degree words);
// the analyser keeps them as bigrams, but as keywords or carried topics they only add noise.
const functionWords = new Set(
  (
    "什么 怎么 怎么办 怎样 如何 为什么 为何 哪些 哪个 哪里 多少 多久 是否 能否 可以 可不可以 能不能 需要 需不需要 " +
    "应该 要不要 有没有 会不会 是不是 我 你 他 她 它 我们 你们 他们 她们 它们 自己 这 那 这个 那个 这些 那些 这样 " +
    "那样 这种 那种 其 该 此 吗 呢 吧 啊 呀 的 了 着 过 也 都 就 还 又 很 太 最 更 被 把 让 给 对 向 从 在 和 与 及 " +
    "或 或者 如果 但是 因为 所以 有 没有 是 不 没 会 能 要 想 请问 请 一下 一个 现在 知道 觉得 情况 问题 谢谢 您好 你好"
  ).split(" "),
);

/** The content words of `text`, in order, repeats kept. */
export function contentWords(text: string): string[] {
  return taggedWords(text)
    .map(({ word }) => word.toLowerCase())
    .filter(isContentWord);
}
