// Splits a passage into sentences with their offsets, for answers that quote sources verbatim.
// Aware of English and Chinese punctuation and of Markdown structure: a hard-wrapped line is not a
// sentence end, but a list item, a heading or a blank line is.

export interface Sentence {
  /** The sentence with its line wraps folded into spaces and Markdown markers removed. */
  text: string;
  /** Offsets in the passage: `passage.slice(start, end)` is the sentence as written. */
  start: number;
  end: number;
  /** A Markdown heading: a title, not a statement. */
  heading: boolean;
}

// Lines that begin a new block even without a blank line before them.
const blockStart = /^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,3}[.)][ \t]|>)/;
const marker = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]?)+/;

// "e.g. the" or "Art. 5" do not end a sentence.
const abbreviations = new Set(["e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "art", "para", "sec", "s", "ss", "vs", "cf", "approx", "st"]);

function blocks(passage: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let current = -1;
  let quoted = false;
  let offset = 0;
  for (const line of passage.split("\n")) {
    const blank = line.trim() === "";
    // A quotation's next line continues it; any other block marker starts a new block.
    const continuesQuote = quoted && /^[ \t]*>/.test(line);
    if (blank || (blockStart.test(line) && !continuesQuote)) {
      if (current >= 0) out.push({ start: current, end: offset - 1 });
      current = blank ? -1 : offset;
      quoted = !blank && /^[ \t]*>/.test(line);
    } else if (current < 0) {
      current = offset;
      quoted = false;
    }
    offset += line.length + 1;
  }
  if (current >= 0) out.push({ start: current, end: passage.length });
  return out;
}

const letterOrDot = /^[\p{L}.]$/u;

/** The letters and dots just before `end`, read backwards: a regex anchored at the end would rescan the whole prefix at every full stop. */
function wordBefore(text: string, end: number): string {
  let from = end;
  while (from > 0) {
    const unit = text.charCodeAt(from - 1);
    const step = unit >= 0xdc00 && unit <= 0xdfff && from > 1 ? 2 : 1;
    if (!letterOrDot.test(text.slice(from - step, from))) break;
    from -= step;
  }
  return text.slice(from, end);
}

function endsSentence(block: string, i: number): boolean {
  const unit = block.charCodeAt(i);
  // Most characters are none of 。！？.!? : told apart by their code alone, without making a string of each.
  if (unit === 0x3002 || unit === 0xff01 || unit === 0xff1f) return true;
  if (unit !== 0x2e && unit !== 0x21 && unit !== 0x3f) return false;
  const next = block[i + 1];
  if (next !== undefined && !/\s/.test(next)) return false;
  if (unit !== 0x2e) return true;
  const word = wordBefore(block, i).toLowerCase();
  // A lone capital ("J. Smith") or a listed abbreviation.
  return !abbreviations.has(word) && !/^\p{L}$/u.test(word);
}

export function splitSentences(passage: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const block of blocks(passage)) {
    const text = passage.slice(block.start, block.end);
    const heading = /^[ \t]*#{1,6}[ \t]/.test(text);
    let from = 0;
    const push = (to: number) => {
      const raw = text.slice(from, to);
      const prefix = (from === 0 ? marker.exec(raw)?.[0] : undefined) ?? "";
      const rest = raw.slice(prefix.length);
      const body = rest.trim();
      if (/[\p{L}\p{N}]/u.test(body)) {
        const start = block.start + from + prefix.length + (rest.length - rest.trimStart().length);
        const folded = body.replace(/\s*\n[ \t]*>?[ \t]*/g, " ").replace(/\s+/g, " ");
        sentences.push({ text: folded, start, end: start + body.length, heading });
      }
      from = to;
    };
    for (let i = 0; i < text.length; i++) {
      if (endsSentence(text, i)) {
        // Keep closing quotes and brackets with the sentence they close.
        let end = i + 1;
        while (end < text.length && /["'”’)）」』]/.test(text[end])) end++;
        push(end);
        i = end - 1;
      }
    }
    push(text.length);
  }
  return sentences;
}
