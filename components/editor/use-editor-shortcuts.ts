"use client";

import { useEffect, useRef } from "react";

export type EditorShortcuts = {
  save: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  duplicate: () => void;
  selectAll: () => void;
  search: () => void;
  group: () => void;
};

/** True while the person types into a field: there, Ctrl+Z, C, V and A belong to the field. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The editor's keyboard shortcuts (Ctrl or ⌘): S save, K search nodes, Z / Shift+Z / Y undo and redo, C X V D A, G group. */
export function useEditorShortcuts(actions: EditorShortcuts) {
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.metaKey || event.ctrlKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (key === "s") return run(latest.current.save);
      if (key === "k") return run(latest.current.search);
      if (typingIn(event.target)) return;
      if (key === "z") return run(event.shiftKey ? latest.current.redo : latest.current.undo);
      if (key === "y") return run(latest.current.redo);
      if (key === "c") return run(latest.current.copy);
      if (key === "x") return run(latest.current.cut);
      if (key === "v") return run(latest.current.paste);
      if (key === "d") return run(latest.current.duplicate);
      if (key === "a") return run(latest.current.selectAll);
      if (key === "g") return run(latest.current.group);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
