/**
 * Runs the Jupyter server for `npm run lab` and stops it the one way that
 * shuts its kernels down: a single SIGTERM. jupyter_server treats SIGINT
 * without a tty as a bare KeyboardInterrupt (its loop ends, its kernels stay
 * under PID 1) and dies on SIGHUP at once. So the server runs in its own
 * process group, where a Ctrl-C, a `kill -- -PGID` or a closed terminal does
 * not reach it; this process takes SIGINT, SIGTERM and SIGHUP, sends SIGTERM
 * and waits. Whatever the server leaves (a kernel that would not stop, the
 * Chromium it started) is found by the run's environment mark and stopped,
 * and the server's private runtime folder (jpserver-*.json with its token,
 * kernel-*.json) is removed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { JUPYTER_DATA_DIR } from "../setup/kernel";
import { newRunId, RUN_ID_ENV, stopRunProcesses } from "../notebook/run-processes";
import { Interrupted, stopSignal, type StopSignal } from "../notebook/stop-signals";
import type { ServerCommand } from "./server";

/** cleanup_kernels asks each kernel to stop and kills it after 5 s (shutdown_wait_time); this is the margin. */
const SERVER_STOP_MS = 20_000;
const RUNTIME_PREFIX = "lab-runtime-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A runtime folder for this server only, inside the checkout's .jupyter/ (a browser from a snap cannot read
 * /tmp, and it opens the server's redirect file from here). Folders of earlier runs that were killed outright
 * are removed first.
 */
export function privateRuntimeDir(): string {
  mkdirSync(JUPYTER_DATA_DIR, { recursive: true });
  for (const entry of readdirSync(JUPYTER_DATA_DIR)) {
    const owner = Number(entry.slice(RUNTIME_PREFIX.length).split("-")[0]);
    if (entry.startsWith(RUNTIME_PREFIX) && Number.isInteger(owner) && owner > 0 && !alive(owner))
      rmSync(path.join(JUPYTER_DATA_DIR, entry), { recursive: true, force: true });
  }
  // mkdtemp makes it 0700: the token in jpserver-*.json stays the user's.
  return mkdtempSync(path.join(JUPYTER_DATA_DIR, `${RUNTIME_PREFIX}${process.pid}-`));
}

/** Copies the server's output line by line; a closed terminal (EIO, EPIPE) must not stop the shutdown. */
function forward(stream: NodeJS.ReadableStream, to: NodeJS.WriteStream): void {
  to.on("error", () => {});
  createInterface({ input: stream }).on("line", (line) => {
    if (to.writable) to.write(`${line}\n`);
  });
}

/**
 * Runs `server` until it exits or a stop signal arrives; resolves with its exit status, or throws Interrupted
 * (exit 128 + the signal's number) once everything it started is gone.
 */
export async function superviseServer(
  server: ServerCommand & { cwd: string },
  log: (line: string) => void,
): Promise<number> {
  const abort = stopSignal();
  const runtimeDir = privateRuntimeDir();
  const runId = newRunId();
  const child = spawn(server.command, server.args, {
    cwd: server.cwd,
    detached: true,
    // No tty on stdin: jupyter_server then asks for no confirmation on any signal.
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...server.env, JUPYTER_RUNTIME_DIR: runtimeDir, [RUN_ID_ENV]: runId },
  });
  forward(child.stdout!, process.stdout);
  forward(child.stderr!, process.stderr);
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    log(`lab: ${abort.reason as StopSignal}: stopping the Jupyter server and its kernels (SIGTERM)...`);
    child.kill("SIGTERM");
    killTimer = setTimeout(() => {
      log(`lab: the server did not stop within ${SERVER_STOP_MS / 1000} s; killing it`);
      child.kill("SIGKILL");
    }, SERVER_STOP_MS);
  };
  try {
    const status: number = await new Promise((resolve, reject) => {
      child.once("error", (error) => reject(new Error(`lab: could not start ${server.command}: ${error.message}`)));
      child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
      if (abort.aborted) stop();
      else abort.addEventListener("abort", stop, { once: true });
    });
    if (abort.aborted) throw new Interrupted(abort.reason as StopSignal);
    return status;
  } finally {
    abort.removeEventListener("abort", stop);
    clearTimeout(killTimer);
    const left = await stopRunProcesses(runId, 3000);
    if (left.length > 0) log(`lab: could not stop process(es) ${left.join(", ")}; kill them by hand`);
    rmSync(runtimeDir, { recursive: true, force: true });
    if (abort.aborted) log("lab: stopped; no kernel or server left");
  }
}
