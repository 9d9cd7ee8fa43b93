import { counted } from "../lib/format";
/**
 * `npm run markdown [-- NAMES...] [--from DIR] [--out DIR]`: exports the
 * executed notebooks (notebooks/, or --from DIR) to markdown in solutions/ (or
 * --out DIR) with the real `jupyter nbconvert --to markdown`, figures as PNG
 * files in NAME_files/.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseFlags, runCli } from "./cli/args";
import { exportMarkdown } from "./notebook/export-markdown";
import { NOTEBOOKS_DIR, selectNotebooks, SOLUTIONS_DIR } from "./notebook/paths";
import { checkJupyter } from "./notebook/preflight";
import { checkNotebooks } from "./notebook/read-notebook";
import { existingFolder, outFolder } from "./cli/folders";
import { REPO_ROOT } from "./setup/kernel";

export function exportSolutions(
  options: { names?: string[]; from?: string; out?: string; log?: (line: string) => void } = {},
): void {
  const { names = [], from = NOTEBOOKS_DIR, out = SOLUTIONS_DIR, log = (line: string) => console.log(line) } = options;
  const notebooks = selectNotebooks(names, from);
  // Every notebook is read before the first export replaces anything.
  checkNotebooks(notebooks);
  checkJupyter({ execute: false });
  for (const notebook of notebooks) {
    const { markdown, figures } = exportMarkdown(notebook, out);
    log(
      `markdown: ${path.relative(REPO_ROOT, notebook) || notebook} -> ${path.relative(REPO_ROOT, markdown) || markdown} (${counted(figures, "figure file")})`,
    );
  }
  if (names.length === 0) {
    for (const stale of staleExports(notebooks, out)) {
      rmSync(stale, { recursive: true, force: true });
      log(`markdown: removed ${path.relative(REPO_ROOT, stale) || stale} (its notebook is gone)`);
    }
  }
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

const USAGE = `usage: npm run markdown -- [NAME...] [--from DIR] [--out DIR]
  NAME        notebook file name or unique prefix; default: all (and exports of removed notebooks are deleted)
  --from DIR  executed notebooks to export (default notebooks/)
  --out DIR   where NAME.md and NAME_files/ go (default solutions/)`;

if (require.main === module) {
  runCli(async () => {
    const { values, positionals } = parseFlags({
      options: { from: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
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
    });
  });
}
