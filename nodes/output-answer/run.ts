import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs }) => ({ answer: inputs.answer, verdict: inputs.verdict }));
