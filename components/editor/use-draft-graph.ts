"use client";

import {
  useEdgesState,
  useNodesState,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { useCallback, useRef, useState } from "react";
import type { Graph } from "@/nodes/graph";
import { getSpec } from "@/nodes/registry";
import { configFields, defaultConfig } from "@/components/config-form/config-fields";
import { copySelection, pasteFragment, type Fragment } from "./clipboard";
import { emptyHistory, recordEdit, redoEdit, undoEdit, type Snapshot } from "./edit-history";
import type { Placement } from "./auto-layout";
import { connectReplacing, flowToGraph, graphToFlow, nextNodeId, type CanvasNode, type GroupNode, type NoteNode, type StepNode } from "./flow-graph";
import { isMeasurement, noteMeasuredSizes } from "./measured-sizes";
import { groupSelection, newNote, parentsFirst, regroupAfterDrag, ungroup as ungroupNodes } from "./grouping";

/** Changes that alter the graph (selection and measuring do not; drags are recorded when they start). */
const editKinds = new Set(["add", "remove", "replace"]);

/** The canvas' editable copy of a draft graph, the edits a person can make to it, and their undo history. */
export function useDraftGraph(initial: Graph) {
  const [initialFlow] = useState(() => graphToFlow(initial));
  const [nodes, setNodes, applyNodeChanges] = useNodesState<CanvasNode>(initialFlow.nodes);
  const [edges, setEdges, applyEdgeChanges] = useEdgesState<Edge>(initialFlow.edges);

  const current = useRef<Snapshot>({ nodes, edges });
  current.current = { nodes, edges };
  const history = useRef(emptyHistory);
  const [steps, setSteps] = useState({ undo: 0, redo: 0 });

  const record = useCallback((key: string | null) => {
    history.current = recordEdit(history.current, current.current, key, Date.now());
    setSteps({ undo: history.current.past.length, redo: 0 });
  }, []);

  const restore = useCallback(
    (step: ReturnType<typeof undoEdit>) => {
      if (!step) return false;
      history.current = step.history;
      setSteps({ undo: step.history.past.length, redo: step.history.future.length });
      setNodes(step.restore.nodes);
      setEdges(step.restore.edges);
      return true;
    },
    [setNodes, setEdges],
  );
  const undo = useCallback(() => restore(undoEdit(history.current, current.current)), [restore]);
  const redo = useCallback(() => restore(redoEdit(history.current, current.current)), [restore]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const edit = changes.find((c) => editKinds.has(c.type));
      if (edit) record(edit.type === "remove" ? "remove" : null);
      const measured = changes.filter(isMeasurement);
      if (measured.length === 0) return applyNodeChanges(changes);
      // Returning the same list lets React skip the render (see measured-sizes.ts).
      setNodes((list) => noteMeasuredSizes(list, measured));
      const rest = changes.filter((c) => !isMeasurement(c));
      if (rest.length > 0) applyNodeChanges(rest);
    },
    [applyNodeChanges, setNodes, record],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      // Deleting nodes removes their edges in the same gesture: one undo step for both.
      const edit = changes.find((c) => editKinds.has(c.type));
      if (edit) record(edit.type === "remove" ? "remove" : null);
      applyEdgeChanges(changes);
    },
    [applyEdgeChanges, record],
  );

  const onDragStart = useCallback(() => record(null), [record]);

  /** A drag that ends over a group puts the moved cards in it; one that ends outside takes them out. */
  const onDragStop = useCallback(
    (moved: string[]) => setNodes((list) => {
      const next = regroupAfterDrag(list, moved);
      return next === list ? list : parentsFirst(next);
    }),
    [setNodes],
  );

  /** Resizing a group or note is one undo step, recorded as it starts. */
  const onResizeStart = useCallback(() => record(null), [record]);

  const addNode = useCallback(
    (type: string, position: XYPosition): string | null => {
      const spec = getSpec(type);
      if (!spec) return null;
      record(null);
      const id = nextNodeId(type, current.current.nodes.map((n) => n.id));
      // Not selected: opening the settings panel on every drop would shrink the canvas under the pointer.
      setNodes((list) => [...list, { id, type: "step", position, data: { nodeType: type, config: defaultConfig(configFields(spec.config)) } }]);
      return id;
    },
    [record, setNodes],
  );

  const connect = useCallback(
    (connection: Connection) => {
      record(null);
      setEdges((list) => connectReplacing(list, connection));
    },
    [record, setEdges],
  );

  const updateNodeData = useCallback(
    (id: string, patch: Partial<StepNode["data"]>) => {
      // Typing into one field is one undo step, not one per key.
      record(`data:${id}:${Object.keys(patch).join(",")}`);
      setNodes((list) => list.map((n) => (n.id === id && n.type === "step" ? { ...n, data: { ...n.data, ...patch } } : n)));
    },
    [record, setNodes],
  );

  /** Edits a group's label or a note's text; typing is one undo step. */
  const updateAnnotation = useCallback(
    (id: string, patch: Partial<GroupNode["data"]> | Partial<NoteNode["data"]>) => {
      record(`annotation:${id}`);
      setNodes((list) => list.map((n) => (n.id === id && n.type !== "step" ? ({ ...n, data: { ...n.data, ...patch } } as CanvasNode) : n)));
    },
    [record, setNodes],
  );

  const addNote = useCallback(
    (position: XYPosition) => {
      record(null);
      const id = nextNodeId("note", current.current.nodes.map((n) => n.id));
      setNodes((list) => [...list.map((n) => (n.selected ? { ...n, selected: false } : n)), newNote(id, position)]);
      return id;
    },
    [record, setNodes],
  );

  /** Draws a labelled group around the selection; false when nothing groupable is selected. */
  const groupSelected = useCallback(() => {
    const id = nextNodeId("group", current.current.nodes.map((n) => n.id));
    const next = groupSelection(current.current.nodes, id, "");
    if (!next) return false;
    record(null);
    setNodes(next);
    return true;
  }, [record, setNodes]);

  const ungroup = useCallback(
    (groupId: string) => {
      record(null);
      setNodes((list) => ungroupNodes(list, groupId));
    },
    [record, setNodes],
  );

  const removeNodes = useCallback(
    (ids: string[]) => {
      if (ids.length === 0) return;
      record(null);
      const gone = new Set(ids);
      setNodes((list) => list.filter((n) => !gone.has(n.id)));
      setEdges((list) => list.filter((e) => !gone.has(e.source) && !gone.has(e.target)));
    },
    [record, setNodes, setEdges],
  );

  const select = useCallback(
    (id: string | null) => setNodes((list) => list.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id }))),
    [setNodes],
  );

  /** The graph as it is now; computed on demand, not on every drag frame. */
  const currentGraph = useCallback((): Graph => flowToGraph(current.current.nodes, current.current.edges), []);

  const selectAll = useCallback(() => setNodes((list) => list.map((n) => (n.selected ? n : { ...n, selected: true }))), [setNodes]);

  const copy = useCallback((): Fragment | null => copySelection(current.current.nodes, current.current.edges), []);

  /** Adds a fragment as new selected nodes, `offset` away from where it was copied. */
  const paste = useCallback(
    (fragment: Fragment, offset: XYPosition) => {
      record(null);
      const added = pasteFragment(fragment, current.current.nodes.map((n) => n.id), offset);
      setNodes((list) => parentsFirst([...list.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added.nodes]));
      setEdges((list) => [...list, ...added.edges]);
      return added.nodes.length;
    },
    [record, setNodes, setEdges],
  );

  /** Replaces the whole canvas (import, restore a version, auto-layout) as one undoable step. */
  const replaceGraph = useCallback(
    (next: Graph) => {
      record(null);
      const flow = graphToFlow(next);
      setNodes(flow.nodes);
      setEdges(flow.edges);
    },
    [record, setNodes, setEdges],
  );

  /** Moves nodes to new positions and resizes groups (auto-layout) as one undoable step. */
  const moveNodes = useCallback(
    (placements: Map<string, Placement>) => {
      record(null);
      setNodes((list) =>
        list.map((n) => {
          const placed = placements.get(n.id);
          return placed ? { ...n, position: placed.position, ...(placed.size ?? {}) } : n;
        }),
      );
    },
    [record, setNodes],
  );

  return {
    nodes,
    edges,
    currentGraph,
    steps,
    onNodesChange,
    onEdgesChange,
    onDragStart,
    onDragStop,
    onResizeStart,
    addNode,
    addNote,
    groupSelected,
    ungroup,
    updateAnnotation,
    connect,
    updateNodeData,
    removeNodes,
    select,
    selectAll,
    copy,
    paste,
    replaceGraph,
    moveNodes,
    undo,
    redo,
  };
}
