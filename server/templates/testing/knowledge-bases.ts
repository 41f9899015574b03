// The knowledge the query-understanding and selection tests run on: the seeded example (the English
// tenancy handbook every template must answer from) and a small Chinese base written for these tests
// (health and lending questions, the languages and domains of the examples).
import type { Db } from "@/server/db/client";
import { EXAMPLE_KNOWLEDGE_BASE_NAME, seedDatabase } from "@/server/db/seed";
import { ingestDocument } from "@/server/knowledge/ingest";

const chineseDocuments: Record<string, string> = {
  "自闭症.md": [
    "# 自闭症谱系障碍",
    "",
    "自闭症的核心症状包括社交沟通障碍、兴趣狭窄和重复刻板行为。多数儿童在三岁以前出现症状，例如很少与人对视、叫名字没有反应、语言发育迟缓。",
    "",
    "自闭症与遗传有关。同卵双胞胎中一人患病时，另一人患病的概率明显升高，多个基因的变异会增加患病风险。",
    "",
    "目前自闭症不能被治愈，但早期干预可以明显改善症状。行为训练、言语治疗和家庭支持能够帮助儿童提高沟通能力。",
  ].join("\n"),
  "民间借贷.md": [
    "# 民间借贷与职业放贷",
    "",
    "未依法取得放贷资格的出借人，以营利为目的向社会不特定对象提供借款的，属于职业放贷人，其订立的民间借贷合同无效。",
    "",
    "借贷合同无效后，借款人仍应当返还借款本金，并按照同期贷款市场报价利率支付资金占用费，但不需要支付约定的利息。",
    "",
    "借贷双方约定的利率超过合同成立时一年期贷款市场报价利率四倍的，超过部分的利息不受法律保护。",
  ].join("\n"),
};

export interface TestBases {
  workspaceId: string;
  /** The seeded example: the fictional Eastmere tenancy handbook. */
  tenancyId: string;
  chineseId: string;
}

export async function createTestBases(db: Db): Promise<TestBases> {
  const { workspaceId } = await seedDatabase(db);
  const tenancy = await db.knowledgeBase.findFirstOrThrow({ where: { workspaceId, name: EXAMPLE_KNOWLEDGE_BASE_NAME } });
  const chinese = await db.knowledgeBase.create({ data: { workspaceId, name: "健康与借贷（测试）", language: "zh" } });
  for (const [fileName, text] of Object.entries(chineseDocuments)) {
    await ingestDocument(db, { workspaceId, knowledgeBaseId: chinese.id, fileName, content: Buffer.from(text) });
  }
  return { workspaceId, tenancyId: tenancy.id, chineseId: chinese.id };
}
