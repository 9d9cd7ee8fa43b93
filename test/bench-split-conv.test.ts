/**
 * scripts/bench/split-conv.cc, the measurement behind docs/bench.md's "A
 * dynamic split of the work, measured": it builds with the addon's
 * toolchain, refuses bad flags with a one-line error, and its --busy spinner
 * dies with it even when it is killed outright.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../lib/repo-root";

const dir = mkdtempSync(path.join(tmpdir(), "split-conv-"));
const binary = path.join(dir, "split-conv");

const run = (...args: string[]) => spawnSync(binary, args, { encoding: "utf8", timeout: 60_000 });

/** The pids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

const alive = (pid: number) => {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8")); // a zombie has exited
};

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 50)))
    if (condition()) return true;
  return condition();
}

describe("split-conv, the static-against-dynamic split measurement", () => {
  before(() => {
    const source = path.join(repoRoot(), "scripts", "bench", "split-conv.cc");
    const build = spawnSync("g++", ["-O2", "-std=c++17", "-fopenmp", "-o", binary, source, "-ldnnl"], {
      encoding: "utf8",
    });
    assert.equal(build.status, 0, `g++ failed:\n${build.stderr}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a chunk count that does not divide the batch, and a zero round count", () => {
    const chunks = run("--chunks", "5");
    assert.equal(chunks.status, 2);
    assert.match(chunks.stderr, /^split-conv: --chunks must divide the batch of 32\n$/);
    const rounds = run("--rounds", "0");
    assert.equal(rounds.status, 2);
    assert.match(rounds.stderr, /^split-conv: --rounds must be a positive integer, got '0'\n$/);
  });

  it("leaves no spinning process behind when it is killed with SIGKILL", async () => {
    const tool = spawn(binary, ["--busy", "--rounds", "1000"], { stdio: "ignore" });
    const pid = tool.pid!;
    try {
      assert.ok(await until(() => childrenOf(pid).length > 0, 10_000), "--busy started no spinner");
      const [spinner] = childrenOf(pid);
      tool.kill("SIGKILL");
      assert.ok(await until(() => !alive(spinner), 5_000), `spinner ${spinner} outlived its parent`);
    } finally {
      tool.kill("SIGKILL");
    }
  });
});
