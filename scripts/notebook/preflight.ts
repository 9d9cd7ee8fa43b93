/**
 * What executing and exporting notebooks needs, checked up front so a missing
 * piece is one line with its fix instead of a Python traceback.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromiumProblem } from "../../lib/plot/chromium";
import { checkWritable } from "../cli/writable";
import { jupyterEnv, KERNEL_NAME } from "../setup/kernel";
import { outputDirs, type OutputPlan } from "./output-plan";
import { checkNotebooks } from "./read-notebook";

const SETUP = "run `npm run setup`";

function runs(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore", env: jupyterEnv() });
  return !result.error && result.status === 0;
}

function jupyterDataPaths(): string[] {
  const result = spawnSync("jupyter", ["--paths", "--json"], { encoding: "utf8", env: jupyterEnv() });
  if (result.status !== 0) return [];
  return (JSON.parse(result.stdout) as { data: string[] }).data;
}

function kernelProblem(): string | undefined {
  const spec = jupyterDataPaths()
    .map((dir) => path.join(dir, "kernels", KERNEL_NAME, "kernel.json"))
    .find((file) => existsSync(file));
  if (!spec) return `the Jupyter kernel "${KERNEL_NAME}" is not registered: ${SETUP}`;
  const program = (JSON.parse(readFileSync(spec, "utf8")) as { argv: string[] }).argv[0];
  if (!existsSync(program))
    return `the "${KERNEL_NAME}" kernel in ${spec} points at ${program}, which is missing: ${SETUP}`;
  return undefined;
}

/** Throws one line naming the first missing piece and its fix. */
export function checkJupyter(needs: { execute: boolean }): void {
  if (!runs("jupyter", ["--version"])) {
    throw new Error(`jupyter not found: ${SETUP} (apt-get install jupyter-notebook) or pip install notebook`);
  }
  if (!runs("jupyter", ["nbconvert", "--version"])) {
    throw new Error(
      `jupyter nbconvert not found: ${SETUP} (apt-get install jupyter-nbconvert python3-nbclient) or pip install nbconvert`,
    );
  }
  if (!needs.execute) return;
  const kernel = kernelProblem();
  if (kernel) throw new Error(kernel);
  const chromium = chromiumProblem();
  if (chromium) throw new Error(`${chromium} (figures need it for their PNGs)`);
}

/**
 * What a run checks before building or executing anything: every notebook reads and is meant for the
 * tslab kernel, and every folder the run writes (with `markdown`, the solutions' too) can be written.
 */
export function checkRunInputs(notebooks: string[], plan: OutputPlan, { markdown }: { markdown: boolean }): void {
  checkNotebooks(notebooks, { kernel: KERNEL_NAME });
  checkWritable(outputDirs(plan, { markdown }));
}
