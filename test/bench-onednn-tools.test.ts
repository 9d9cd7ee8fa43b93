/**
 * The two C++ measurements in scripts/bench/ that time oneDNN outside the
 * addon. split-conv.cc (docs/bench.md, "A dynamic split of the work,
 * measured") builds with the addon's toolchain, refuses bad flags with a
 * one-line error, and its --busy spinner dies with it even when it is
 * killed outright. conv-as-matmul.cc ("What bounds it") computes every
 * direction of AlexNet@68's convolutions both ways, and the two agree.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../lib/repo-root";
import { waitFor } from "./fault-helpers";

const dir = mkdtempSync(path.join(tmpdir(), "bench-tools-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Builds scripts/bench/<name>.cc as its header says; returns a runner for it. */
function build(name: string) {
  const binary = path.join(dir, name);
  const source = path.join(repoRoot(), "scripts", "bench", `${name}.cc`);
  const built = spawnSync("g++", ["-O2", "-std=c++17", "-fopenmp", "-o", binary, source, "-ldnnl"], {
    encoding: "utf8",
  });
  assert.equal(built.status, 0, `g++ ${name}.cc failed:\n${built.stderr}`);
  const run = (...args: string[]) =>
    spawnSync(binary, args, {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, OMP_WAIT_POLICY: "PASSIVE" },
    });
  return { binary, run };
}

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

describe("split-conv, the static-against-dynamic split measurement", () => {
  let tool: ReturnType<typeof build>;
  before(() => {
    tool = build("split-conv");
  });
  const run = (...args: string[]) => tool.run(...args);

  it("refuses a chunk count that does not divide the batch, and a zero round count", () => {
    const chunks = run("--chunks", "5");
    assert.equal(chunks.status, 2);
    assert.match(chunks.stderr, /^split-conv: --chunks must divide the batch of 32\n$/);
    const rounds = run("--rounds", "0");
    assert.equal(rounds.status, 2);
    assert.match(rounds.stderr, /^split-conv: --rounds must be a positive integer, got '0'\n$/);
  });

  it("leaves no spinning process behind when it is killed with SIGKILL", async () => {
    const running = spawn(tool.binary, ["--busy", "--rounds", "1000"], { stdio: "ignore" });
    const pid = running.pid!;
    try {
      const spinner = await waitFor("the --busy spinner", 10_000, () => childrenOf(pid)[0]);
      running.kill("SIGKILL");
      await waitFor(`spinner ${spinner} to die with its parent`, 5_000, () => (alive(spinner) ? undefined : true));
    } finally {
      running.kill("SIGKILL");
    }
  });
});

describe("conv-as-matmul, AlexNet@68's small convolutions as one product", () => {
  let tool: ReturnType<typeof build>;
  before(() => {
    tool = build("conv-as-matmul");
  });

  it("gives oneDNN's results in every direction, layer and thread count (im2col and col2im are right)", () => {
    const out = tool.run("--rounds", "1");
    assert.equal(out.status, 0, out.stderr);
    const gaps = [...out.stdout.matchAll(/gap (\S+)$/gm)].map((m) => Number(m[1]));
    assert.equal(gaps.length, 4 * 3 * 2, `expected 24 comparisons:\n${out.stdout}`);
    for (const gap of gaps) assert.ok(gap < 1e-4, `a product result is ${gap} (relative) off oneDNN's:\n${out.stdout}`);
  });

  it("--sweep compares the seven layers around the library's bound, each of them in agreement", () => {
    const out = tool.run("--rounds", "1", "--sweep");
    assert.equal(out.status, 0, out.stderr);
    const names = new Set(
      [...out.stdout.matchAll(/^(.+?) +(?:forward|backward data|backward weights) +\d thread/gm)].map((m) =>
        m[1].trim(),
      ),
    );
    assert.equal(names.size, 7, out.stdout);
    const gaps = [...out.stdout.matchAll(/gap (\S+)$/gm)].map((m) => Number(m[1]));
    assert.equal(gaps.length, 7 * 3 * 2, out.stdout);
    for (const gap of gaps) assert.ok(gap < 1e-4, `a product result is ${gap} (relative) off oneDNN's:\n${out.stdout}`);
  });

  it("refuses an unknown argument or a bad round count with a one-line error", () => {
    for (const args of [["--round", "3"], ["--rounds", "0"], ["--rounds"]]) {
      const out = tool.run(...args);
      assert.equal(out.status, 2, args.join(" "));
      assert.match(
        out.stderr,
        /^conv-as-matmul: unknown or bad argument '[^']+' \(usage: \[--rounds N\] \[--sweep\], N >= 1\)\n$/,
      );
    }
  });
});
