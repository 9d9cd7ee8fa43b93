/**
 * Runs scripts/bench_torch.py (PyTorch CPU, same models and batches) and
 * returns its JSON. Debian's python3-torch lives in /usr/bin/python3, which a
 * pyenv or venv python3 earlier on PATH may hide, so both are tried;
 * D2L_PYTHON names another interpreter.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { WARM_UP_SECONDS } from "./bench-step";

export type TorchResult = Record<string, number | string>;

export function findTorchPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.D2L_PYTHON ? [env.D2L_PYTHON] : ["python3", "/usr/bin/python3"];
  return candidates.find((python) => spawnSync(python, ["-c", "import torch"], { stdio: "ignore" }).status === 0);
}

/**
 * The environment for PyTorch at `threads` threads, or at its defaults (undefined: the user's
 * environment untouched). torch.set_num_threads caps only its own pool; Debian's BLAS keeps another
 * that reads its count at load (measured: a 2048³ matmul at one torch thread ran at 335 GFLOP/s on
 * two cores, 172 with OPENBLAS_NUM_THREADS=1), so a pinned run caps both.
 */
export function torchEnvironment(threads: number | undefined, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (threads === undefined) return env;
  return { ...env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
}

/**
 * Progress lines from the script go to `progress`; resolves with the JSON of its last stdout line.
 * `threads` pins PyTorch (and its BLAS) to that many threads; without it PyTorch runs at its defaults.
 */
export function runTorchBench(
  args: string[],
  progress: (line: string) => void,
  threads?: number,
): Promise<TorchResult> {
  const python = findTorchPython();
  if (!python)
    return Promise.reject(new Error("no python3 with torch found (apt-get install python3-torch, or set D2L_PYTHON)"));
  return new Promise((resolve, reject) => {
    const script = [join(__dirname, "bench_torch.py"), "--warm-up-seconds", String(WARM_UP_SECONDS)];
    if (threads !== undefined) script.push("--threads", String(threads));
    script.push(...args);
    const env = torchEnvironment(threads);
    const child = spawn(python, script, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(progress));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`bench_torch.py exited with ${code}`));
      try {
        resolve(JSON.parse(last) as TorchResult);
      } catch {
        reject(new Error(`bench_torch.py printed no JSON: ${last.slice(0, 200)}`));
      }
    });
  });
}
