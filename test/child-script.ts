/** Runs a CommonJS script in a fresh Node process (this one's loader flags) and returns its last stdout line as JSON. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

export function runScriptJson<T>(script: string, env: NodeJS.ProcessEnv, what: string): T {
  const child = spawnSync(process.execPath, [...process.execArgv, "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(child.status, 0, `${what} did not exit cleanly: ${String(child.stderr).slice(-300)}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as T;
}
