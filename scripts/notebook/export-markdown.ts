/**
 * Exports an executed notebook to markdown with the real `jupyter nbconvert
 * --to markdown`: NAME.md plus NAME_files/ (figures as PNG files GitHub shows),
 * replacing the previous export of that notebook as a whole.
 *
 * Configured by scripts/nbconvert/markdown_config.json: images outrank HTML
 * (nbconvert's markdown default puts text/html first and would paste a figure's
 * HTML, script and all). Outputs are cleaned first (clean-outputs.ts). The
 * result depends only on the notebook's content: exporting twice gives the same
 * bytes.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeError } from "../cli/writable";
import { jupyterEnv } from "../setup/kernel";
import { notebookForMarkdown } from "./clean-outputs";
import { readNotebook } from "./read-notebook";
import { repoRoot } from "../../lib/repo-root";

const CONFIG = path.join(repoRoot(), "scripts", "nbconvert", "markdown_config.json");

/** The files an export of `notebookFile` owns in `outDir`. */
export function exportedPaths(notebookFile: string, outDir: string): { markdown: string; files: string } {
  const name = path.basename(notebookFile, ".ipynb");
  return { markdown: path.join(outDir, `${name}.md`), files: path.join(outDir, `${name}_files`) };
}

export function exportMarkdown(notebookFile: string, outDir: string): { markdown: string; figures: number } {
  const name = path.basename(notebookFile, ".ipynb");
  const workDir = mkdtempSync(path.join(tmpdir(), "d2l-markdown-"));
  try {
    const notebook = readNotebook(notebookFile);
    const cleaned = path.join(workDir, `${name}.ipynb`);
    writeFileSync(cleaned, `${JSON.stringify(notebookForMarkdown(notebook), null, 1)}\n`);
    const built = path.join(workDir, "out");
    const result = spawnSync(
      "jupyter",
      ["nbconvert", "--config", CONFIG, "--to", "markdown", "--output-dir", built, cleaned],
      {
        encoding: "utf8",
        env: jupyterEnv(),
      },
    );
    if (result.status !== 0) {
      const last = (result.stderr || result.error?.message || "").trim().split("\n").slice(-3).join(" | ");
      throw new Error(`markdown: nbconvert failed on ${path.basename(notebookFile)}: ${last}`);
    }
    const { markdown, files } = exportedPaths(notebookFile, outDir);
    const builtFiles = path.join(built, `${name}_files`);
    const figures = readdirSync(built).includes(`${name}_files`) ? readdirSync(builtFiles).length : 0;
    mkdirSync(outDir, { recursive: true });
    // Both parts are staged beside their targets first: a full disk leaves the previous export whole.
    const stagedFiles = `${files}.${process.pid}.tmp`;
    const stagedMarkdown = path.join(outDir, `.${name}.md.${process.pid}.tmp`);
    try {
      if (figures > 0) stage(builtFiles, stagedFiles, files);
      stage(path.join(built, `${name}.md`), stagedMarkdown, markdown);
      // Replace the old export: stale figure files of a previous run must not linger.
      rmSync(files, { recursive: true, force: true });
      if (figures > 0) renameSync(stagedFiles, files);
      renameSync(stagedMarkdown, markdown);
    } finally {
      rmSync(stagedFiles, { recursive: true, force: true });
      rmSync(stagedMarkdown, { force: true });
    }
    return { markdown, figures };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Moves `from` to `staging` (a copy when the temp folder is on another file system); errors name `target`. */
function stage(from: string, staging: string, target: string): void {
  try {
    try {
      renameSync(from, staging);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      cpSync(from, staging, { recursive: true });
    }
  } catch (error) {
    throw writeError(target, error);
  }
}
