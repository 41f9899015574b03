// The offline rewrite: an elliptical follow-up ("明天有雨吗", "How much can they charge for it?") is
// made standalone by carrying the salient noun phrase of the earlier turns into it, in place of a
// pronoun when there is one, otherwise in front of it (Chinese; after its final verb when it names
// nothing and ends in a verb that lost its object: "我现在就要" → "我现在就要签名") or after it (other languages). The
// salient phrase is the noun phrase the conversation repeats most, the earliest on a tie: the topic
// is usually named first and then referred to. It cannot resolve what needs understanding
// ("why?" → "why are you sure he lived to 50"), only what a topic carried over fixes.
import type { Query } from "@/nodes/ports";
import { hasCjk, isContentWord, taggedWords, type TaggedWord } from "@/server/knowledge/vocabulary-words";

export interface Rewrite {
  question: string;
  /** The phrase carried from earlier turns, when one was. */
  carried?: string;
}

// Nouns, names, places, organisations, other proper nouns, nominal verbs, Latin-script words.
const nounTags = /^(?:n|nr|nrt|nrfg|ns|nt|nz|ng|vn|eng)$/;
const chinesePronoun = /^(?:它们|他们|她们|这个|那个|这些|那些|它|他|她|此|其|该|这|那)/;
// Only pronouns that stand for a thing: a carried topic is a thing, rarely the person who acts.
const englishPronoun = /\b(?:it|its|this|that|these|those)\b/i;
// A Chinese question opening with a preposition, verb, adverb or conjunction has dropped its subject.
const subjectlessStart = /^(?:p|v|vd|d|c)$/;

function nounPhrases(words: TaggedWord[]): string[] {
  const out: string[] = [];
  let current: TaggedWord[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current.map((w) => w.word).join(current.every((w) => w.tag === "eng") ? " " : ""));
    current = [];
  };
  for (const word of words) {
    if (nounTags.test(word.tag) && isContentWord(word.word)) current.push(word);
    else flush();
  }
  flush();
  return out;
}

/** The noun phrase the earlier turns name most often (then one the person asked about), absent from the question. */
export function salientPhrase(history: Query["history"], question: string): string | undefined {
  const counts = new Map<string, { count: number; first: number; asked: boolean }>();
  let position = 0;
  for (const turn of history) {
    for (const phrase of nounPhrases(taggedWords(turn.content))) {
      const key = phrase.toLowerCase();
      const seen = counts.get(key);
      if (seen) {
        seen.count++;
        seen.asked ||= turn.role === "user";
      } else counts.set(key, { count: 1, first: position, asked: turn.role === "user" });
      position++;
    }
  }
  const lowerQuestion = question.toLowerCase();
  const ranked = [...counts.entries()]
    .filter(([phrase]) => !lowerQuestion.includes(phrase))
    // Chinese names its topic first and drops it after; in English the topic is the object, named last.
    // What the person asked about outranks what the answer happened to mention.
    .sort((a, b) => b[1].count - a[1].count || Number(b[1].asked) - Number(a[1].asked) || (hasCjk(question) ? a[1].first - b[1].first : b[1].first - a[1].first));
  return ranked[0]?.[0];
}

export interface CarryOptions {
  /** Carry only into a question that names nothing itself (no noun phrase) or refers back (a pronoun). */
  onlyWhenElliptical?: boolean;
}

function refersBack(question: string): boolean {
  if (chinesePronoun.test(question) || englishPronoun.test(question)) return true;
  const first = hasCjk(question) ? taggedWords(question)[0] : undefined;
  return first !== undefined && subjectlessStart.test(first.tag);
}

// Sentence-final particles that may follow a dropped object ("我现在就要[签名]吗").
const finalParticles = new Set(["吗", "呢", "吧", "啊", "呀", "了", "么", "嘛", "哦", "啦"]);
const aspectParticles = new Set(["过", "了", "着"]);
// "好看", "难吃": verbs that describe, with no object to drop.
const adjectivalVerb = /^[好难]/u;

/** A Chinese question ending in a verb has dropped its object: the phrase goes after the verb (and its aspect particle). */
function afterFinalVerb(question: string, phrase: string): string | undefined {
  const normal = question.normalize("NFKC");
  // Offsets are read on the normalised text; they fit the original only when normalising kept its length.
  if (normal.length !== question.length) return undefined;
  const words = taggedWords(normal);
  let cursor = 0;
  const ends = words.map(({ word }) => {
    const at = normal.indexOf(word, cursor);
    cursor = at < 0 ? cursor : at + word.length;
    return cursor;
  });
  let last = words.length - 1;
  while (last >= 0 && finalParticles.has(words[last].word)) last--;
  let verb = last;
  if (verb > 0 && aspectParticles.has(words[verb].word)) verb--;
  if (verb < 0 || words[verb].tag !== "v" || adjectivalVerb.test(words[verb].word)) return undefined;
  // A passive verb ("能被治愈") has its object as the subject: the topic goes in front.
  if (words.slice(0, verb).some((w) => w.word === "被")) return undefined;
  // A question naming a thing of its own has its object; the topic it lacks is its subject.
  if (nounPhrases(words).length > 0) return undefined;
  return `${question.slice(0, ends[last])}${phrase}${question.slice(ends[last])}`;
}

export function carryTopic(query: Query, options: CarryOptions = {}): Rewrite {
  const question = query.question.trim();
  if (query.history.length === 0) return { question };
  if (options.onlyWhenElliptical && !refersBack(question) && nounPhrases(taggedWords(question)).length > 0) return { question };
  const phrase = salientPhrase(query.history, question);
  if (!phrase) return { question };
  if (hasCjk(question)) {
    const pronoun = question.match(chinesePronoun);
    if (!pronoun) {
      const object = afterFinalVerb(question, phrase);
      if (object) return { question: object, carried: phrase };
    }
    const rest = pronoun ? question.slice(pronoun[0].length) : question;
    return { question: `${phrase}${rest}`, carried: phrase };
  }
  if (englishPronoun.test(question)) {
    const replaced = question.replace(englishPronoun, (pronoun) => (/^its$/i.test(pronoun) ? `the ${phrase}'s` : `the ${phrase}`));
    return { question: replaced, carried: phrase };
  }
  return { question: `${question.replace(/[?？]\s*$/u, "")} (${phrase})?`, carried: phrase };
}
