/**
 * Reading a notebook file with a one-line error naming the file and the defect
 * (not valid JSON, with line and column; not nbformat 4; a malformed cell), so
 * a broken file is reported before any output is touched.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { displayPath } from "./paths";
import type { Notebook } from "./notebook-json";
import { repoRoot } from "../../lib/repo-root";

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
    const restore = isTracked(file) ? `fix it or restore it with \`git checkout -- ${shown(file)}\`` : "fix it";
    throw new NotebookError(`${shown(file)}: not valid JSON: ${jsonWhere(text, (error as Error).message)}; ${restore}`);
  }
  const problem = defect(value);
  if (problem) throw new NotebookError(`${shown(file)}: not a Jupyter notebook: ${problem}`);
  return value as Notebook;
}

/** Whether git tracks `file` in this checkout (only then can `git checkout` restore it). */
function isTracked(file: string): boolean {
  const relative = path.relative(repoRoot(), file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return false;
  return (
    spawnSync("git", ["ls-files", "--error-unmatch", "--", relative], { cwd: repoRoot(), stdio: "ignore" }).status === 0
  );
}

/** What is wrong with the notebook's kernelspec for a run on `kernel`; none named is fine (the run picks it). */
export function kernelProblem(file: string, notebook: Notebook, kernel: string): string | undefined {
  const spec = notebook.metadata.kernelspec as { name?: unknown } | undefined;
  if (spec === undefined || spec.name === kernel) return undefined;
  return `${shown(file)}: its kernel is ${JSON.stringify(spec.name)} (metadata.kernelspec.name), not "${kernel}": these notebooks run on the TypeScript kernel; pick "TypeScript" under Kernel > Change Kernel and save, or set the name to "${kernel}"`;
}

/**
 * Reads every file first; throws one line naming every broken one. With `kernel`, a notebook meant for
 * another kernel counts as broken too.
 */
export function checkNotebooks(files: string[], options: { kernel?: string } = {}): void {
  const errors: string[] = [];
  for (const file of files) {
    try {
      const notebook = readNotebook(file);
      const kernel = options.kernel === undefined ? undefined : kernelProblem(file, notebook, options.kernel);
      if (kernel) errors.push(kernel);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length === 0) return;
  throw new NotebookError(`${errors.join("; ")}; nothing was run or written`);
}
