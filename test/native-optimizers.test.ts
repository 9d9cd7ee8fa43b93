/**
 * The fused optimizer updates (lib/train/fused-optimizers.ts over the addon's
 * sgdUpdate / adamUpdate) give tfjs's own SGD and Adam weights bit for bit,
 * are what makeOptimizer returns on the native backend, never write into a
 * buffer another tensor shares, and refuse mismatched tensors.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { nativeOptimizerUpdates, prepareNativeBackend } from "../lib/backend/native";
import { readStatus } from "../lib/backend/native/addon";
import { tf } from "../lib/tf";
import { FusedAdam, FusedSgd } from "../lib/train/fused-optimizers";
import { makeOptimizer } from "../lib/train/optimizer";
import { random, trainSmallNet } from "./gradient-check";

before(async () => {
  const status = readStatus();
  assert.ok(status?.built, `set-up did not build the native addon: ${status?.reason ?? "no build status"}`);
  await prepareNativeBackend();
  await tf.setBackend("wasm");
});

const batch = 12;
const xs = random(batch * 20 * 20);
const labels = Array.from({ length: batch }, (_, i) => i % 10);

function assertIdentical(actual: Float32Array[], expected: Float32Array[], what: string): void {
  assert.equal(actual.length, expected.length);
  for (const [i, values] of actual.entries()) {
    const differing = values.findIndex((v, j) => !Object.is(v, expected[i][j]));
    assert.equal(differing, -1, `${what}: weight ${i}[${differing}] ${values[differing]} vs ${expected[i][differing]}`);
  }
}

describe("fused optimizer updates", () => {
  it("makeOptimizer gives the fused SGD and Adam on the native backend", () => {
    const sgd = makeOptimizer("sgd", 0.1);
    const adam = makeOptimizer("adam", 0.001);
    assert.ok(sgd instanceof FusedSgd);
    assert.ok(adam instanceof FusedAdam);
    sgd.dispose();
    adam.dispose();
  });

  it("SGD: tfjs's weights bit for bit after 5 steps", async () => {
    const fused = await trainSmallNet("wasm", xs, labels, 5, undefined, () => makeOptimizer("sgd", 0.1));
    const tfjs = await trainSmallNet("wasm", xs, labels, 5, undefined, () => tf.train.sgd(0.1));
    assertIdentical(fused, tfjs, "SGD");
  });

  it("Adam: tfjs's weights bit for bit after 5 steps, moments and bias correction included", async () => {
    const fused = await trainSmallNet("wasm", xs, labels, 5, undefined, () => makeOptimizer("adam", 0.01));
    const tfjs = await trainSmallNet("wasm", xs, labels, 5, undefined, () => tf.train.adam(0.01));
    assertIdentical(fused, tfjs, "Adam");
  });

  it("leaves a tensor that shares the variable's buffer as it was", () => {
    const updates = nativeOptimizerUpdates()!;
    const value = tf.variable(tf.tensor1d([1, 2, 3]));
    const shared = tf.clone(value); // the native Identity shares the buffer
    const gradient = tf.tensor1d([10, 10, 10]);
    updates.sgd(value, gradient, 0.1);
    assert.deepEqual([...value.dataSync()], [0, 1, 2]);
    assert.deepEqual([...shared.dataSync()], [1, 2, 3]);
    tf.dispose([value, shared, gradient]);
  });

  it("refuses tensors of different sizes or dtypes in one line", () => {
    const updates = nativeOptimizerUpdates()!;
    const value = tf.variable(tf.zeros([4]));
    const short = tf.zeros([3]);
    const ints = tf.zeros([4], "int32");
    assert.throws(
      () => updates.sgd(value, short, 0.1),
      /^Error: native optimizer update: expected float32 tensors of 4 values, got float32 \[3\]$/,
    );
    assert.throws(() => updates.sgd(value, ints, 0.1), /got int32 \[4\]/);
    assert.throws(() => updates.sgd(value, tf.zeros([4]), Number.NaN), /lr must be a finite number/);
    tf.dispose([value, short, ints]);
  });
});
