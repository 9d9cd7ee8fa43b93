/** Shared by the fault-injection tests: running the real npm scripts and watching their processes. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestContext } from "node:test";
import { processesWithEnv } from "../scripts/notebook/run-processes";
import { repoRoot } from "../lib/repo-root";

export const ROOT = repoRoot();
export const MARK_ENV = "D2L_FAULT_TEST";

export function tempDir(t: TestContext, prefix = "d2l-fault-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm run SCRIPT -- ARGS` to completion: status and both streams. */
export function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 120_000) {
  const run = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `npm run SCRIPT -- ARGS` in its own process group, every descendant marked with MARK_ENV=mark. */
export function startNpm(
  script: string,
  args: string[],
  mark: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, [MARK_ENV]: mark },
  });
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { child, output: () => text };
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

export const marked = (mark: string) => processesWithEnv(MARK_ENV, mark);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 200 ms until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}

export function exited(
  child: ChildProcess,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    const timer = setTimeout(() => reject(new Error(`npm still running after ${ms / 1000} s`)), ms);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}
