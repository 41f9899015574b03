// Incremental parser for a text/event-stream body read with fetch + ReadableStream: chunks may split
// a message (or a line) anywhere, so text is buffered until a blank line ends each message.

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = "";

  /** Feeds decoded text; returns the messages it completed. */
  push(text: string): SseMessage[] {
    this.buffer += text;
    const messages: SseMessage[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n\r\n|\n\n|\r\r/);
      if (end < 0) break;
      const block = this.buffer.slice(0, end);
      const separator = this.buffer.slice(end).match(/^(\r\n\r\n|\n\n|\r\r)/)![0];
      this.buffer = this.buffer.slice(end + separator.length);
      const message = parseBlock(block);
      if (message) messages.push(message);
    }
    return messages;
  }

  /** The stream ended: a final message without its blank line still counts. */
  end(): SseMessage[] {
    const rest = this.buffer;
    this.buffer = "";
    const message = rest.trim() ? parseBlock(rest) : null;
    return message ? [message] : [];
  }
}

function parseBlock(block: string): SseMessage | null {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (data.length === 0) return null;
  return { event, data: data.join("\n"), ...(id !== undefined ? { id } : {}) };
}
