import { describe, expect, it } from "vitest";
import { answerType, holdsAnswerType } from "./answer-type";

describe("answer type", () => {
  it("reads the kind of answer from the question word", () => {
    expect(answerType("若游戏中离，则多少分钟内不得进行配对？")).toBe("number");
    expect(answerType("纽西兰鸡毛松有多高？")).toBe("number");
    expect(answerType("How many weeks of rent is the bond?")).toBe("number");
    expect(answerType("首届比赛是哪一年举行的？")).toBe("time");
    expect(answerType("When must the deposit be returned?")).toBe("time");
    expect(answerType("玩家用什么泡封敌人？")).toBeNull();
  });

  it("finds numbers and dates in a sentence", () => {
    expect(holdsAnswerType("树高可达55米。", "number")).toBe(true);
    expect(holdsAnswerType("爱普格评分由五项指标组成。", "number")).toBe(true);
    expect(holdsAnswerType("其叶螺旋状排列。", "number")).toBe(false);
    expect(holdsAnswerType("首届比赛于2008年12月11日举行。", "time")).toBe(true);
    expect(holdsAnswerType("The deposit is returned within 14 days.", "time")).toBe(false);
  });
});
