// Writes a template's graph from a short list of steps and wires: each step sits in a column (left to
// right, in reading order of the pipeline) and a row, and each wire is "node.output > node.input".
import { GRAPH_SCHEMA_VERSION, type Graph } from "@/nodes/graph";

export interface TemplateStep {
  id: string;
  type: string;
  column: number;
  row?: number;
  label?: string;
  config?: Record<string, unknown>;
}

const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 160;

export function templateGraph(steps: TemplateStep[], wires: string[]): Graph {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: steps.map((step) => ({
      id: step.id,
      type: step.type,
      position: { x: step.column * COLUMN_WIDTH, y: (step.row ?? 0) * ROW_HEIGHT },
      ...(step.label ? { label: step.label } : {}),
      config: step.config ?? {},
    })),
    edges: wires.map((wire) => {
      const match = /^(\S+)\.(\w+) > (\S+)\.(\w+)$/.exec(wire);
      if (!match) throw new Error(`Template wire "${wire}" is not written as "node.output > node.input"`);
      const [, source, sourceHandle, target, targetHandle] = match;
      return { id: `${source}.${sourceHandle}-${target}.${targetHandle}`, source, sourceHandle, target, targetHandle };
    }),
  };
}
