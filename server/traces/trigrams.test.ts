// The runs page's text search finds a run by its question's trigrams (Run.questionTrigrams, kept by a
// trigger). Migration 0015 rewrote the function for speed: it must give exactly what 0007's gave,
// or a search term would miss runs whose trigrams were computed by the other.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { withSqlSession } from "@/server/db/sql-session";
import { describeEachDatabase } from "@/server/db/test-databases";

/** Seeded, so a failure can be reproduced: ASCII, Latin, Greek, CJK, whitespace and the split character U+0001. */
function sampleTexts(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const alphabets = [" abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?()[]{}*+\\^$|-'\"", "ÀÉÎÕÜßàéîõüİıǅ", "ΣΑΣσςαβγ", "中文问题测试租金押金", "\n\t ", "\u0001"];
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 60);
    let text = "";
    for (let i = 0; i < length; i++) {
      const pick = next();
      const alphabet = alphabets[pick < 0.75 ? 0 : pick < 0.85 ? 1 : pick < 0.9 ? 2 : pick < 0.95 ? 3 : pick < 0.99 ? 4 : 5];
      text += [...alphabet][Math.floor(next() * [...alphabet].length)];
    }
    return text;
  });
}

const edgeCases = ["", "a", "ab", "abc", "aaaaaa", "abcd", "\u0001", "ab\u0001", "a\u0001bcd\u0001\u0001e", "line\nbreak\ttab", "Straße İstanbul ΣΑΣ", "What notice period applies to a lease?"];

describeEachDatabase("question trigrams", (_getDb, getHandle) => {
  let original = "";

  beforeAll(async () => {
    const sql = await readFile(path.resolve(process.cwd(), "prisma", "migrations", "0007_traces", "migration.sql"), "utf8");
    const definition = /CREATE FUNCTION groundwork_trigrams[\s\S]*?\$fn\$;/.exec(sql)?.[0];
    if (!definition) throw new Error("0007_traces no longer defines groundwork_trigrams");
    original = definition.replace("groundwork_trigrams", "pg_temp.trigrams_0007");
  });

  it("gives the same trigrams, in the same order, as the function of migration 0007", async () => {
    const texts = [...edgeCases, ...sampleTexts(2000)];
    const differing = await withSqlSession(getHandle().sql, async (session) => {
      await session.exec(original);
      return session.query<{ text: string; now: string[]; before: string[] }>(
        `SELECT t AS text, groundwork_trigrams(t) AS now, pg_temp.trigrams_0007(t) AS before
         FROM unnest($1::text[]) AS t WHERE groundwork_trigrams(t) IS DISTINCT FROM pg_temp.trigrams_0007(t)`,
        [texts],
      );
    });
    expect(differing).toEqual([]);
  });

  it("splits a text with U+0001 correctly, and keeps empty and short texts empty", async () => {
    const rows = await withSqlSession(getHandle().sql, (session) =>
      session.query<{ t: string[] }>(`SELECT groundwork_trigrams(t) AS t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`, [["AB\u0001Cd", "", "ab", "Abcab"]]),
    );
    expect(rows.map((row) => row.t)).toEqual([["\u0001cd", "ab\u0001", "b\u0001c"], [], [], ["abc", "bca", "cab"]]);
  });
});
