// Every node type the catalogue offers, as pure specs: the palette, the config forms and the
// connection checks read this list. A new node is added here and in server/runtime/registry.ts.
import type { AnySpec } from "./define";
import { spec as generateExtractive } from "./generate-extractive/spec";
import { spec as inputChat } from "./input-chat/spec";
import { spec as outputAnswer } from "./output-answer/spec";
import { spec as retrieveBm25 } from "./retrieve-bm25/spec";

export const nodeSpecs: readonly AnySpec[] = [inputChat, retrieveBm25, generateExtractive, outputAnswer];

const byType = new Map(nodeSpecs.map((spec) => [spec.type, spec]));

export function getSpec(type: string): AnySpec | undefined {
  return byType.get(type);
}
