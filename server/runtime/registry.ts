// Node type → implementation, for the runtime. Must list exactly the specs of nodes/registry.ts:
// checked when this module loads, so a node added to one list and not the other fails at start-up.
import { impl as chunkMarkdown } from "@/nodes/chunk-markdown/run";
import { impl as chunkRecursive } from "@/nodes/chunk-recursive/run";
import { impl as chunkSentence } from "@/nodes/chunk-sentence/run";
import { impl as chunkToken } from "@/nodes/chunk-token/run";
import { impl as generateCited } from "@/nodes/generate-cited/run";
import { impl as generateExtractive } from "@/nodes/generate-extractive/run";
import { impl as inputChat } from "@/nodes/input-chat/run";
import { impl as mergeAnswer } from "@/nodes/merge-answer/run";
import { impl as outputAnswer } from "@/nodes/output-answer/run";
import { impl as queryGuard } from "@/nodes/query-guard/run";
import { impl as queryKeywords } from "@/nodes/query-keywords/run";
import { impl as queryRewrite } from "@/nodes/query-rewrite/run";
import { impl as querySplit } from "@/nodes/query-split/run";
import { impl as retrieveBm25 } from "@/nodes/retrieve-bm25/run";
import { impl as retrieveDense } from "@/nodes/retrieve-dense/run";
import { impl as retrieveHybrid } from "@/nodes/retrieve-hybrid/run";
import { impl as selectRerank } from "@/nodes/select-rerank/run";
import { impl as selectTopk } from "@/nodes/select-topk/run";
import { impl as verifyCitations } from "@/nodes/verify-citations/run";
import { nodeSpecs } from "@/nodes/registry";
import type { AnyNodeImpl } from "./node-context";

export type ImplLookup = (type: string) => AnyNodeImpl | undefined;

const impls: AnyNodeImpl[] = [inputChat, chunkRecursive, chunkSentence, chunkMarkdown, chunkToken, queryRewrite, queryKeywords, querySplit, queryGuard, retrieveBm25, retrieveDense, retrieveHybrid, selectRerank, selectTopk, generateCited, generateExtractive, verifyCitations, mergeAnswer, outputAnswer];

/** An impl lookup over a list, refusing two impls of one type. */
export function implLookup(list: readonly AnyNodeImpl[]): ImplLookup {
  const byType = new Map<string, AnyNodeImpl>();
  for (const impl of list) {
    if (byType.has(impl.spec.type)) throw new Error(`Node type "${impl.spec.type}" has two implementations`);
    byType.set(impl.spec.type, impl);
  }
  return (type) => byType.get(type);
}

export const getImpl: ImplLookup = implLookup(impls);

for (const spec of nodeSpecs) {
  if (getImpl(spec.type)?.spec !== spec) throw new Error(`Node type "${spec.type}" is in nodes/registry.ts but has no implementation in server/runtime/registry.ts`);
}
if (impls.length !== nodeSpecs.length) throw new Error("server/runtime/registry.ts implements a node type that nodes/registry.ts does not list");
