"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useReactFlow, type XYPosition } from "@xyflow/react";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { getSpec, nodeSpecs } from "@/nodes/registry";
import { validateGraph } from "@/nodes/validate";
import { layoutPositions } from "@/components/editor/auto-layout";
import { fragmentOrigin, loadFragment, storeFragment } from "@/components/editor/clipboard";
import { ConflictBanner } from "@/components/editor/conflict-banner";
import { adoptableRevision } from "@/components/editor/draft-sync";
import { EditorDock } from "@/components/editor/editor-dock";
import { EditorToolbar, type SaveState } from "@/components/editor/editor-toolbar";
import { FlowCanvas } from "@/components/editor/flow-canvas";
import type { AnnotationActions } from "@/components/editor/annotation-nodes";
import { CARD_ANCHOR, flowToGraph, graphToFlow, inputsFromOutputs, isStep } from "@/components/editor/flow-graph";
import { clearBackup, readBackup, writeBackup } from "@/components/editor/local-backup";
import { problemsByNode } from "@/components/editor/node-problems";
import { Palette } from "@/components/editor/palette";
import { exportPipeline, importPipeline, type ImportResult } from "@/components/editor/pipeline-file";
import { ProblemsList } from "@/components/editor/problems-list";
import type { PublishInput } from "@/components/editor/publish-dialog";
import { removedNodes, type RemovedNode } from "@/components/editor/removed-card";
import { RunPanel } from "@/components/editor/run-panel";
import type { CanvasOverlay, NodeRunState } from "@/components/editor/run-overlay";
import { useDebouncedValue } from "@/components/editor/use-debounced-value";
import { useDraftGraph } from "@/components/editor/use-draft-graph";
import { useEditorShortcuts } from "@/components/editor/use-editor-shortcuts";
import { VersionsPanel, type Comparison } from "@/components/editor/versions-panel";
import type { Graph } from "@/nodes/graph";
import { useTRPC } from "../../_trpc/client";
import { errorCode, errorMessage } from "../../_trpc/error-message";
import type { RouterOutputs } from "../../_trpc/outputs";
import { useRunStream } from "../../_run/use-run-stream";
import { useLastRun } from "./use-last-run";
import { useNodeRun } from "./use-node-run";

// The node panel (config forms, pickers, the trial runner) is not needed to open the canvas: it loads
// when the browser is first idle, or on the first selection if that comes sooner.
const loadNodePanel = () => import("@/components/editor/node-panel").then((m) => m.NodePanel);
const NodePanel = dynamic(loadNodePanel, { ssr: false });
// The dialogs (and Radix' dialog code) load when first opened: the canvas does not wait for them.
const NodeSearchDialog = dynamic(() => import("@/components/editor/node-search-dialog").then((m) => m.NodeSearchDialog), { ssr: false });
const ImportDialog = dynamic(() => import("@/components/editor/import-dialog").then((m) => m.ImportDialog), { ssr: false });
const PublishDialog = dynamic(() => import("@/components/editor/publish-dialog").then((m) => m.PublishDialog), { ssr: false });
import { useVersionCompare } from "./use-version-compare";

type Loaded = RouterOutputs["pipeline"]["get"];

/** Whole-graph work (validation, dirty check, backup) waits until edits pause this long. */
const SETTLE_MS = 250;
/** Autosave once edits pause this long. */
const AUTOSAVE_MS = 1500;
const PASTE_OFFSET = 40;
const noneRemoved: RemovedNode[] = [];

/** The graph as the canvas would write it back: what "saved" compares against. */
function canonical(graph: Graph): string {
  const flow = graphToFlow(graph);
  return JSON.stringify(flowToGraph(flow.nodes, flow.edges));
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function EditorWorkspace({ loaded }: { loaded: Loaded }) {
  const pipelineId = loaded.pipeline.id;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { screenToFlowPosition, fitView } = useReactFlow();

  // Unsaved edits this browser kept from before a crash or a closed tab come back first.
  const [backup] = useState(() => readBackup(pipelineId, loaded.draft));
  const draft = useDraftGraph(backup ?? loaded.draft.graph);
  const settledNodes = useDebouncedValue(draft.nodes, SETTLE_MS);
  const settledEdges = useDebouncedValue(draft.edges, SETTLE_MS);
  const settledGraph = useMemo(() => flowToGraph(settledNodes, settledEdges), [settledNodes, settledEdges]);
  const settledJson = useMemo(() => JSON.stringify(settledGraph), [settledGraph]);

  const revision = useRef(loaded.draft.revision);
  const [savedJson, setSavedJson] = useState(() => canonical(loaded.draft.graph));
  const [conflict, setConflict] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState(loaded.endpoint);
  const [publishOpen, setPublishOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [snapToGrid, setSnapToGrid] = useState(false);
  const [question, setQuestion] = useState("");
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [imported, setImported] = useState<{ name: string; result: ImportResult } | null>(null);
  const canvasBox = useRef<HTMLDivElement>(null);

  // What only the node panel and the version list need is fetched once the canvas has drawn its nodes
  // and the browser is idle: on a large graph those requests would otherwise compete with the first render.
  const [settledIn, setSettledIn] = useState(false);
  const onCanvasSettled = useCallback(() => {
    setSettledIn(true);
    void loadNodePanel();
  }, []);
  const knowledgeBases = useQuery({ ...trpc.knowledgeBase.list.queryOptions(), enabled: settledIn });
  const credentials = useQuery({ ...trpc.credential.list.queryOptions(), enabled: settledIn });
  const localModels = useQuery({ ...trpc.localModel.list.queryOptions(), enabled: settledIn });
  const saveDraft = useMutation(trpc.pipeline.saveDraft.mutationOptions());
  const publish = useMutation(trpc.pipeline.publish.mutationOptions());
  const restoreVersion = useMutation(trpc.pipeline.restoreVersion.mutationOptions());
  const run = useRunStream(`/api/pipelines/${encodeURIComponent(pipelineId)}/run`);
  const nodeRun = useNodeRun(pipelineId);
  const traced = useLastRun(pipelineId, settledIn);
  const history = useVersionCompare(pipelineId, comparison, settledGraph, settledIn);

  const dirty = settledJson !== savedJson;
  const saveState: SaveState = saveDraft.isPending ? "saving" : conflict ? "conflict" : dirty ? "dirty" : "saved";

  useEffect(() => {
    if (backup) toast.info("Restored edits that were not saved before this page closed.", { id: "backup-restored" });
  }, [backup]);

  // Positions, groups and notes do not change validity: dragging a card or writing a note must not re-validate.
  const structureJson = useMemo(
    () =>
      JSON.stringify({
        ...settledGraph,
        annotations: undefined,
        nodes: settledGraph.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 }, parentId: undefined })),
      }),
    [settledGraph],
  );
  // The server validated the draft it sent: until the first edit, its problems are the canvas' problems.
  const [loadedStructure] = useState(structureJson);
  const problems = useMemo(() => {
    if (structureJson === loadedStructure && !backup) return loaded.draft.problems;
    const check = validateGraph(JSON.parse(structureJson));
    return check.ok ? [] : check.problems;
  }, [structureJson, loadedStructure, backup, loaded.draft.problems]);

  const { currentGraph, addNode, select } = draft;
  const nodeCount = useRef(0);
  nodeCount.current = draft.nodes.length;

  // One save at a time: each waits for the previous, so the revision it sends is the latest.
  const saving = useRef<Promise<boolean>>(Promise.resolve(true));
  const save = useCallback(
    (quiet: boolean): Promise<boolean> => {
      saving.current = saving.current.then(async () => {
        const graph = currentGraph();
        const sent = JSON.stringify(graph);
        const saved = (savedRevision: number, problemCount: number) => {
          revision.current = savedRevision;
          setSavedJson(sent);
          setConflict(null);
          clearBackup(pipelineId);
          if (!quiet) toast.success(problemCount === 0 ? "Saved" : `Saved, with ${problemCount} problem${problemCount === 1 ? "" : "s"} to fix before it can run`);
          return true;
        };
        try {
          const result = await saveDraft.mutateAsync({ id: pipelineId, graph, revision: revision.current });
          return saved(result.revision, result.problems.length);
        } catch (error) {
          const message = errorMessage(error);
          if (errorCode(error) === "CONFLICT") {
            // A save of these same edits may have landed after this page read the draft (the page was
            // reloaded while it was in flight): then there is nothing to resolve, only a revision to take.
            const server = await queryClient.fetchQuery({ ...trpc.pipeline.get.queryOptions({ id: pipelineId }), staleTime: 0 }).catch(() => null);
            const adopted = server && adoptableRevision(graph, server.draft);
            if (server && adopted !== null) return saved(adopted, server.draft.problems.length);
            // The edits stay on the canvas (and in the browser's backup); the person decides whether to reload.
            setConflict(message);
            toast.error(message, { duration: 20_000, action: { label: "Reload", onClick: () => window.location.reload() } });
          } else {
            toast.error(`Not saved: ${message}`);
          }
          return false;
        }
      });
      return saving.current;
    },
    [currentGraph, pipelineId, saveDraft, queryClient, trpc],
  );

  // Autosave a pause after the last edit; the browser backup covers the pause itself.
  useEffect(() => {
    if (!dirty) {
      clearBackup(pipelineId);
      return;
    }
    // The live graph, not the settled one: right after a restore the settled copy is still the old graph.
    writeBackup(pipelineId, revision.current, currentGraph());
    if (conflict) return;
    const timer = setTimeout(() => void save(true), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, conflict, settledGraph, currentGraph, pipelineId, save]);

  // Leaving within the pause before an autosave keeps the edits in the browser, restored on return;
  // only edits the server refused (a conflict) are worth a "leave the page?" question.
  const savedRef = useRef(savedJson);
  savedRef.current = savedJson;
  useEffect(() => {
    function keep(event: BeforeUnloadEvent) {
      const graph = currentGraph();
      if (JSON.stringify(graph) === savedRef.current) return;
      writeBackup(pipelineId, revision.current, graph);
      if (conflict) event.preventDefault();
    }
    window.addEventListener("beforeunload", keep);
    return () => window.removeEventListener("beforeunload", keep);
  }, [currentGraph, pipelineId, conflict]);

  const flushed = useCallback(async () => {
    if (!conflict && JSON.stringify(currentGraph()) === savedJson) return true;
    return save(true);
  }, [currentGraph, savedJson, conflict, save]);

  async function startRun() {
    if (!(await flushed())) return;
    nodeRun.clear();
    void run.start({ question: question.trim() });
  }

  async function runNode(nodeId: string, inputs?: Record<string, unknown>) {
    if (!(await flushed())) return;
    void nodeRun.start({ nodeId, question: question.trim(), ...(inputs ? { inputs } : {}) });
  }

  async function startPublish(input: PublishInput) {
    if (!(await flushed())) return;
    publish.mutate(
      { id: pipelineId, serve: input.serve, ...(input.note ? { note: input.note } : {}), ...(input.slug ? { slug: input.slug } : {}) },
      {
        onSuccess: (result) => {
          // Published only: the endpoint still serves the version it had.
          setEndpoint((was) => ({ slug: result.slug, versionNumber: result.served || !was ? result.versionNumber : was.versionNumber }));
          void history.refetchVersions();
          toast.success(result.served ? `Published version ${result.versionNumber}, served on ${result.slug}` : `Published version ${result.versionNumber} (not served)`);
        },
      },
    );
  }

  async function restore(number: number) {
    if (!(await flushed())) return;
    setRestoring(number);
    try {
      const result = await restoreVersion.mutateAsync({ id: pipelineId, number, revision: revision.current });
      revision.current = result.revision;
      draft.replaceGraph(result.graph);
      setSavedJson(canonical(result.graph));
      clearBackup(pipelineId);
      setComparison(null);
      toast.success(`Version ${number} restored as the draft`);
    } catch (error) {
      toast.error(`Not restored: ${errorMessage(error)}`);
    } finally {
      setRestoring(null);
    }
  }

  const viewCentre = useCallback((): XYPosition | null => {
    const box = canvasBox.current?.getBoundingClientRect();
    if (!box) return null;
    return screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 });
  }, [screenToFlowPosition]);

  const addAtCentre = useCallback(
    (type: string) => {
      const centre = viewCentre();
      if (!centre) return;
      // Cascade click-added cards so several in a row do not hide each other.
      const cascade = (nodeCount.current % 6) * 24;
      addNode(type, { x: centre.x - CARD_ANCHOR.x + cascade, y: centre.y - CARD_ANCHOR.y + cascade });
    },
    [addNode, viewCentre],
  );

  const copy = useCallback(() => {
    const fragment = draft.copy();
    if (!fragment) return false;
    storeFragment(fragment);
    const count = fragment.nodes.length + fragment.annotations.length;
    toast.success(`Copied ${count} item${count === 1 ? "" : "s"}`, { id: "clipboard" });
    return true;
  }, [draft]);

  const paste = useCallback(() => {
    const fragment = loadFragment();
    if (!fragment) {
      toast.info("Nothing to paste: select nodes and press Ctrl+C first.", { id: "clipboard" });
      return;
    }
    const selected = draft.nodes.some((n) => n.selected);
    // Pasting right after copying offsets the copy; pasting elsewhere centres it in view.
    const first = fragmentOrigin(fragment);
    const centre = viewCentre();
    const offset = selected || !centre ? { x: PASTE_OFFSET, y: PASTE_OFFSET } : { x: centre.x - first.x, y: centre.y - first.y };
    draft.paste(fragment, offset);
  }, [draft, viewCentre]);

  const layout = useCallback(async () => {
    if (draft.nodes.length === 0) return;
    try {
      draft.moveNodes(await layoutPositions(draft.nodes, draft.edges));
      window.requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1 }));
    } catch (error) {
      toast.error(`Auto-layout failed: ${(error as Error).message}`);
    }
  }, [draft, fitView]);

  const groupSelection = useCallback(() => {
    if (!draft.groupSelected()) toast.info("Select the nodes or notes to group first (drag a box with Shift, or Ctrl+click).", { id: "group" });
  }, [draft]);

  const addNote = useCallback(() => {
    const centre = viewCentre();
    if (centre) draft.addNote({ x: centre.x - 110, y: centre.y - 70 });
  }, [draft, viewCentre]);

  const annotationActions = useMemo<AnnotationActions>(
    () => ({ update: draft.updateAnnotation, ungroup: draft.ungroup, onResizeStart: draft.onResizeStart }),
    [draft.updateAnnotation, draft.ungroup, draft.onResizeStart],
  );

  const focusNode = useCallback(
    (nodeId: string) => {
      select(nodeId);
      void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
    },
    [select, fitView],
  );

  useEditorShortcuts({
    save: () => void save(false),
    undo: draft.undo,
    redo: draft.redo,
    copy,
    cut: () => {
      if (copy()) draft.removeNodes(draft.nodes.filter((n) => n.selected).map((n) => n.id));
    },
    paste,
    duplicate: () => {
      const fragment = draft.copy();
      if (fragment) draft.paste(fragment, { x: PASTE_OFFSET, y: PASTE_OFFSET });
    },
    selectAll: draft.selectAll,
    search: () => setSearchOpen(true),
    group: groupSelection,
  });

  function exportFile() {
    const file = exportPipeline(loaded.pipeline.name, draft.currentGraph(), new Date());
    const base = loaded.pipeline.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "pipeline";
    download(`${base}.groundwork.json`, `${JSON.stringify(file, null, 2)}\n`);
    toast.success("Exported (credentials left out)");
  }

  async function importFile(file: File) {
    setImported({ name: file.name, result: importPipeline(await file.text()) });
  }

  const progress = run.progress;
  // What each node did last: in the whole run (before one on this page, the latest run's trace), or in a
  // later trial of it (or of a node after it).
  const nodeResults = useMemo(() => ({ ...(progress ? progress.nodes : traced), ...nodeRun.results }), [progress, traced, nodeRun.results]);
  // A comparison with the draft marks its differences on the canvas.
  const comparedWithCanvas = comparison?.to === 0 ? history.diff : null;
  const removed = useMemo(() => (comparedWithCanvas ? removedNodes(comparedWithCanvas.removedNodes) : noneRemoved), [comparedWithCanvas]);
  const overlay = useMemo<CanvasOverlay>(() => {
    const runStates: Record<string, NodeRunState> = {};
    for (const [nodeId, state] of Object.entries(nodeResults)) runStates[nodeId] = state;
    const diff: CanvasOverlay["diff"] = {};
    if (comparedWithCanvas) {
      for (const n of comparedWithCanvas.addedNodes) diff[n.id] = "added";
      for (const n of comparedWithCanvas.changedNodes) diff[n.id] = "changed";
    }
    return { runStates, problems: problemsByNode(problems), diff };
  }, [problems, nodeResults, comparedWithCanvas]);

  const selected = draft.nodes.filter((n) => n.selected);
  const selectedStep = selected.length === 1 && isStep(selected[0]) ? selected[0] : null;
  // The panel shows a node's data, not its position: dragging the selected card must not rebuild it every frame.
  const selectedId = selectedStep?.id;
  const selectedData = selectedStep?.data;
  const selectedNode = useMemo(
    () => (selectedId && selectedData ? { id: selectedId, data: selectedData } : null),
    [selectedId, selectedData],
  );
  const lastRun = useMemo(() => {
    if (!selectedNode || !nodeResults[selectedNode.id]) return undefined;
    const outputsByNode = Object.fromEntries(Object.entries(nodeResults).map(([id, n]) => [id, n.outputs]));
    const { outputs, inputs, ...state } = nodeResults[selectedNode.id];
    return { state, outputs, inputs: inputs ?? inputsFromOutputs(selectedNode.id, draft.edges, outputsByNode) };
  }, [selectedNode, nodeResults, draft.edges]);

  // The dock's contents are built only when what they show changes, not on every drag frame.
  const startRunRef = useRef(startRun);
  startRunRef.current = startRun;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const runPanel = useMemo(
    () => (
      <RunPanel
        question={question}
        onQuestionChange={setQuestion}
        onRun={() => void startRunRef.current()}
        onStop={run.stop}
        progress={progress}
      />
    ),
    [question, run.stop, progress],
  );
  const problemsList = useMemo(() => <ProblemsList problems={problems} onSelectNode={focusNode} />, [problems, focusNode]);
  const versionsPanel = useMemo(
    () => (
      <VersionsPanel
        versions={history.versions}
        comparison={comparison}
        diff={history.diff}
        restoring={restoring}
        onCompare={setComparison}
        onRestore={(number) => void restoreRef.current(number)}
      />
    ),
    [history.versions, history.diff, comparison, restoring],
  );

  const runNodeRef = useRef(runNode);
  runNodeRef.current = runNode;
  const kbOptions = useMemo(() => knowledgeBases.data?.map((kb) => ({ id: kb.id, name: kb.name })), [knowledgeBases.data]);
  const providerOptions = useMemo(
    () => credentials.data?.map((c) => ({ id: c.id, name: `${c.name} (${c.provider})`, models: c.models })),
    [credentials.data],
  );
  const trial = selectedNode && nodeRun.trial?.nodeId === selectedNode.id ? nodeRun.trial : null;
  const { updateNodeData, removeNodes } = draft;
  const nodePanel = useMemo(
    () =>
      selectedNode && (
        <NodePanel
          key={selectedNode.id}
          node={selectedNode}
          spec={getSpec(selectedNode.data.nodeType)}
          lastRun={lastRun}
          knowledgeBases={kbOptions}
          providers={providerOptions}
          localModels={localModels.data}
          onConfigChange={(config) => updateNodeData(selectedNode.id, { config })}
          onLabelChange={(label) => updateNodeData(selectedNode.id, { label: label || undefined })}
          onDelete={() => removeNodes([selectedNode.id])}
          onClose={() => select(null)}
          trial={trial}
          onRunNode={(inputs) => void runNodeRef.current(selectedNode.id, inputs)}
        />
      ),
    [selectedNode, lastRun, kbOptions, providerOptions, localModels.data, trial, updateNodeData, removeNodes, select],
  );

  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const onSave = useCallback(() => void save(false), [save]);
  const onPublish = useCallback(() => {
    publish.reset();
    setPublishOpen(true);
  }, [publish]);

  return (
    <div className="flex h-full flex-col">
      <EditorToolbar
        name={loaded.pipeline.name}
        saveState={saveState}
        problemCount={problems.length}
        endpoint={endpoint}
        canUndo={draft.steps.undo > 0}
        canRedo={draft.steps.redo > 0}
        snapToGrid={snapToGrid}
        onSave={onSave}
        onPublish={onPublish}
        onUndo={draft.undo}
        onRedo={draft.redo}
        onSearch={() => setSearchOpen(true)}
        onLayout={() => void layout()}
        onToggleSnap={() => setSnapToGrid((on) => !on)}
        onAddNote={addNote}
        onGroup={groupSelection}
        onExport={exportFile}
        onImportFile={(file) => void importFile(file)}
      />
      {conflict && <ConflictBanner message={conflict} onReload={() => window.location.reload()} />}
      <div className="flex min-h-0 flex-1">
        <Palette specs={nodeSpecs} onAdd={addAtCentre} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div ref={canvasBox} className="min-h-0 flex-1">
            <FlowCanvas
              nodes={draft.nodes}
              removed={removed}
              edges={draft.edges}
              specs={nodeSpecs}
              overlay={overlay}
              snapToGrid={snapToGrid}
              onNodesChange={draft.onNodesChange}
              onEdgesChange={draft.onEdgesChange}
              onNodeDragStart={draft.onDragStart}
              onNodeDragStop={draft.onDragStop}
              annotationActions={annotationActions}
              onConnect={draft.connect}
              onDropNode={draft.addNode}
              onSettled={onCanvasSettled}
            />
          </div>
          <EditorDock
            problemCount={problems.length}
            run={runPanel}
            problems={problemsList}
            versions={versionsPanel}
          />
        </div>
        {nodePanel}
      </div>
      {searchOpen && <NodeSearchDialog open onOpenChange={setSearchOpen} specs={nodeSpecs} onPick={addAtCentre} />}
      {imported && (
        <ImportDialog
          fileName={imported.name}
          result={imported.result}
          onCancel={() => setImported(null)}
          onImport={() => {
            if (imported.result.ok) draft.replaceGraph(imported.result.file.graph);
            setImported(null);
            toast.success("Imported onto the canvas; it saves automatically.");
          }}
        />
      )}
      {publishOpen && (
        <PublishDialog
          open
          onOpenChange={setPublishOpen}
          current={endpoint}
          pending={publish.isPending || saveDraft.isPending}
          error={publish.error ? errorMessage(publish.error) : null}
          result={publish.data ?? null}
          origin={origin}
          onPublish={(input) => void startPublish(input)}
        />
      )}
    </div>
  );
}
