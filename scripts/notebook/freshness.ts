/**
 * Whether a committed notebook's outputs come from the library it imports now:
 * its first output prints `library source: <hash> (lib/ with exercises/<folder>)`
 * (lib/run-info.ts), and the hash must equal libSourceHash(<folder>) of this
 * checkout. Notebook N's folder is lib/exercises/exN-<its name>.
 */
import path from "node:path";
import { libSourceHash } from "../../lib/source-hash";
import { joinText, type Notebook } from "./notebook-json";
import { displayPath } from "./paths";

const HASH_LINE = /^library source: ([0-9a-f]{12}) \(lib\/ with exercises\/([^)\s]+)\)$/m;

/** lib/exercises folder of a notebook file: "4-more-epochs.ipynb" → "ex4-more-epochs". */
export function exerciseFolderOf(file: string): string {
  return `ex${path.basename(file, ".ipynb")}`;
}

/** undefined when fresh; otherwise one line saying what is stale and the command that fixes it. */
export function staleOutputs(file: string, notebook: Notebook, currentHash = libSourceHash): string | undefined {
  const name = displayPath(file);
  const number = path.basename(file).split("-")[0];
  const fix = `re-run it with \`npm run notebooks -- ${number}\` and \`npm run markdown\``;
  const printed = notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((output) => joinText(output.text as string | string[] | undefined))
    .find((text) => HASH_LINE.test(text));
  if (printed === undefined)
    return `${name}: no "library source:" line in its outputs (an unexecuted or old notebook); ${fix}`;
  const [, hash, folder] = HASH_LINE.exec(printed)!;
  const expected = exerciseFolderOf(file);
  if (folder !== expected) {
    return `${name}: its first cell passes exercise "${folder}", not "${expected}"; call runInfo({ exercise: "${expected}" }) and ${fix}`;
  }
  const now = currentHash(expected);
  if (hash !== now) return `${name}: outputs come from library source ${hash}, lib is now ${now}; ${fix}`;
  return undefined;
}
