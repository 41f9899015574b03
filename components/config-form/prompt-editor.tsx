"use client";

import { promptVariables } from "./config-fields";
import { LazyCodeEditor } from "./lazy-code-editor";

/**
 * A prompt template in CodeMirror: the `{variables}` the node fills (`provided`) are highlighted and
 * offered on typing `{`; any other placeholder is marked as never filled. They are listed below too.
 */
export function PromptEditor({
  id,
  testId,
  value,
  provided,
  invalid,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  provided: readonly string[];
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const used = promptVariables(value);
  const filled = used.filter((name) => provided.includes(name));
  const unknown = used.filter((name) => !provided.includes(name));
  return (
    <div>
      <LazyCodeEditor id={id} testId={testId} value={value} onChange={onChange} language="prompt" variables={provided} invalid={invalid} />
      <p data-testid={`${testId}-variables`} className="mt-1 text-xs text-muted-foreground">
        {filled.length > 0 ? (
          <>
            Filled at run time:{" "}
            {filled.map((name) => (
              <code key={name} className="mr-1 rounded bg-violet-100 px-1 text-violet-900">{`{${name}}`}</code>
            ))}
          </>
        ) : (
          "No {variables} the node fills: the prompt is sent as written."
        )}
        {unknown.length > 0 && (
          <span className="block text-amber-700">Not filled by this node, sent as written: {unknown.map((name) => `{${name}}`).join(" ")}</span>
        )}
      </p>
      {provided.length > 0 && <p className="text-xs text-muted-foreground">This node fills: {provided.map((name) => `{${name}}`).join(" ")} (type {"{"} to insert one).</p>}
    </div>
  );
}
