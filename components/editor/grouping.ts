// Groups and notes on the canvas: drawing a group around a selection, dissolving it, and moving a
// card into or out of a group when a drag ends over one. Pure: the draft hook and its tests share it.
import type { XYPosition } from "@xyflow/react";
import type { CanvasNode, GroupNode, NoteNode } from "./flow-graph";

const PADDING = 32;
/** Room above the members for the group's label. */
const HEADER = 28;
const FALLBACK = { width: 224, height: 120 };

function sizeOf(n: CanvasNode): { width: number; height: number } {
  return { width: n.measured?.width ?? n.width ?? FALLBACK.width, height: n.measured?.height ?? n.height ?? FALLBACK.height };
}

/** Where a node sits on the canvas, whatever it is inside. Groups never sit in groups, so one step up suffices. */
export function absolutePosition(node: CanvasNode, byId: ReadonlyMap<string, CanvasNode>): XYPosition {
  const parent = node.parentId ? byId.get(node.parentId) : undefined;
  return parent ? { x: parent.position.x + node.position.x, y: parent.position.y + node.position.y } : node.position;
}

/** React Flow draws a parent before its members: groups keep the front of the list. */
export function parentsFirst(nodes: CanvasNode[]): CanvasNode[] {
  return [...nodes.filter((n) => n.type === "group"), ...nodes.filter((n) => n.type !== "group")];
}

function detached(node: CanvasNode, byId: ReadonlyMap<string, CanvasNode>): CanvasNode {
  if (!node.parentId) return node;
  const { parentId: _gone, extent: _extent, ...rest } = node;
  return { ...rest, position: absolutePosition(node, byId) } as CanvasNode;
}

/**
 * A new group drawn around the selected cards and notes (groups themselves are not nested), with the
 * members moved into it; null when nothing groupable is selected.
 */
export function groupSelection(nodes: CanvasNode[], id: string, label: string): CanvasNode[] | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const members = nodes.filter((n) => n.selected && n.type !== "group");
  if (members.length === 0) return null;
  const boxes = members.map((n) => ({ at: absolutePosition(n, byId), size: sizeOf(n) }));
  const left = Math.min(...boxes.map((b) => b.at.x)) - PADDING;
  const top = Math.min(...boxes.map((b) => b.at.y)) - PADDING - HEADER;
  const right = Math.max(...boxes.map((b) => b.at.x + b.size.width)) + PADDING;
  const bottom = Math.max(...boxes.map((b) => b.at.y + b.size.height)) + PADDING;
  const group: GroupNode = {
    id,
    type: "group",
    position: { x: Math.round(left), y: Math.round(top) },
    width: Math.round(right - left),
    height: Math.round(bottom - top),
    data: { label },
  };
  const picked = new Set(members.map((n) => n.id));
  const moved = nodes.map((n): CanvasNode => {
    if (!picked.has(n.id)) return n.selected ? { ...n, selected: false } : n;
    const at = absolutePosition(n, byId);
    return { ...n, parentId: id, selected: false, position: { x: Math.round(at.x - left), y: Math.round(at.y - top) } } as CanvasNode;
  });
  return parentsFirst([{ ...group, selected: true }, ...moved]);
}

/** Removes a group and leaves its members where they are on the canvas. */
export function ungroup(nodes: CanvasNode[], groupId: string): CanvasNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes.filter((n) => n.id !== groupId).map((n) => (n.parentId === groupId ? detached(n, byId) : n));
}

function inside(point: XYPosition, group: CanvasNode): boolean {
  const { width, height } = sizeOf(group);
  return point.x >= group.position.x && point.x <= group.position.x + width && point.y >= group.position.y && point.y <= group.position.y + height;
}

/**
 * After a drag: each moved card or note whose centre now lies in a group joins it (the topmost one),
 * and one dragged out of its group leaves it. Returns the same array when nothing changed membership.
 */
export function regroupAfterDrag(nodes: CanvasNode[], movedIds: Iterable<string>): CanvasNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = nodes.filter((n) => n.type === "group").reverse();
  const updates = new Map<string, CanvasNode>();
  for (const id of movedIds) {
    const node = byId.get(id);
    if (!node || node.type === "group") continue;
    const at = absolutePosition(node, byId);
    const { width, height } = sizeOf(node);
    const centre = { x: at.x + width / 2, y: at.y + height / 2 };
    const home = groups.find((g) => inside(centre, g));
    if ((home?.id ?? undefined) === node.parentId) continue;
    const free = detached(node, byId);
    updates.set(
      id,
      home ? ({ ...free, parentId: home.id, position: { x: Math.round(at.x - home.position.x), y: Math.round(at.y - home.position.y) } } as CanvasNode) : free,
    );
  }
  if (updates.size === 0) return nodes;
  return nodes.map((n) => updates.get(n.id) ?? n);
}

/** A new note, ready to type into. */
export function newNote(id: string, position: XYPosition): NoteNode {
  return { id, type: "note", position, width: 220, height: 140, data: { text: "" }, selected: true };
}
