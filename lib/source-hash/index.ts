/**
 * A fingerprint of the library source a notebook's outputs depend on, printed
 * in its first output (lib/run-info.ts) so test/notebooks-fresh.test.ts can
 * tell when a committed notebook ran on an older library than it imports now.
 *
 * Covered: the files the notebook's imports reach. Each name imported from
 * "d2l-alexnet" or "d2l-alexnet/exN" leads to the module that defines it,
 * through the entry point's re-exports; then every lib file that module
 * imports, transitively. An entry point's own `import` statements run when it
 * loads, so their closure counts too (lib/index.ts's version check:
 * versions.ts); a pure re-export line does not, so adding an export to
 * lib/index.ts leaves every notebook fresh.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { libRoot, repoRoot } from "../repo-root";
import { definingModule, importClosure, loadTimeImports } from "./import-closure";
import { libImports, PACKAGE_NAME } from "./notebook-imports";

export interface SourceHash {
  /** 12 hex digits of SHA-256 over the covered files' lib-relative paths and contents. */
  hash: string;
  /** The covered files, lib-relative, sorted. */
  files: string[];
}

/** The lib file a library specifier loads: "d2l-alexnet" → index.ts, "d2l-alexnet/ex4" → exercises/ex4-…/index.ts. */
export function entryModule(root: string, specifier: string): string {
  if (specifier === PACKAGE_NAME) return "index.ts";
  const exercise = /^d2l-alexnet\/(ex\d+)$/.exec(specifier)?.[1];
  const folders = exercise
    ? readdirSync(path.join(root, "exercises")).filter((folder) => folder.startsWith(`${exercise}-`))
    : [];
  if (folders.length !== 1) {
    throw new Error(
      `library source: no entry point for "${specifier}"; import from "d2l-alexnet" or "d2l-alexnet/exN"`,
    );
  }
  return `exercises/${folders[0]}/index.ts`;
}

/** The lib files `code` (a notebook's code cells) depends on through its library imports. */
export function importedSources(code: string, root = libRoot()): string[] {
  const entries = new Set<string>();
  for (const { specifier, names } of libImports(code)) {
    const entry = entryModule(root, specifier);
    for (const loaded of loadTimeImports(root, entry)) entries.add(loaded);
    if (names === "*") {
      entries.add(entry);
      continue;
    }
    for (const name of names) {
      const defining = definingModule(root, entry, name);
      if (defining === undefined) {
        throw new Error(`library source: "${specifier}" exports no "${name}"; fix the notebook's import`);
      }
      entries.add(defining);
    }
  }
  return importClosure(root, entries);
}

export function hashSources(files: string[], root = libRoot()): SourceHash {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return { hash: hash.digest("hex").slice(0, 12), files: [...files].sort() };
}

/** A notebook's code cells joined into one TypeScript text. */
export function notebookCode(notebook: { cells: { cell_type: string; source: string | string[] }[] }): string {
  return notebook.cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source))
    .join("\n");
}

/** The notebook file an exercise folder belongs to: "ex4-more-epochs" → <repo>/notebooks/4-more-epochs.ipynb. */
export function notebookOfExercise(exercise: string, repo = repoRoot()): string {
  return path.join(repo, "notebooks", `${exercise.replace(/^ex/, "")}.ipynb`);
}

/** The hash of the lib files the notebook's code imports. */
export function notebookSourceHash(code: string, root = libRoot()): SourceHash {
  return hashSources(importedSources(code, root), root);
}
