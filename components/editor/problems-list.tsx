import { CircleCheck, TriangleAlert } from "lucide-react";
import type { GraphProblem } from "@/nodes/validate";

export function ProblemsList({ problems, onSelectNode }: { problems: GraphProblem[]; onSelectNode: (nodeId: string) => void }) {
  if (problems.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-emerald-700">
        <CircleCheck className="size-4" />
        No problems: every node is known, configured and wired.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-1.5">
      {problems.map((problem, i) => (
        <li key={i} className="flex items-start gap-2 text-sm">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" />
          <span className="text-foreground">
            {problem.message}
            {problem.nodeId && (
              <button
                type="button"
                className="ml-2 font-mono text-xs text-primary hover:underline"
                onClick={() => onSelectNode(problem.nodeId!)}
              >
                {problem.nodeId}
                {problem.port ? `.${problem.port}` : ""}
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
