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

/** Progress lines from the script go to `progress`; resolves with the JSON of its last stdout line. */
export function runTorchBench(args: string[], progress: (line: string) => void): Promise<TorchResult> {
  const python = findTorchPython();
  if (!python)
    return Promise.reject(new Error("no python3 with torch found (apt-get install python3-torch, or set D2L_PYTHON)"));
  return new Promise((resolve, reject) => {
    // PyTorch as its users run it: whatever OMP_* the user's environment has, none added.
    const script = [join(__dirname, "bench_torch.py"), "--warm-up-seconds", String(WARM_UP_SECONDS), ...args];
    const child = spawn(python, script, { stdio: ["ignore", "pipe", "pipe"] });
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
