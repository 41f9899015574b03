// Where a JSON text stops parsing, for the JSON field's message and the code editor's lint mark. Pure:
// the form reads it without loading CodeMirror.

/** Where JSON.parse stopped, as an offset into the text, when its message says. */
export function jsonErrorAt(text: string): { at: number; message: string } | null {
  if (text.trim() === "") return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    return { at: position ? Math.min(Number(position[1]), text.length) : text.length, message };
  }
}
