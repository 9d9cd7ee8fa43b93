/**
 * Finding and stopping every process a notebook run started, however deep.
 * Jupyter starts each kernel in a new session (so a Ctrl-C in the terminal does
 * not reach it) and a killed nbconvert leaves it running under PID 1; the
 * kernel starts Chromium for figures. All of them inherit the environment, so
 * the run marks it with a unique RUN_ID_ENV and finds them by it in /proc
 * (Linux, which set-up targets; elsewhere none are found and this is a no-op).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

export const RUN_ID_ENV = "D2L_NOTEBOOK_RUN";

export function newRunId(): string {
  return randomUUID();
}

/** PIDs (other than this process) whose environment holds `env`=`value`. */
export function processesWithEnv(env: string, value: string): number[] {
  const marker = `${env}=${value}`;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) found.push(pid);
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Exited in the meantime.
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the run's processes: SIGTERM, then SIGKILL for any still there after
 * `graceMs`. Resolves when none is left, or after a few SIGKILL rounds; returns
 * the PIDs that would not go (none, normally).
 */
export async function stopRunProcesses(runId: string, graceMs = 3000): Promise<number[]> {
  signalAll(processesWithEnv(RUN_ID_ENV, runId), "SIGTERM");
  for (let waited = 0; waited < graceMs; waited += 100) {
    if (processesWithEnv(RUN_ID_ENV, runId).length === 0) return [];
    await sleep(100);
  }
  for (let round = 0; round < 20; round++) {
    const left = processesWithEnv(RUN_ID_ENV, runId);
    if (left.length === 0) return [];
    signalAll(left, "SIGKILL");
    await sleep(100);
  }
  return processesWithEnv(RUN_ID_ENV, runId);
}
