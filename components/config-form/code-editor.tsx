"use client";

// CodeMirror for prompt templates and JSON values. Large: always loaded through lazy-code-editor.tsx,
// so the editor's first load does not carry it.
import { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo } from "react";
import { useResolvedTheme } from "@/components/theme/use-resolved-theme";
import { cn } from "@/components/ui/cn";
import { jsonExtensions, promptExtensions } from "./code-languages";

export type CodeEditorProps = {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  language: "prompt" | "json";
  /** For prompts: the `{variables}` the node fills, highlighted and offered as completions. */
  variables?: readonly string[];
  invalid?: boolean;
  className?: string;
};

export default function CodeEditor({ id, testId, value, onChange, language, variables = [], invalid, className }: CodeEditorProps) {
  const dark = useResolvedTheme() === "dark";
  const variableKey = variables.join(",");
  const extensions = useMemo(
    () => [
      ...(language === "prompt" ? promptExtensions(variableKey ? variableKey.split(",") : []) : jsonExtensions()),
      // The label's `for`, the tests' handle and the invalid state belong on the editable element itself.
      EditorView.contentAttributes.of({ id, "data-testid": testId, ...(invalid ? { "aria-invalid": "true" } : {}) }),
    ],
    [language, variableKey, id, testId, invalid],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={dark ? "dark" : "light"}
      // In a prompt a brace starts a variable: closing it automatically would double the one completion inserts.
      basicSetup={{
        lineNumbers: language === "json",
        closeBrackets: language === "json",
        foldGutter: false,
        highlightActiveLine: false,
        highlightActiveLineGutter: false,
        autocompletion: false,
        searchKeymap: false,
      }}
      className={cn("overflow-hidden rounded-md border text-xs shadow-xs", invalid ? "border-destructive" : "border-input", className)}
      minHeight={language === "prompt" ? "8rem" : "5rem"}
      maxHeight="24rem"
    />
  );
}
