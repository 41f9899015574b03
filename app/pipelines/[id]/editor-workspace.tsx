"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { getSpec, nodeSpecs } from "@/nodes/registry";
import { validateGraph } from "@/nodes/validate";
import { ConflictBanner } from "@/components/editor/conflict-banner";
import { EditorDock } from "@/components/editor/editor-dock";
import { EditorToolbar, type SaveState } from "@/components/editor/editor-toolbar";
import { FlowCanvas } from "@/components/editor/flow-canvas";
import { CARD_ANCHOR, inputsFromOutputs } from "@/components/editor/flow-graph";
import { NodePanel } from "@/components/editor/node-panel";
import { problemsByNode } from "@/components/editor/node-problems";
import { Palette } from "@/components/editor/palette";
import { ProblemsList } from "@/components/editor/problems-list";
import { PublishDialog } from "@/components/editor/publish-dialog";
import { RunPanel } from "@/components/editor/run-panel";
import type { CanvasOverlay, NodeRunState } from "@/components/editor/run-overlay";
import { useDraftGraph } from "@/components/editor/use-draft-graph";
import { useTRPC } from "../../_trpc/client";
import { errorCode, errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";
import { useRunStream } from "../../_run/use-run-stream";

type Loaded = RouterOutputs["pipeline"]["get"];

export function EditorWorkspace({ loaded }: { loaded: Loaded }) {
  const pipelineId = loaded.pipeline.id;
  const trpc = useTRPC();
  const { screenToFlowPosition } = useReactFlow();
  const draft = useDraftGraph(loaded.draft.graph);
  const graphJson = JSON.stringify(draft.graph);

  const [revision, setRevision] = useState(loaded.draft.revision);
  const [savedJson, setSavedJson] = useState(graphJson);
  const [conflict, setConflict] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState(loaded.endpoint);
  const [publishOpen, setPublishOpen] = useState(false);
  const [question, setQuestion] = useState("");
  const canvasBox = useRef<HTMLDivElement>(null);

  const knowledgeBases = useQuery(trpc.knowledgeBase.list.queryOptions());
  const saveDraft = useMutation(trpc.pipeline.saveDraft.mutationOptions());
  const publish = useMutation(trpc.pipeline.publish.mutationOptions());
  const run = useRunStream(pipelineId);

  const dirty = graphJson !== savedJson;
  const saveState: SaveState = saveDraft.isPending ? "saving" : conflict ? "conflict" : dirty ? "dirty" : "saved";

  // Positions do not change validity: dragging a card must not re-validate on every frame.
  const structureJson = JSON.stringify({
    ...draft.graph,
    nodes: draft.graph.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
  });
  const problems = useMemo(() => {
    const check = validateGraph(JSON.parse(structureJson));
    return check.ok ? [] : check.problems;
  }, [structureJson]);

  const save = useCallback(async (): Promise<boolean> => {
    const graph = draft.graph;
    const sent = JSON.stringify(graph);
    try {
      const result = await saveDraft.mutateAsync({ id: pipelineId, graph, revision });
      setRevision(result.revision);
      setSavedJson(sent);
      setConflict(null);
      const count = result.problems.length;
      toast.success(count === 0 ? "Saved" : `Saved, with ${count} problem${count === 1 ? "" : "s"} to fix before it can run`);
      return true;
    } catch (error) {
      const message = errorMessage(error);
      if (errorCode(error) === "CONFLICT") {
        // The edits stay on the canvas; the person decides whether to reload.
        setConflict(message);
        toast.error(message, { duration: 20_000, action: { label: "Reload", onClick: () => window.location.reload() } });
      } else {
        toast.error(`Not saved: ${message}`);
      }
      return false;
    }
  }, [draft.graph, pipelineId, revision, saveDraft]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void save();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [save]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  async function startRun() {
    if ((dirty || conflict) && !(await save())) return;
    void run.start({ question: question.trim() });
  }

  async function startPublish(input: { note: string; slug: string }) {
    if (dirty && !(await save())) return;
    publish.mutate(
      { id: pipelineId, ...(input.note ? { note: input.note } : {}), ...(input.slug ? { slug: input.slug } : {}) },
      { onSuccess: (result) => setEndpoint({ slug: result.slug, versionNumber: result.versionNumber }) },
    );
  }

  function addAtCentre(type: string) {
    const box = canvasBox.current?.getBoundingClientRect();
    if (!box) return;
    // Cascade click-added cards so several in a row do not hide each other.
    const cascade = (draft.nodes.length % 6) * 24;
    const centre = screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 });
    draft.addNode(type, { x: centre.x - CARD_ANCHOR.x + cascade, y: centre.y - CARD_ANCHOR.y + cascade });
  }

  const progress = run.progress;
  const overlay = useMemo<CanvasOverlay>(() => {
    const runStates: Record<string, NodeRunState> = {};
    for (const [nodeId, state] of Object.entries(progress?.nodes ?? {})) runStates[nodeId] = state;
    return { runStates, problems: problemsByNode(problems) };
  }, [problems, progress]);

  const selected = draft.nodes.filter((n) => n.selected);
  const selectedNode = selected.length === 1 ? selected[0] : null;
  const lastRun = useMemo(() => {
    if (!selectedNode || !progress?.nodes[selectedNode.id]) return undefined;
    const outputsByNode = Object.fromEntries(Object.entries(progress.nodes).map(([id, n]) => [id, n.outputs]));
    const { outputs, ...state } = progress.nodes[selectedNode.id];
    return { state, outputs, inputs: inputsFromOutputs(selectedNode.id, draft.edges, outputsByNode) };
  }, [selectedNode, progress, draft.edges]);

  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <div className="flex h-full flex-col">
      <EditorToolbar
        name={loaded.pipeline.name}
        saveState={saveState}
        problemCount={problems.length}
        endpoint={endpoint}
        onSave={() => void save()}
        onPublish={() => {
          publish.reset();
          setPublishOpen(true);
        }}
      />
      {conflict && <ConflictBanner message={conflict} onReload={() => window.location.reload()} />}
      <div className="flex min-h-0 flex-1">
        <Palette specs={nodeSpecs} onAdd={addAtCentre} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div ref={canvasBox} className="min-h-0 flex-1">
            <FlowCanvas
              nodes={draft.nodes}
              edges={draft.edges}
              overlay={overlay}
              onNodesChange={draft.onNodesChange}
              onEdgesChange={draft.onEdgesChange}
              onConnect={draft.connect}
              onDropNode={draft.addNode}
            />
          </div>
          <EditorDock
            problemCount={problems.length}
            run={
              <RunPanel
                question={question}
                onQuestionChange={setQuestion}
                onRun={() => void startRun()}
                onStop={run.stop}
                progress={progress}
              />
            }
            problems={<ProblemsList problems={problems} onSelectNode={(nodeId) => draft.select(nodeId)} />}
          />
        </div>
        {selectedNode && (
          <NodePanel
            key={selectedNode.id}
            node={selectedNode}
            spec={getSpec(selectedNode.data.nodeType)}
            lastRun={lastRun}
            knowledgeBases={knowledgeBases.data?.map((kb) => ({ id: kb.id, name: kb.name }))}
            onConfigChange={(config) => draft.updateNodeData(selectedNode.id, { config })}
            onLabelChange={(label) => draft.updateNodeData(selectedNode.id, { label: label || undefined })}
            onDelete={() => draft.removeNode(selectedNode.id)}
            onClose={() => draft.select(null)}
          />
        )}
      </div>
      <PublishDialog
        open={publishOpen}
        onOpenChange={setPublishOpen}
        currentSlug={endpoint?.slug ?? null}
        pending={publish.isPending || saveDraft.isPending}
        error={publish.error ? errorMessage(publish.error) : null}
        result={publish.data ?? null}
        origin={origin}
        onPublish={(input) => void startPublish(input)}
      />
    </div>
  );
}
