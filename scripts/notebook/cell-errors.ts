/**
 * The cells of a saved notebook that failed. Jupyter kernels record a failure
 * as an `error` output; tslab instead writes it to the cell's stderr (a thrown
 * error as `Error: boom` with its stack, a type error as `1:7 - Cannot find
 * name 'x'.`), so a stderr line of either shape counts too.
 */
import { joinText, type Notebook, type NotebookOutput } from "./notebook-json";

const THROWN = /^(?:Uncaught )?[A-Z]\w*(?:Error|Exception)\b.*$/m;
const TYPE_ERROR = /^(?:\S+ )?\d+:\d+ - .*$/m;

export interface FailedCell {
  /** "In [3] (cell index 5)": the prompt the cell was run under (or would get in a fresh run), and its position. */
  cell: string;
  /** The error's first line, e.g. "Error: boom". */
  error: string;
}

function errorLine(output: NotebookOutput): string | undefined {
  if (output.output_type === "error") return `${output.ename}: ${output.evalue}`;
  if (output.output_type !== "stream" || output.name !== "stderr") return undefined;
  const text = joinText(output.text);
  return (THROWN.exec(text) ?? TYPE_ERROR.exec(text))?.[0].trim();
}

export function failedCells(notebook: Notebook): FailedCell[] {
  const failed: FailedCell[] = [];
  let ordinal = 0;
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    ordinal++;
    const error = (cell.outputs ?? []).map(errorLine).find((line) => line !== undefined);
    if (error === undefined) continue;
    const prompt = typeof cell.execution_count === "number" ? cell.execution_count : ordinal;
    failed.push({ cell: `In [${prompt}] (cell index ${index})`, error: error.slice(0, 120) });
  }
  return failed;
}
