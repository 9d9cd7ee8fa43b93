/**
 * The threaded wasm build under Node: D2L_WASM_THREADS picks the pool size,
 * results equal the single-threaded build's, and a script still exits.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runScriptJson } from "./child-script";
import { DEFAULT_THREADS, MAX_THREADS, requestedThreads, THREADS_ENV } from "../lib/backend/wasm/threads";
import { libRoot } from "../lib/repo-root";

describe("D2L_WASM_THREADS", () => {
  it("defaults to DEFAULT_THREADS, capped by the cores present", () => {
    assert.equal(requestedThreads({}, 8), DEFAULT_THREADS);
    assert.equal(requestedThreads({}, 1), 1);
  });

  it("takes a positive integer and rejects anything else", () => {
    assert.equal(requestedThreads({ [THREADS_ENV]: "1" }, 2), 1);
    assert.equal(requestedThreads({ [THREADS_ENV]: " 4 " }, 2), 4);
    assert.equal(requestedThreads({ [THREADS_ENV]: String(MAX_THREADS) }, 2), MAX_THREADS);
    for (const bad of ["0", "-1", "1.5", "two", "abc", String(MAX_THREADS + 1), "64", "65"]) {
      assert.throws(
        () => requestedThreads({ [THREADS_ENV]: bad }, 2),
        /^EnvError: D2L_WASM_THREADS=.* must be an integer from 1 to 8/,
      );
    }
  });

  it("stops at the pthread pool the threaded build pre-allocates", () => {
    const build = readFileSync(
      require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js"),
      "utf8",
    );
    assert.equal(Number(/pthreadPoolSize=(\d+)/.exec(build)?.[1]), MAX_THREADS);
  });
});

/** Trains nothing: one conv + its filter gradient in a fresh process, printing the pool size and a checksum. */
const CHILD = `
const { prepareWasmBackend } = require(${JSON.stringify(join(libRoot(), "backend", "wasm"))});
const { tf } = require(${JSON.stringify(join(libRoot(), "tf"))});
prepareWasmBackend().then((info) => {
  const x = tf.tensor4d(Array.from({ length: 2 * 20 * 20 * 8 }, (_, i) => Math.sin(i)), [2, 20, 20, 8]);
  const w = tf.tensor4d(Array.from({ length: 3 * 3 * 8 * 16 }, (_, i) => Math.cos(i)), [3, 3, 8, 16]);
  const [dx, dw] = tf.grads((a, b) => tf.sum(tf.square(tf.conv2d(a, b, 1, "same"))))([x, w]);
  console.log(JSON.stringify({ threads: info.threads, dx: tf.sum(dx).dataSync()[0], dw: tf.sum(dw).dataSync()[0] }));
});
`;

function runChild(threads: string): { threads: number; dx: number; dw: number } {
  return runScriptJson(CHILD, { [THREADS_ENV]: threads }, `child with ${threads} thread(s)`);
}

describe("the threaded wasm build under Node", () => {
  it("runs with 2 threads, gives the 1-thread results, and lets the process exit", () => {
    const one = runChild("1");
    const two = runChild("2");
    assert.equal(one.threads, 1);
    assert.equal(two.threads, 2);
    assert.ok(Math.abs(two.dx - one.dx) <= 1e-4 * Math.abs(one.dx), `dx sums ${two.dx} vs ${one.dx}`);
    assert.ok(Math.abs(two.dw - one.dw) <= 1e-4 * Math.abs(one.dw), `dW sums ${two.dw} vs ${one.dw}`);
  });
});
