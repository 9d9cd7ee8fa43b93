/**
 * The native backend's OpenMP threads: D2L_NATIVE_THREADS picks them (a bad
 * value stops backend selection), 2 threads give the 1-thread results, and a
 * script still exits.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runScriptJson } from "./child-script";
import { CANDIDATES, selectBackend } from "../lib/backend";
import { NATIVE_THREADS_ENV, requestedNativeThreads } from "../lib/backend/native/addon";

describe("D2L_NATIVE_THREADS", () => {
  it("defaults to 1 and takes an integer from 1 to the cores present", () => {
    assert.equal(requestedNativeThreads({}), 1);
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

/** One conv + its gradients in a fresh process on the native backend, printing the threads and checksums. */
const CHILD = `
const { initBackend } = require(${JSON.stringify(join(__dirname, "..", "lib", "backend"))});
const { tf } = require(${JSON.stringify(join(__dirname, "..", "lib", "tf"))});
initBackend({ log: () => {} }).then((info) => {
  const x = tf.tensor4d(Array.from({ length: 4 * 20 * 20 * 8 }, (_, i) => Math.sin(i)), [4, 20, 20, 8]);
  const w = tf.tensor4d(Array.from({ length: 3 * 3 * 8 * 16 }, (_, i) => Math.cos(i)), [3, 3, 8, 16]);
  const [dx, dw] = tf.grads((a, b) => tf.sum(tf.square(tf.maxPool(tf.conv2d(a, b, 1, "same"), 2, 2, "valid"))))([x, w]);
  console.log(JSON.stringify({ name: info.name, threads: info.threads, dx: tf.sum(dx).dataSync()[0], dw: tf.sum(dw).dataSync()[0] }));
});
`;

function runChild(threads: string): { name: string; threads: number; dx: number; dw: number } {
  return runScriptJson(CHILD, { [NATIVE_THREADS_ENV]: threads }, `child with ${threads} thread(s)`);
}

describe("native threads", () => {
  it("2 threads give the 1-thread results and the process exits", () => {
    const one = runChild("1");
    const two = runChild("2");
    assert.deepEqual([one.name, one.threads, two.name, two.threads], ["native", 1, "native", 2]);
    assert.ok(Math.abs(two.dx - one.dx) <= 1e-4 * Math.abs(one.dx), `dx sums ${two.dx} vs ${one.dx}`);
    assert.ok(Math.abs(two.dw - one.dw) <= 1e-4 * Math.abs(one.dw), `dW sums ${two.dw} vs ${one.dw}`);
  });
});
