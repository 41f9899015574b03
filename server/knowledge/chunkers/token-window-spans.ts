// Token windows with overlap: a token is a word (letters and digits, outside CJK scripts) or a single
// CJK character, so Chinese text gets windows of comparable meaning to English ones. Every window
// spans from its first token's start to its last token's end.
import type { Span } from "./text-chunk";

const cjk = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const token = new RegExp(`[${cjk}]|(?:(?![${cjk}])[\\p{L}\\p{N}])+`, "gu");

export function tokenWindowSpans(text: string, options: { windowTokens: number; overlapTokens: number }): Span[] {
  const tokens = Array.from(text.matchAll(token), (m) => ({ start: m.index, end: m.index + m[0].length }));
  const spans: Span[] = [];
  const step = options.windowTokens - options.overlapTokens;
  for (let first = 0; first < tokens.length; first += step) {
    const last = Math.min(first + options.windowTokens, tokens.length) - 1;
    // Trailing punctuation after the last token belongs to the window.
    let end = tokens[last].end;
    const next = last + 1 < tokens.length ? tokens[last + 1].start : text.length;
    while (end < next && !/\s/.test(text[end])) end++;
    spans.push({ start: tokens[first].start, end });
    if (last === tokens.length - 1) break;
  }
  return spans;
}
