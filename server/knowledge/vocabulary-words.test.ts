// taggedWords tags a text piece by piece (between whitespace) and remembers the pieces: the words
// must be the ones jieba gives for the whole text at once, in mixed scripts and odd spacing too.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { describe, expect, it } from "vitest";
import { isContentWord, taggedWords } from "./vocabulary-words";

const jieba = Jieba.withDict(dict);

function wholeText(text: string) {
  return jieba
    .tag(text.normalize("NFKC"))
    .map(({ word, tag }) => ({ word: word.trim(), tag }))
    .filter(({ word }) => /[\p{L}\p{N}]/u.test(word));
}

describe("taggedWords", () => {
  it("gives the words and tags jieba gives for the whole text", () => {
    const texts = [
      "Does 4-PBA treatment decrease endoplasmic reticulum stress (ER stress) in 5% of C++ AT&T e.g. users?",
      "劳动合同解除后用人单位应当支付经济补偿金吗？ GDPR第五条 applies since 2018年",
      "TNF-α\u00a0levels\u3000fell\r\nby 3.5 %, ｆｕｌｌ width and  double  spaces\tand tabs",
      "自闭症和遗传有关吗 自闭症和遗传有关吗",
      "",
      "   ",
    ];
    for (const text of texts) expect(taggedWords(text)).toEqual(wholeText(text));
  });

  it("hands each caller a list of its own", () => {
    const words = taggedWords("deposit returned");
    words.pop();
    expect(taggedWords("deposit returned").map((w) => w.word)).toEqual(["deposit", "returned"]);
  });
});

describe("isContentWord", () => {
  it("keeps words with index terms and drops stopwords and function words, asked again or not", () => {
    for (let round = 0; round < 2; round++) {
      expect(["deposit", "the", "什么", "自闭症", "2018"].map(isContentWord)).toEqual([true, false, false, true, true]);
    }
  });
});
