// A light English suffix stripper: it folds inflections and the commonest derivations onto one stem
// ("terminate", "terminated", "termination" → "termin") and stays conservative elsewhere, so distinct
// legal roles such as "employer" and "employee" are not merged. Consistency matters more than
// linguistics: documents and questions go through the same function.

// Longest first; the first suffix that leaves a stem of at least MIN_STEM letters wins.
const suffixes: Array<[suffix: string, replacement: string]> = [
  ["izations", "ize"],
  ["ization", "ize"],
  ["ations", ""],
  ["ation", ""],
  ["ating", ""],
  ["ated", ""],
  ["ates", ""],
  ["ate", ""],
  ["ments", ""],
  ["ment", ""],
  ["ings", ""],
  ["ing", ""],
  ["ies", "i"],
  ["ied", "i"],
  ["ed", ""],
];

const MIN_STEM = 3;
const vowel = /[aeiouy]/;

function stripPlural(word: string): string {
  if (word.endsWith("sses") || /(?:x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word) && word.length > MIN_STEM) return word.slice(0, -1);
  return word;
}

function tidy(stem: string): string {
  let out = stem;
  // "runn(ing)" → "run", but keep "ll", "ss", "zz" ("fulfill", "process").
  if (/([b-df-hj-km-np-rtv-z])\1$/.test(out) && !/(?:ll|ss|zz)$/.test(out)) out = out.slice(0, -1);
  if (out.endsWith("e") && out.length > MIN_STEM) out = out.slice(0, -1);
  // "policy" and "policies" meet at "polici".
  if (out.endsWith("y") && out.length > MIN_STEM && vowel.test(out.slice(0, -1))) out = `${out.slice(0, -1)}i`;
  return out;
}

export function stem(word: string): string {
  if (word.length <= MIN_STEM) return word;
  for (const [suffix, replacement] of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      const base = word.slice(0, -suffix.length);
      // "agreed" is "agree" + "d": give the "e" back so it meets "agree" and "agreement".
      if (suffix === "ed" && base.endsWith("e")) return tidy(`${base}e`);
      if (vowel.test(base)) return tidy(base + replacement);
    }
  }
  return tidy(stripPlural(word));
}
