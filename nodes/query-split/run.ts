import { z } from "zod";
import { extractAnswer } from "@/nodes/generate-extractive/extract";
import { fillPrompt } from "@/nodes/model-config";
import { defineRun } from "@/server/runtime/node-context";
import { mergeAnswers } from "./merge-answers";
import { splitQuestions } from "./split-questions";
import { spec } from "./spec";

const splitReply = z.object({ questions: z.array(z.string().trim().min(1)).min(1) });

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { query } = inputs;
  let questions: string[];
  if (config.mode === "provider" && config.provider) {
    const prompt = fillPrompt(config.prompt, { question: query.question });
    questions = (await ctx.providers.structured(config.provider, splitReply, [{ role: "user", content: prompt }], { signal: ctx.signal })).questions;
    ctx.log(`provider: split into ${questions.length} question(s)`, questions);
  } else {
    questions = splitQuestions(query.question);
    ctx.log(`offline: split at question marks into ${questions.length} question(s)`, questions);
  }
  if (questions.length === 0) questions = [query.question];
  if (questions.length > config.maxQuestions) ctx.log(`Answering the first ${config.maxQuestions} of ${questions.length} questions`);
  const parts = await Promise.all(
    questions.slice(0, config.maxQuestions).map(async (question) => {
      const passages = await ctx.knowledge.bm25(config.knowledgeBaseId, question, { topK: config.passagesPerQuestion, signal: ctx.signal });
      const answer = extractAnswer({ question, history: query.history }, passages, { maxSentences: config.sentencesPerQuestion, minOverlap: config.minOverlap });
      ctx.log(`offline: "${question}": ${answer.refused ? "no supporting passage" : `${answer.sentences.length} quoted sentence(s)`}`);
      return { question, answer };
    }),
  );
  const answer = mergeAnswers(parts, "offline");
  for (const sentence of answer.sentences) ctx.emitToken(`${sentence.text} [${sentence.markers.join("][")}] `);
  return { answer };
});
