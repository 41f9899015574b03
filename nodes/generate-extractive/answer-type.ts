// What kind of answer a question asks for, read from its question word, and whether a sentence
// holds one: "多少"/"how many" want a number, "哪一年"/"when" a date. A quote that holds the kind
// of thing asked for is the likelier answer among quotes that match the question equally well.
export type AnswerType = "number" | "time";

const asks: Array<[AnswerType, RegExp]> = [
  ["time", /哪一?年|哪一?天|何时|什么时候|什么时间|几月|几号|哪个朝代|\bwhen\b|\bwhat (?:year|date)\b/iu],
  ["number", /多少|几[个位次种年岁天名人只座条项所家届]|多[大高长远重久深宽厚]|\bhow (?:many|much|long|old|far|big|tall|large)\b/iu],
];

const holds: Record<AnswerType, RegExp> = {
  time: /\d{3,4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十〇零]+年|世纪|朝|\b(?:1[5-9]|20)\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/u,
  number: /\d|[一二两三四五六七八九十百千万亿]+(?:[个位次种年岁天名人只座条项所家届米倍]|分钟|公里|平方)/u,
};

export function answerType(question: string): AnswerType | null {
  for (const [type, pattern] of asks) if (pattern.test(question)) return type;
  return null;
}

export function holdsAnswerType(sentence: string, type: AnswerType): boolean {
  return holds[type].test(sentence);
}
