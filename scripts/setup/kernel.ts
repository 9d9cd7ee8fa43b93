import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const KERNEL_NAME = "tslab";
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The kernel.json `tslab install` would write, but pointing at this repo's own tslab. */
export function kernelSpec(tslabPath = path.join(REPO_ROOT, "node_modules", ".bin", "tslab")) {
  return {
    argv: [tslabPath, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
}

/** The user's Jupyter data directory, as Jupyter itself reports it. */
export function jupyterDataDir(): string {
  const result = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8" });
  if (result.status !== 0 || !result.stdout.trim()) {
    throw new Error("setup: `jupyter --data-dir` failed; is Jupyter installed? (apt-get install jupyter-notebook, or pip install notebook)");
  }
  return result.stdout.trim();
}

/**
 * Registers the tslab kernel for the current user: writes kernels/tslab/kernel.json
 * under Jupyter's data directory, where `jupyter kernelspec install --user` would
 * (Debian ships no `jupyter kernelspec` command).
 */
export function registerKernel(log: (line: string) => void): void {
  const spec = kernelSpec();
  if (!existsSync(spec.argv[0])) throw new Error(`setup: ${spec.argv[0]} is missing; run \`npm ci\` first`);
  const dir = path.join(jupyterDataDir(), "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "kernel.json");
  writeFileSync(`${file}.tmp`, `${JSON.stringify(spec, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  log(`setup: Jupyter kernel "${KERNEL_NAME}" -> ${spec.argv[0]} (${file})`);
}
