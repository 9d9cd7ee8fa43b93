/**
 * The native backend's OpenMP threads: D2L_NATIVE_THREADS picks them (a bad
 * value stops backend selection), 2 threads give the 1-thread results, and a
 * script still exits.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runScriptJson } from "./child-script";
import { BACKEND_ENV, CANDIDATES, selectBackend } from "../lib/backend";
import { loadAddon } from "../lib/backend/native";
import { cgroupCpuLimit, usableCores } from "../lib/backend/cores";
import { NATIVE_THREADS_ENV, requestedNativeThreads } from "../lib/backend/native/addon";
import { libRoot } from "../lib/repo-root";

describe("usable cores", () => {
  const files = (entries: Record<string, string>) => (file: string) => entries[file];
  it("reads the cgroup v2 quota, rounding a fraction of a CPU up", () => {
    assert.equal(cgroupCpuLimit(files({ "/sys/fs/cgroup/cpu.max": "150000 100000\n" })), 2);
    assert.equal(cgroupCpuLimit(files({ "/sys/fs/cgroup/cpu.max": "50000 100000" })), 1);
    assert.equal(cgroupCpuLimit(files({ "/sys/fs/cgroup/cpu.max": "max 100000" })), undefined);
  });
  it("falls back to cgroup v1's cfs quota, where -1 means none", () => {
    const v1 = (quota: string) =>
      files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": quota, "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000" });
    assert.equal(cgroupCpuLimit(v1("300000")), 3);
    assert.equal(cgroupCpuLimit(v1("-1")), undefined);
    assert.equal(cgroupCpuLimit(files({})), undefined);
  });
  it("takes the smaller of the affinity mask's cores and the quota", () => {
    assert.equal(usableCores(files({ "/sys/fs/cgroup/cpu.max": "100000 100000" }), 8), 1);
    assert.equal(usableCores(files({ "/sys/fs/cgroup/cpu.max": "max 100000" }), 8), 8);
    assert.equal(usableCores(files({ "/sys/fs/cgroup/cpu.max": "1600000 100000" }), 2), 2);
  });
});

describe("D2L_NATIVE_THREADS", () => {
  it("defaults to every usable core and takes an integer from 1 to the cores present", () => {
    assert.equal(requestedNativeThreads({}), usableCores());
    assert.equal(requestedNativeThreads({}, 3), 3);
    assert.equal(requestedNativeThreads({ [NATIVE_THREADS_ENV]: " 1 " }), 1);
    for (const bad of ["0", "-1", "1.5", "two", "100000"]) {
      assert.throws(
        () => requestedNativeThreads({ [NATIVE_THREADS_ENV]: bad }),
        /^EnvError: D2L_NATIVE_THREADS=".*" must be an integer from 1 to \d+/,
      );
    }
  });

  it("a bad value stops selection rather than falling through to wasm", async () => {
    process.env[NATIVE_THREADS_ENV] = "abc";
    try {
      await assert.rejects(
        selectBackend({ env: {}, log: () => {}, candidates: CANDIDATES }),
        /D2L_NATIVE_THREADS="abc"/,
      );
    } finally {
      delete process.env[NATIVE_THREADS_ENV];
    }
  });
});

/**
 * Convolutions, pooling and ReLU with their gradients in a fresh process on the native backend, printing the
 * threads and checksums: a small conv (under the grain: the calling thread alone), one of 1.2 GFLOP over
 * 2^20 activations (large enough for every thread), and one of 340 MFLOP on 3×3 images (im2col and one
 * matrix product with the measured bound set, on every thread).
 */
const CHILD = `
const { initBackend } = require(${JSON.stringify(join(libRoot(), "backend"))});
const { loadAddon } = require(${JSON.stringify(join(libRoot(), "backend", "native"))});
const { tf } = require(${JSON.stringify(join(libRoot(), "tf"))});
const filled = (shape, f) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => f(i)), shape);
initBackend({ log: () => {} }).then((info) => {
  loadAddon().setConvAsProduct({ maxPixels: 9 });
  const sums = [];
  for (const [n, size, c] of [[4, 20, 8], [16, 32, 64], [32, 3, 256]]) {
    const x = filled([n, size, size, c], Math.sin);
    const w = filled([3, 3, c, c], (i) => Math.cos(i) / c);
    const loss = (a, b) => tf.sum(tf.square(tf.maxPool(tf.relu(tf.conv2d(a, b, 1, "same")), 2, 2, "valid")));
    const [dx, dw] = tf.grads(loss)([x, w]);
    sums.push({ dx: tf.sum(dx).dataSync()[0], dw: tf.sum(dw).dataSync()[0] });
  }
  const planned = loadAddon().plannedThreads({ flops: 2 * 16 * 32 * 32 * 64 * 9 * 64 });
  console.log(JSON.stringify({ name: info.name, threads: info.threads, planned, sums }));
});
`;

interface ChildResult {
  name: string;
  threads: number;
  planned: number;
  sums: { dx: number; dw: number }[];
}

function runChild(threads: string): ChildResult {
  return runScriptJson(CHILD, { [NATIVE_THREADS_ENV]: threads }, `child with ${threads} thread(s)`);
}

describe("native threads", () => {
  it("2 threads give the 1-thread results, small and large, and the process exits", () => {
    const one = runChild("1");
    const two = runChild("2");
    assert.deepEqual([one.name, one.threads, one.planned], ["native", 1, 1]);
    assert.deepEqual([two.name, two.threads, two.planned], ["native", 2, 2], "the large conv runs on 2 threads");
    for (const [i, sums] of two.sums.entries()) {
      const { dx, dw } = one.sums[i];
      assert.ok(Math.abs(sums.dx - dx) <= 1e-4 * Math.abs(dx), `case ${i}: dx sums ${sums.dx} vs ${dx}`);
      assert.ok(Math.abs(sums.dw - dw) <= 1e-4 * Math.abs(dw), `case ${i}: dW sums ${sums.dw} vs ${dw}`);
    }
  });

  it("a call too small to pay for a second thread runs on the calling thread", async () => {
    await selectBackend({ env: { [BACKEND_ENV]: "native" }, log: () => {}, candidates: CANDIDATES });
    const addon = loadAddon();
    addon.setThreads({ threads: 2 });
    try {
      // LeNet's largest convolution (123 MFLOP) and AlexNet@68's smallest (669 MFLOP).
      assert.equal(addon.plannedThreads({ flops: 123e6 }), 1);
      assert.equal(addon.plannedThreads({ flops: 669e6 }), 2);
      assert.equal(addon.plannedThreads({ elements: 256 * 28 * 28 * 6 }), 1, "LeNet's largest activation");
      assert.equal(addon.plannedThreads({ elements: 46_764_746 }), 2, "AlexNet's SGD update");
      addon.setThreads({ threads: 4 });
      assert.equal(addon.plannedThreads({ flops: 669e6 }), 4);
    } finally {
      addon.setThreads({ threads: requestedNativeThreads() });
    }
  });
});
