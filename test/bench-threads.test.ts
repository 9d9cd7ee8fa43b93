/**
 * scripts/bench-threads.ts, which chose the thread policy and the path for
 * convolutions on small images (docs/bench.md): it refuses an unknown
 * comparison in one line, and times each policy of the one it is given.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "../lib/repo-root";

const run = (...args: string[]) =>
  spawnSync(path.join(repoRoot(), "node_modules", ".bin", "tsx"), [path.join("scripts", "bench-threads.ts"), ...args], {
    cwd: repoRoot(),
    encoding: "utf8",
    timeout: 120_000,
  });

describe("bench-threads", () => {
  it("refuses an unknown --compare in one line", () => {
    const result = run("--compare", "grains");
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /^--compare must be one of threads, conv-as-product, got "grains" \(see --help\)\n$/);
  });

  it("--compare conv-as-product times direct kernels and the product, on 1 thread and every core", () => {
    const result = run("--case", "lenet28_b256", "--compare", "conv-as-product", "--rounds", "1");
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.match(lines[0], /^lenet28_b256, OMP_WAIT_POLICY=PASSIVE, 1 round:$/);
    const policies = lines.slice(1).map((line) => line.replace(/: [\d.]+ img\/s \(median\), best [\d.]+$/, ""));
    assert.deepEqual(policies.slice(0, 2), ["  1 thread, direct kernels", "  1 thread, 2×2-3×3 images as a product"]);
    assert.equal(policies.length, 4, result.stdout);
  });
});
