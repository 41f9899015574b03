// Every node type the catalogue offers, as pure specs: the palette, the config forms and the
// connection checks read this list. A new node is added here and in server/runtime/registry.ts.
import type { AnySpec } from "./define";
import { spec as chunkMarkdown } from "./chunk-markdown/spec";
import { spec as chunkRecursive } from "./chunk-recursive/spec";
import { spec as chunkSentence } from "./chunk-sentence/spec";
import { spec as chunkToken } from "./chunk-token/spec";
import { spec as generateCited } from "./generate-cited/spec";
import { spec as generateExtractive } from "./generate-extractive/spec";
import { spec as inputChat } from "./input-chat/spec";
import { spec as mergeAnswer } from "./merge-answer/spec";
import { spec as outputAnswer } from "./output-answer/spec";
import { spec as queryGuard } from "./query-guard/spec";
import { spec as queryKeywords } from "./query-keywords/spec";
import { spec as queryRewrite } from "./query-rewrite/spec";
import { spec as querySplit } from "./query-split/spec";
import { spec as retrieveBm25 } from "./retrieve-bm25/spec";
import { spec as retrieveDense } from "./retrieve-dense/spec";
import { spec as retrieveHybrid } from "./retrieve-hybrid/spec";
import { spec as selectRerank } from "./select-rerank/spec";
import { spec as selectTopk } from "./select-topk/spec";
import { spec as verifyCitations } from "./verify-citations/spec";

export const nodeSpecs: readonly AnySpec[] = [inputChat, chunkRecursive, chunkSentence, chunkMarkdown, chunkToken, queryRewrite, queryKeywords, querySplit, queryGuard, retrieveBm25, retrieveDense, retrieveHybrid, selectRerank, selectTopk, generateCited, generateExtractive, verifyCitations, mergeAnswer, outputAnswer];

const byType = new Map(nodeSpecs.map((spec) => [spec.type, spec]));

export function getSpec(type: string): AnySpec | undefined {
  return byType.get(type);
}
