// The offline answerer: quotes the passage sentences that best cover the question, each cited.
// Scoring is the share of the question's terms a sentence contains, each term weighted by how rare
// it is among the candidate sentences, so "deposit" counts for more than "tenant" in a tenancy base,
// and a question term found nowhere keeps every score low (and the answer a refusal). Once some
// sentence supports an answer, quotes are chosen with their passage as context and with a preference
// for the kind of answer asked for (both measured on CMRC 2018 with npm run bench:answer).
import { composeText } from "@/nodes/generate-cited/compose";
import type { Answer, Citation, Passage, Query } from "@/nodes/ports";
import { perText } from "@/nodes/text-memo";
import { splitSentences, type Sentence } from "@/server/knowledge/sentences";
import { tokenize } from "@/server/knowledge/tokenize";
import { answerType, holdsAnswerType } from "./answer-type";

export const NO_SUPPORT = "No passage supports an answer to this question";

// Two quotes sharing this much of their vocabulary say the same thing (often the overlap of two chunks).
const NEAR_DUPLICATE = 0.7;
// A quote much weaker than the best one dilutes the answer rather than supporting it.
const RELATIVE_TO_BEST = 0.7;
// A question term missing from a sentence but present in its passage counts this much: the passage
// names the topic once ("纽西兰鸡毛松…") and its later sentences answer about it ("树高可达55米").
const CONTEXT = 0.5;
// A quote holding the kind of answer asked for (a number for "多少", a date for "哪一年") scores this much more.
const TYPE_BONUS = 1.2;

export interface ExtractOptions {
  maxSentences: number;
  minOverlap: number;
}

interface Candidate {
  passage: Passage;
  passageIndex: number;
  sentence: Sentence;
  terms: ReadonlySet<string>;
  /** Every term of the sentence's passage: the context a sentence can lean on. */
  around: ReadonlySet<string>;
  score: number;
  /** How many distinct question terms the sentence contains (or its passage, when context counts); 0 when the sentence has none itself. */
  matched: number;
}

function refusal(): Answer {
  return { text: NO_SUPPORT, sentences: [], citations: [], refused: true, refusalReason: NO_SUPPORT, mode: "offline" };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** A passage's quotable sentences (headings are titles) with their terms, and all their terms together (the context). */
interface Quotable {
  sentences: Array<{ sentence: Sentence; terms: ReadonlySet<string> }>;
  terms: ReadonlySet<string>;
}

const quotable = perText((text): Quotable => {
  const sentences = splitSentences(text)
    .filter((sentence) => !sentence.heading)
    .map((sentence) => ({ sentence, terms: new Set(tokenize(sentence.text)) }));
  return { sentences, terms: new Set(sentences.flatMap((s) => [...s.terms])) };
});

function candidates(passages: Passage[]): Candidate[] {
  return passages.flatMap((passage, passageIndex) => {
    const { sentences, terms: around } = quotable(passage.text);
    return sentences.map(({ sentence, terms }) => ({ passage, passageIndex, sentence, terms, around, score: 0, matched: 0 }));
  });
}

function score(all: Candidate[], questionTerms: string[], context: number): void {
  const df = new Map<string, number>();
  for (const c of all) for (const term of questionTerms) if (c.terms.has(term)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map(questionTerms.map((t) => [t, Math.log(1 + (all.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5))]));
  const total = questionTerms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
  for (const c of all) {
    let covered = 0;
    let own = 0;
    c.matched = 0;
    for (const term of questionTerms) {
      if (c.terms.has(term)) {
        covered += idf.get(term) ?? 0;
        c.matched++;
        own++;
      } else if (context > 0 && c.around.has(term)) {
        covered += context * (idf.get(term) ?? 0);
        c.matched++;
      }
    }
    // Context alone is no quote: the sentence itself must meet the question.
    if (own === 0) c.matched = 0;
    c.score = total > 0 ? covered / total : 0;
  }
}

function pick(all: Candidate[], questionTerms: string[], options: ExtractOptions): Candidate[] {
  // One shared word is chance ("smoking" meets "smoke alarms"); a quote must meet the question twice.
  const minMatched = Math.min(2, questionTerms.length);
  const best = Math.max(0, ...all.map((c) => (c.matched >= minMatched ? c.score : 0)));
  const floor = Math.max(options.minOverlap, best * RELATIVE_TO_BEST);
  const ranked = all
    .filter((c) => c.matched >= minMatched && c.score > 0 && c.score >= floor)
    .sort((a, b) => b.score - a.score || a.passageIndex - b.passageIndex || a.sentence.start - b.sentence.start);
  const chosen: Candidate[] = [];
  for (const c of ranked) {
    if (chosen.length >= options.maxSentences) break;
    if (chosen.some((other) => jaccard(other.terms, c.terms) >= NEAR_DUPLICATE)) continue;
    chosen.push(c);
  }
  return chosen;
}

// The anchor narrows from the passage to the quoted sentences when the passage knows its offsets.
function citationFor(marker: number, quotes: Candidate[]): Citation {
  const { passage } = quotes[0];
  const base = passage.source.start;
  const source =
    base === undefined
      ? passage.source
      : {
          ...passage.source,
          start: base + Math.min(...quotes.map((q) => q.sentence.start)),
          end: base + Math.max(...quotes.map((q) => q.sentence.end)),
        };
  return { marker, passageId: passage.id, source, quote: quotes.map((q) => q.sentence.text).join(" … ") };
}

export function extractAnswer(query: Query, passages: Passage[], options: ExtractOptions): Answer {
  const questionTerms = [...new Set(tokenize(query.question))];
  if (questionTerms.length === 0 || passages.length === 0) return refusal();
  const all = candidates(passages);
  // Whether to answer at all is decided on the sentences alone, so the context credit below cannot
  // turn a refusal into an answer; it only chooses better quotes once some sentence supports one.
  score(all, questionTerms, 0);
  if (pick(all, questionTerms, options).length === 0) return refusal();
  score(all, questionTerms, CONTEXT);
  const wanted = answerType(query.question);
  if (wanted) for (const c of all) if (holdsAnswerType(c.sentence.text, wanted)) c.score *= TYPE_BONUS;
  const chosen = pick(all, questionTerms, options);

  // Markers are numbered in the order their passages are first quoted.
  const markers = new Map<string, number>();
  const markerOf = (passageId: string): number => {
    const known = markers.get(passageId);
    if (known !== undefined) return known;
    markers.set(passageId, markers.size + 1);
    return markers.size;
  };
  const sentences = chosen.map((c) => ({ text: c.sentence.text, markers: [markerOf(c.passage.id)] }));
  const citations = [...markers].map(([passageId, marker]) => citationFor(marker, chosen.filter((c) => c.passage.id === passageId)));
  return { text: composeText(sentences), sentences, citations, refused: false, mode: "offline" };
}
