import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ ctx }) => ({ query: ctx.runInput }));
