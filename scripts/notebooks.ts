/**
 * `npm run notebooks [-- NAMES...] [--timeout SECONDS] [--out DIR]`: executes
 * notebooks/ headless on the tslab kernel (real `jupyter nbconvert --execute`)
 * with the run preset from D2L_PRESET (smoke | cpu | full; default cpu), and
 * saves each executed notebook in place (or into --out DIR). A notebook that
 * fails is reported (notebook, cell, error) and left as it was.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { activePreset, PRESET_ENV } from "../lib/presets";
import { parseFlags, positiveInt, runCli } from "./cli/args";
import { executeNotebook } from "./notebook/execute";
import { selectNotebooks } from "./notebook/paths";
import { checkJupyter } from "./notebook/preflight";
import { buildLib } from "./setup";
import { REPO_ROOT } from "./setup/kernel";

/** Long enough for the cpu preset's longest training cell on 2 cores; smoke cells take seconds. */
export const DEFAULT_CELL_TIMEOUT_SECONDS = 1800;

export interface RunNotebooksOptions {
  names?: string[];
  timeoutSeconds?: number;
  /** Folder for the executed copies; default: overwrite the notebooks in place. */
  outDir?: string;
  log?: (line: string) => void;
}

/** Executes the notebooks one after another; returns the failure reports (empty when all passed). */
export async function runNotebooks(options: RunNotebooksOptions = {}): Promise<string[]> {
  const { names = [], timeoutSeconds = DEFAULT_CELL_TIMEOUT_SECONDS, outDir, log = (line: string) => console.log(line) } = options;
  const preset = activePreset();
  checkJupyter({ execute: true });
  const notebooks = selectNotebooks(names);
  if (outDir) mkdirSync(outDir, { recursive: true });
  log(`notebooks: preset ${preset.name} (${PRESET_ENV}), cell timeout ${timeoutSeconds} s, ${notebooks.length} notebook(s)`);
  const failures: string[] = [];
  const started = performance.now();
  for (const [i, notebook] of notebooks.entries()) {
    const output = outDir ? path.join(outDir, path.basename(notebook)) : notebook;
    log(`[${i + 1}/${notebooks.length}] ${path.relative(REPO_ROOT, notebook)}`);
    const result = await executeNotebook(notebook, { timeoutSeconds, output, log });
    if (result.ok) {
      log(`  done in ${result.seconds.toFixed(0)} s -> ${path.relative(REPO_ROOT, output) || output}`);
    } else {
      log(`  FAILED after ${result.seconds.toFixed(0)} s; ${path.relative(REPO_ROOT, notebook)} is unchanged`);
      failures.push(result.failure!);
    }
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  log(`notebooks: ${notebooks.length - failures.length} executed, ${failures.length} failed, ${minutes} min`);
  for (const failure of failures) log(failure);
  return failures;
}

const USAGE = `usage: npm run notebooks -- [NAME...] [--timeout SECONDS] [--out DIR]
  NAME           notebook file name, with or without .ipynb, or a unique prefix ("1"); default: all
  --timeout S    per-cell limit in seconds (default ${DEFAULT_CELL_TIMEOUT_SECONDS})
  --out DIR      write executed copies into DIR instead of updating notebooks/
  D2L_PRESET     run preset: smoke | cpu (default) | full`;

if (require.main === module) {
  runCli(async () => {
    const { values, positionals } = parseFlags({
      options: { timeout: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    buildLib();
    const failures = await runNotebooks({
      names: positionals,
      timeoutSeconds: positiveInt("timeout", values.timeout, DEFAULT_CELL_TIMEOUT_SECONDS),
      outDir: values.out ? path.resolve(values.out) : undefined,
    });
    if (failures.length > 0) throw new Error(`notebooks: ${failures.length} notebook(s) failed (reports above)`);
  });
}
