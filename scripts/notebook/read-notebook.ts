/**
 * Reading a notebook file with a one-line error naming the file and the defect
 * (not valid JSON, with line and column; not nbformat 4; a malformed cell), so
 * a broken file is reported before any output is touched.
 */
import { readFileSync } from "node:fs";
import { displayPath } from "./paths";
import type { Notebook } from "./notebook-json";

export class NotebookError extends Error {
  override name = "NotebookError";
}

const CELL_TYPES = ["code", "markdown", "raw"];

const shown = displayPath;

/** "line L, column C" for the "position N" JSON.parse reports. */
function jsonWhere(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${column}`;
}

function defect(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const notebook = value as Record<string, unknown>;
  if (notebook.nbformat === undefined) return 'no "nbformat" field';
  if (notebook.nbformat !== 4)
    return `"nbformat" is ${JSON.stringify(notebook.nbformat)}, not 4 (a Jupyter notebook of this era)`;
  if (!Array.isArray(notebook.cells)) return 'no "cells" list';
  if (typeof notebook.metadata !== "object" || notebook.metadata === null) return 'no "metadata" object';
  for (const [index, cell] of (notebook.cells as unknown[]).entries()) {
    if (typeof cell !== "object" || cell === null) return `cell ${index} is not an object`;
    const { cell_type, source, outputs } = cell as Record<string, unknown>;
    if (!CELL_TYPES.includes(cell_type as string))
      return `cell ${index} has "cell_type" ${JSON.stringify(cell_type)}; expected ${CELL_TYPES.join(", ")}`;
    if (typeof source !== "string" && !(Array.isArray(source) && source.every((s) => typeof s === "string"))) {
      return `cell ${index} has no "source" text`;
    }
    if (cell_type === "code" && outputs !== undefined && !Array.isArray(outputs))
      return `cell ${index} has "outputs" that is not a list`;
  }
  return undefined;
}

/** The notebook in `file`; NotebookError naming the file and what is wrong with it. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new NotebookError(
      `${shown(file)}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const restore = shown(file) === file ? "fix it" : `fix it or restore it with \`git checkout -- ${shown(file)}\``;
    throw new NotebookError(`${shown(file)}: not valid JSON: ${jsonWhere(text, (error as Error).message)}; ${restore}`);
  }
  const problem = defect(value);
  if (problem) throw new NotebookError(`${shown(file)}: not a Jupyter notebook: ${problem}`);
  return value as Notebook;
}

/** Reads every file first; throws for the first broken one, saying how many others are broken too. */
export function checkNotebooks(files: string[]): void {
  const errors: string[] = [];
  for (const file of files) {
    try {
      readNotebook(file);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length === 0) return;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more broken notebook${errors.length > 2 ? "s" : ""})` : "";
  throw new NotebookError(`${errors[0]}${more}; nothing was run or written`);
}
