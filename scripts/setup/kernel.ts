/**
 * The tslab kernel spec (and plotly.js for the classic Notebook) live in this
 * checkout's own Jupyter data folder, .jupyter/ (git-ignored), which every
 * jupyter command the scripts and tests start sees through JUPYTER_PATH
 * (jupyterEnv). Nothing is written to the user's ~/.local/share/jupyter, so two
 * checkouts never overwrite each other's kernel and deleting one breaks nothing
 * else.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../lib/repo-root";

export const KERNEL_NAME = "tslab";
/** This checkout's Jupyter data folder: kernels/tslab/ and nbextensions/. */
export const JUPYTER_DATA_DIR = path.join(repoRoot(), ".jupyter");

/** `base` with this checkout's Jupyter data folder first on JUPYTER_PATH: pass it to every jupyter command. */
export function jupyterEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const rest =
    base.JUPYTER_PATH?.split(path.delimiter).filter((dir) => dir && path.resolve(dir) !== JUPYTER_DATA_DIR) ?? [];
  return { ...base, JUPYTER_PATH: [JUPYTER_DATA_DIR, ...rest].join(path.delimiter) };
}

/** The kernel.json `tslab install` would write, but pointing at this repo's own tslab. */
export function kernelSpec(tslabPath = path.join(repoRoot(), "node_modules", ".bin", "tslab")) {
  return {
    argv: [tslabPath, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
}

export function kernelSpecFile(dataDir = JUPYTER_DATA_DIR): string {
  return path.join(dataDir, "kernels", KERNEL_NAME, "kernel.json");
}

/** Whether `jupyter --version` runs (Debian's package or pip's, whichever is on PATH). */
export function hasJupyter(): boolean {
  const result = spawnSync("jupyter", ["--version"], { stdio: "ignore", env: jupyterEnv() });
  return !result.error && result.status === 0;
}

/** The user's Jupyter data directory, as Jupyter itself reports it. */
function userJupyterDataDir(): string | undefined {
  const result = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

/** Earlier set-ups wrote the spec user-wide; that copy is removed when it points into this checkout. */
function removeUserWideSpec(log: (line: string) => void): void {
  const dir = userJupyterDataDir();
  if (!dir) return;
  const file = kernelSpecFile(dir);
  try {
    const argv0 = (JSON.parse(readFileSync(file, "utf8")) as { argv?: string[] }).argv?.[0] ?? "";
    if (!argv0.startsWith(`${repoRoot()}${path.sep}`)) return;
  } catch {
    return;
  }
  rmSync(path.dirname(file), { recursive: true, force: true });
  log(`setup: removed the user-wide kernel spec ${file} an earlier set-up of this checkout wrote`);
}

/**
 * Registers the tslab kernel for this checkout: writes .jupyter/kernels/tslab/kernel.json,
 * where `jupyter kernelspec install --prefix` would put it (Debian ships no
 * `jupyter kernelspec` command).
 */
export function registerKernel(log: (line: string) => void): void {
  const spec = kernelSpec();
  if (!existsSync(spec.argv[0])) throw new Error(`setup: ${spec.argv[0]} is missing; run \`npm ci\` first`);
  const file = kernelSpecFile();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(spec, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  log(
    `setup: Jupyter kernel "${KERNEL_NAME}" -> ${spec.argv[0]} (${path.relative(repoRoot(), file)}, seen through JUPYTER_PATH)`,
  );
  removeUserWideSpec(log);
}
