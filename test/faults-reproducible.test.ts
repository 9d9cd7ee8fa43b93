/**
 * Reproducible runs (issue 11, "Also required"): the same preset, seed and
 * backend give the same losses and accuracies, run after run, in fresh
 * processes: the train CLI twice, compared number for number.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { npmRun } from "./fault-helpers";

interface Epoch {
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
}

const LENET = ["--model", "lenet-relu", "--epochs", "2", "--train-limit", "1024", "--val-limit", "512"];
// The wasm training kernels lib adds (conv gradients, im2col, pooling) all run here.
const ALEXNET = [
  "--model",
  "alexnet",
  "--size",
  "68",
  "--epochs",
  "1",
  "--train-limit",
  "256",
  "--val-limit",
  "128",
  "--batch",
  "64",
];

function trainOnce(env: NodeJS.ProcessEnv, model = LENET): Epoch[] {
  const args = [...model, "--seed", "3", "--json"];
  const run = npmRun("train", args, { D2L_BACKEND: "wasm", ...env }, 180_000);
  assert.equal(run.status, 0, run.stderr);
  const { history } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { history: Epoch[] };
  return history.map(({ trainLoss, trainAccuracy, valLoss, valAccuracy }) => ({
    trainLoss,
    trainAccuracy,
    valLoss,
    valAccuracy,
  }));
}

describe("the same seed trains to the same numbers", () => {
  for (const threads of ["1", "2"]) {
    test(`wasm, ${threads} thread(s): two runs agree exactly`, { timeout: 400_000 }, () => {
      const first = trainOnce({ D2L_WASM_THREADS: threads });
      const second = trainOnce({ D2L_WASM_THREADS: threads });
      assert.equal(first.length, 2);
      assert.ok(first[1].trainLoss < first[0].trainLoss || first[1].valAccuracy > 0.1, "it trained");
      assert.deepEqual(second, first);
    });
  }

  test("wasm, 1 thread, AlexNet at 68×68: two runs agree exactly", { timeout: 400_000 }, () => {
    assert.deepEqual(trainOnce({ D2L_WASM_THREADS: "1" }, ALEXNET), trainOnce({ D2L_WASM_THREADS: "1" }, ALEXNET));
  });

  test("a different seed gives different numbers (the comparison can fail)", { timeout: 400_000 }, () => {
    const a = trainOnce({ D2L_WASM_THREADS: "1" });
    const args = [...LENET, "--seed", "4", "--json"];
    const run = npmRun("train", args, { D2L_BACKEND: "wasm", D2L_WASM_THREADS: "1" }, 180_000);
    const { history } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { history: Epoch[] };
    assert.notEqual(history[1].trainLoss, a[1].trainLoss);
  });
});

describe("seeded dropout", () => {
  test("masks change from step to step and repeat for the same model seed", async () => {
    const { tf, tfl } = await import("../lib/tf");
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
    const { seedDropout } = await import("../lib/models/seeded-dropout");
    const masks = (seed: number) => {
      const layer = seedDropout(tfl.layers.dropout({ rate: 0.5 }), seed);
      const x = tf.ones([64]);
      return [0, 1].map(() =>
        Array.from((layer.apply(x, { training: true }) as import("@tensorflow/tfjs-core").Tensor).dataSync()),
      );
    };
    const [first, second] = masks(5);
    assert.notDeepEqual(first, second, "a new mask each step");
    assert.deepEqual(masks(5), [first, second], "the same sequence for the same seed");
    assert.notDeepEqual(masks(6)[0], first, "another seed, other masks");
  });
});
