// The node contract: a spec is pure data (palette, form, connection checks and docs are generated
// from it); a run function receives inputs and config already validated by the runtime.
import type { z } from "zod";
import type { PortDef, PortType, PortValue } from "./ports";

export const categories = [
  { id: "input", title: "Input" },
  { id: "ingestion", title: "Ingestion" },
  { id: "chunking", title: "Chunking" },
  { id: "query", title: "Query understanding" },
  { id: "retrieval", title: "Retrieval" },
  { id: "selection", title: "Knowledge selection" },
  { id: "generation", title: "Generation" },
  { id: "verification", title: "Verification" },
  { id: "output", title: "Output" },
] as const;

export type Category = (typeof categories)[number]["id"];

type Ports = Record<string, PortDef>;

export interface NodeSpec<
  I extends Ports = Ports,
  O extends Ports = Ports,
  C extends z.ZodObject = z.ZodObject,
> {
  type: string;
  version: number;
  category: Category;
  title: string;
  help: string;
  inputs: I;
  outputs: O;
  config: C;
  /** Marks the node that receives the run's question, and the one whose outputs are the run's result. */
  role?: "entry" | "exit";
}

export function defineNodeSpec<I extends Ports, O extends Ports, C extends z.ZodObject>(
  spec: NodeSpec<I, O, C>,
): NodeSpec<I, O, C> {
  return spec;
}

type ValueOf<P extends PortDef> = P["type"] extends PortType ? PortValue<P["type"]> : never;

export type InputValues<I extends Ports> = {
  [K in keyof I as I[K]["optional"] extends true ? never : K]: ValueOf<I[K]>;
} & {
  [K in keyof I as I[K]["optional"] extends true ? K : never]?: ValueOf<I[K]>;
};

/** An optional output may be left out: the runtime then skips the nodes that need it. */
export type OutputValues<O extends Ports> = {
  [K in keyof O as O[K]["optional"] extends true ? never : K]: ValueOf<O[K]>;
} & {
  [K in keyof O as O[K]["optional"] extends true ? K : never]?: ValueOf<O[K]>;
};

export type AnySpec = NodeSpec<Ports, Ports, z.ZodObject>;
