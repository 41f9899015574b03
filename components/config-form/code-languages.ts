// What the code editor knows about its two languages: prompt templates with `{variable}` placeholders,
// and JSON. CodeMirror extensions, loaded only with the editor itself (see code-editor.tsx).
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { StreamLanguage } from "@codemirror/language";
import { linter, type Diagnostic } from "@codemirror/lint";
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import type { Extension } from "@codemirror/state";
import { jsonErrorAt } from "./json-error";

/** Marks each `{name}`: a name the node fills is highlighted, any other is underlined as never filled. */
function variableMarks(known: ReadonlySet<string>): Extension {
  const matcher = new MatchDecorator({
    regexp: /\{(\w+)\}/g,
    decoration: (match) =>
      known.has(match[1])
        ? Decoration.mark({ class: "cm-prompt-variable" })
        : Decoration.mark({ class: "cm-prompt-variable cm-prompt-variable-unknown", attributes: { title: `This node does not fill {${match[1]}}: it is sent as written` } }),
  });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = matcher.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = matcher.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

/** Typing `{` offers the variables the node fills. */
export function variableCompletions(variables: readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/\{\w*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return {
      from: word.from,
      options: variables.map((name) => ({ label: `{${name}}`, type: "variable", detail: "filled at run time" })),
      validFor: /^\{\w*$/,
    };
  };
}

const promptTheme = EditorView.baseTheme({
  ".cm-prompt-variable": { backgroundColor: "rgb(139 92 246 / 0.25)", borderRadius: "2px" },
  ".cm-prompt-variable-unknown": { textDecoration: "underline wavy #dc2626" },
});

export function promptExtensions(variables: readonly string[]): Extension[] {
  return [variableMarks(new Set(variables)), autocompletion({ override: [variableCompletions(variables)], activateOnTyping: true }), promptTheme, EditorView.lineWrapping];
}

/** JSON tokens, enough to colour keys, strings, numbers and literals. */
const json = StreamLanguage.define<null>({
  name: "json",
  startState: () => null,
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return stream.match(/^\s*:/, false) ? "propertyName" : "string";
    if (stream.match(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^(?:true|false)\b/)) return "bool";
    if (stream.match(/^null\b/)) return "null";
    stream.next();
    return "punctuation";
  },
});


const jsonLint = linter((view): Diagnostic[] => {
  const text = view.state.doc.toString();
  const error = jsonErrorAt(text);
  if (!error) return [];
  const to = Math.min(error.at + 1, text.length);
  return [{ from: Math.min(error.at, to), to, severity: "error", message: error.message }];
}, { delay: 300 });

export function jsonExtensions(): Extension[] {
  return [json, jsonLint];
}
