import { counted } from "../lib/format";
/**
 * `npm run markdown [-- NAMES...] [--from DIR] [--out DIR] [--allow-errors]`:
 * exports the executed notebooks (notebooks/, or --from DIR) to markdown in
 * solutions/ (or --out DIR) with the real `jupyter nbconvert --to markdown`,
 * figures as PNG files in NAME_files/. A notebook holding a failed cell is
 * refused (naming the cell) unless --allow-errors.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseFlags, runCli } from "./cli/args";
import { exportMarkdown } from "./notebook/export-markdown";
import { displayPath, NOTEBOOKS_DIR, selectNotebooks, SOLUTIONS_DIR } from "./notebook/paths";
import { checkJupyter } from "./notebook/preflight";
import { failedCells } from "./notebook/cell-errors";
import { checkNotebooks, readNotebook } from "./notebook/read-notebook";
import { existingFolder, outFolder } from "./cli/folders";
import { checkWritable } from "./cli/writable";
import { repoRoot } from "../lib/repo-root";

export interface ExportOptions {
  names?: string[];
  from?: string;
  out?: string;
  /** Export notebooks holding failed cells as they are. */
  allowErrors?: boolean;
  log?: (line: string) => void;
}

export function exportSolutions(options: ExportOptions = {}): void {
  const { names = [], from = NOTEBOOKS_DIR, out = SOLUTIONS_DIR, log = (line: string) => console.log(line) } = options;
  const notebooks = selectNotebooks(names, from);
  // Every notebook is read before the first export replaces anything.
  checkNotebooks(notebooks);
  if (!options.allowErrors) refuseFailedCells(notebooks);
  checkWritable([out]);
  checkJupyter({ execute: false });
  for (const notebook of notebooks) {
    const { markdown, figures } = exportMarkdown(notebook, out);
    log(
      `markdown: ${path.relative(repoRoot(), notebook) || notebook} -> ${path.relative(repoRoot(), markdown) || markdown} (${counted(figures, "figure file")})`,
    );
  }
  if (names.length === 0) {
    for (const stale of staleExports(notebooks, out)) {
      rmSync(stale, { recursive: true, force: true });
      log(`markdown: removed ${path.relative(repoRoot(), stale) || stale} (its notebook is gone)`);
    }
  }
}

/** One line naming every failed cell of every notebook, so a solution never shows an error as if it were a result. */
function refuseFailedCells(notebooks: string[]): void {
  const failures = notebooks.flatMap((notebook) =>
    failedCells(readNotebook(notebook)).map(({ cell, error }) => `${displayPath(notebook)} ${cell}: ${error}`),
  );
  if (failures.length === 0) return;
  throw new Error(
    `markdown: ${failures.join("; ")}; nothing was written: re-run the notebook (npm run notebooks), or export it as it is with --allow-errors`,
  );
}

/** NAME.md and NAME_files/ in `out` whose notebook no longer exists (README.md is never one). */
function staleExports(notebooks: string[], out: string): string[] {
  if (!existsSync(out)) return [];
  const names = new Set(notebooks.map((n) => path.basename(n, ".ipynb")));
  return readdirSync(out)
    .filter((entry) => entry !== "README.md")
    .filter((entry) => {
      const name = entry.endsWith(".md")
        ? entry.slice(0, -3)
        : entry.endsWith("_files")
          ? entry.slice(0, -6)
          : undefined;
      return name !== undefined && !names.has(name);
    })
    .map((entry) => path.join(out, entry));
}

const USAGE = `usage: npm run markdown -- [NAME...] [--from DIR] [--out DIR] [--allow-errors]
  NAME            notebook file name or unique prefix; default: all (and exports of removed notebooks are deleted)
  --from DIR      executed notebooks to export (default notebooks/)
  --out DIR       where NAME.md and NAME_files/ go (default solutions/)
  --allow-errors  export notebooks whose cells failed (an error output, or tslab's error on stderr);
                  without it such a notebook is refused, naming the cell`;

if (require.main === module) {
  runCli(async () => {
    const { values, positionals } = parseFlags({
      options: {
        from: { type: "string" },
        out: { type: "string" },
        "allow-errors": { type: "boolean" },
        help: { type: "boolean" },
      },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    exportSolutions({
      names: positionals,
      from: existingFolder("from", values.from),
      out: outFolder("out", values.out),
      allowErrors: values["allow-errors"],
    });
  });
}
