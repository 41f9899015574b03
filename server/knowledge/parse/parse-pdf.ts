// PDF text layer via pdfjs-dist's legacy build (the one meant for Node): every page's text in order,
// with where each page begins, so each chunk knows its page. Scanned PDFs without a text layer are
// refused with that reason rather than indexed as empty. No worker thread, network, eval or font loading.
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { IngestError, type ParsedDocument } from "./parsed-document";

async function loadPdfjs() {
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

export async function parsePdf(content: Uint8Array, fileName: string): Promise<ParsedDocument> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
    data: new Uint8Array(content),
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError(`"${fileName}" is not a readable PDF (${reason})`);
  }
  try {
    const pages: ParsedDocument["pages"] = [];
    let text = "";
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let pageText = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const piece = item as TextItem;
        pageText += piece.str;
        if (piece.hasEOL) pageText += "\n";
        else if (piece.str !== "" && !/\s$/.test(piece.str)) pageText += " ";
      }
      pageText = pageText.replace(/[ \t]+\n/g, "\n").replace(/[ \t]{2,}/g, " ").trim();
      page.cleanup();
      if (pageText === "") continue;
      if (text !== "") text += "\n\n";
      pages.push({ page: number, offset: text.length });
      text += pageText;
    }
    if (text === "") throw new IngestError(`"${fileName}" has no text layer (a scanned PDF needs OCR before it can be indexed)`);
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : undefined;
    return { title, text, headings: [], pages, markdown: false };
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError(`"${fileName}" is a damaged PDF (${reason})`);
  } finally {
    await pdf.destroy();
  }
}
