/**
 * Whether a committed notebook's outputs come from the library it imports now:
 * its first output prints `library source: <hash> (<name>.ipynb's imports: N files)`
 * (lib/run-info.ts), and the hash must equal the hash of the lib files its code
 * imports in this checkout (lib/source-hash). Notebook N's exercise folder is
 * lib/exercises/exN-<its name>.
 */
import path from "node:path";
import { notebookCode, notebookSourceHash } from "../../lib/source-hash";
import { joinText, type Notebook } from "./notebook-json";
import { displayPath } from "./paths";

const HASH_LINE = /^library source: ([0-9a-f]{12}) \((.*)\)$/m;
const SCOPE_NOTEBOOK = /^(\S+\.ipynb)'s imports:/;

/** lib/exercises folder of a notebook file: "4-more-epochs.ipynb" → "ex4-more-epochs". */
export function exerciseFolderOf(file: string): string {
  return `ex${path.basename(file, ".ipynb")}`;
}

/** The hash of the lib files the notebook's code imports now. */
export function currentSourceHash(notebook: Notebook): string {
  return notebookSourceHash(notebookCode(notebook)).hash;
}

/** undefined when fresh; otherwise one line saying what is stale and the command that fixes it. */
export function staleOutputs(file: string, notebook: Notebook, currentHash = currentSourceHash): string | undefined {
  const name = displayPath(file);
  const number = path.basename(file).split("-")[0];
  const fix = `re-run it with \`npm run notebooks -- ${number}\` and \`npm run markdown\``;
  const printed = notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((output) => joinText(output.text as string | string[] | undefined))
    .find((text) => HASH_LINE.test(text));
  if (printed === undefined)
    return `${name}: no "library source:" line in its outputs (an unexecuted or old notebook); ${fix}`;
  const [, hash, scope] = HASH_LINE.exec(printed)!;
  const printedFor = SCOPE_NOTEBOOK.exec(scope)?.[1];
  if (printedFor !== undefined && printedFor !== path.basename(file)) {
    const expected = exerciseFolderOf(file);
    return `${name}: its first cell passes exercise "${exerciseFolderOf(printedFor)}", not "${expected}"; call runInfo({ exercise: "${expected}" }) and ${fix}`;
  }
  const now = currentHash(notebook);
  if (hash !== now) return `${name}: outputs come from library source ${hash}, lib is now ${now}; ${fix}`;
  return undefined;
}

/** The notebooks among `files` whose committed outputs are stale, each with its staleOutputs line. */
export function staleNotebooks(files: string[], read: (file: string) => Notebook): { file: string; why: string }[] {
  return files.flatMap((file) => {
    const why = staleOutputs(file, read(file));
    return why === undefined ? [] : [{ file, why }];
  });
}
