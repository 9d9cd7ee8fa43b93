/**
 * What a notebook's outputs lose on the way to markdown: terminal colour codes
 * (tslab and progress bars write them; nbconvert's markdown keeps them) and
 * <script> elements in HTML (dead text on GitHub, and unsafe). Figures are not
 * affected: their PNG outranks their HTML (export-markdown.ts).
 */
import { joinText, type Notebook, type NotebookOutput } from "./notebook-json";

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

export function stripScripts(html: string): string {
  return html.replace(SCRIPT, "");
}

function cleanOutput(output: NotebookOutput): NotebookOutput {
  const cleaned: NotebookOutput = { ...output };
  if (output.output_type === "stream") cleaned.text = stripAnsi(joinText(output.text));
  if (output.output_type === "error") cleaned.traceback = (output.traceback ?? []).map(stripAnsi);
  if (output.data) {
    const data = { ...output.data };
    delete data["application/javascript"];
    if (data["text/html"] !== undefined)
      data["text/html"] = stripScripts(joinText(data["text/html"] as string | string[]));
    cleaned.data = data;
  }
  return cleaned;
}

/** A copy of the notebook whose outputs are fit for markdown; the input is not modified. */
export function notebookForMarkdown(notebook: Notebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => (cell.outputs ? { ...cell, outputs: cell.outputs.map(cleanOutput) } : cell)),
  };
}
