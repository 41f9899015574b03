// The pipelines a new pipeline can start from, each over a knowledge base (the workspace's example
// base when created from the console). Every one runs offline as created; switch the model-backed
// nodes to provider mode to use a chat model.
import type { Graph } from "@/nodes/graph";
import { chatDoctorGraph } from "./chatdoctor";
import { chatLawGraph } from "./chatlaw";
import { moziGraph } from "./mozi";
import { strictGraph } from "./strict";

export const templateIds = ["chatlaw", "chatdoctor", "mozi", "strict"] as const;
export type TemplateId = (typeof templateIds)[number];

export const pipelineTemplates: Record<TemplateId, (knowledgeBaseId: string) => Graph> = {
  chatlaw: chatLawGraph,
  chatdoctor: chatDoctorGraph,
  mozi: moziGraph,
  strict: strictGraph,
};
